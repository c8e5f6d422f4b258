import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Item } from '@azure/cosmos';
import sinon from 'sinon';
import { CosmosScanAggregates } from '../../bot/storage/cosmos-aggregates';
import { withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';

/**
 * Counters are updated with the copy their last write returned (one conditional write), and
 * stay exact when another server instance writes the same counter in between: the stale copy
 * fails on its ETag and the counter is read again. Two aggregate writers on the app's own
 * store stand for two instances.
 */
describe('counter updates with the ETag of their last write', () => {
  const running = withRunningApp();
  let reads: sinon.SinonSpy;

  beforeEach(() => {
    reads = sinon.spy(Item.prototype, 'read');
  });
  afterEach(() => sinon.restore());

  it('writes without reading first, and loses no update when another instance wrote in between', async () => {
    const container = running.app.store.containers.aggregates;
    const tenantId = randomUUID();
    const scope = { kind: 'team' as const, id: `team-${randomUUID()}` };
    const id = CosmosScanAggregates.docId(scope);
    const readsOfCounter = () => reads.getCalls().filter((c) => (c.thisValue as Item).id === id).length;
    const a = new CosmosScanAggregates(container, testNow);
    const b = new CosmosScanAggregates(container, testNow);
    const started = (w: CosmosScanAggregates) => w.record(tenantId, [scope], { type: 'scan-started' });

    await started(a); // new counter: read (not there), create
    const first = readsOfCounter();
    await started(a);
    await started(a);
    assert.equal(readsOfCounter(), first, 'the next updates of the same instance read nothing');

    await started(b); // the other instance has no copy yet: it reads
    assert.equal(readsOfCounter(), first + 1);
    await started(a); // a's copy is stale now: refused by its ETag, read again, written
    assert.equal(readsOfCounter(), first + 2);
    await Promise.all([started(a), started(b), started(a), started(b)]);

    const stored = await a.get(tenantId, scope);
    assert.equal(stored?.inProgress, 9, 'every update counted once');
  });
});
