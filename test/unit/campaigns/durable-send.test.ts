import assert from 'node:assert/strict';
import {
  type AfterInterruption,
  DurableSend,
  type SendItem,
  type SendItemStore,
} from '../../../bot/domain/delivery/durable-send';
import { AppError } from '../../../bot/domain/errors';
import type { Versioned } from '../../../bot/domain/scan/scan-types';
import { createLogger } from '../../../bot/logger';
import { FakeClock } from '../../fakes/fake-clock';

const NOW = '2026-12-01T09:00:00.000Z';
const LEASE_MS = 60_000;
const log = createLogger('silent');

interface Item extends SendItem {
  id: string;
}

/** One stored item with Cosmos' ETag rule: a replace with a stale ETag is a conflict. */
class OneItemStore implements SendItemStore<Item> {
  private seq = 0;
  stored: Versioned<Item>;
  /** The next replace lands but its answer is lost (a reset connection). */
  loseNextAnswer = false;

  constructor(item: Partial<Item> = {}) {
    this.stored = {
      value: { id: 'i1', status: 'queued', availableAt: NOW, lease: null, attempts: 0, updatedAt: NOW, ...item },
      etag: '"0"',
    };
  }

  async replace(item: Item, etag: string): Promise<Versioned<Item>> {
    if (etag !== this.stored.etag) throw new AppError('conflict', 409, 'error.conflict');
    this.stored = { value: structuredClone(item), etag: `"${++this.seq}"` };
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error('read ECONNRESET');
    }
    return structuredClone(this.stored);
  }

  async reread(): Promise<Versioned<Item>> {
    return structuredClone(this.stored);
  }

  /** What a query for due items would hand an instance now. */
  read(): Versioned<Item> {
    return structuredClone(this.stored);
  }
}

function instances(store: OneItemStore, afterInterruption: AfterInterruption = 'uncertain') {
  const clock = new FakeClock(NOW);
  const make = (owner: string) =>
    new DurableSend<Item>({
      store,
      clock,
      log,
      owner,
      leaseMs: LEASE_MS,
      afterInterruption,
      describe: (i) => ({ id: i.id }),
    });
  return { clock, a: make('instance-a'), b: make('instance-b') };
}

/** Sends the way the outbound queue does: the guard claims right before the "HTTP call". */
async function sendThrough(attempt: { claim(): Promise<boolean> }, sent: string[], who: string): Promise<boolean> {
  if (!(await attempt.claim())) return false;
  sent.push(who);
  return true;
}

describe('the durable send item: lease, just-in-time claim, settle', () => {
  it('lets one of two instances that read the same item lease it (ETag); the other leaves it', async () => {
    const store = new OneItemStore();
    const { a, b } = instances(store);
    const found = store.read();
    const [ta, tb] = [await a.take(found), await b.take(found)];
    assert.equal(ta.kind, 'send');
    assert.equal(tb.kind, 'lost');
    assert.equal(store.stored.value.status, 'queued', 'a lease sends nothing and claims nothing yet');
    assert.equal(store.stored.value.lease?.owner, 'instance-a');
    assert.equal(store.stored.value.availableAt, '2026-12-01T09:01:00.000Z');
  });

  it('leaves a leased item alone until the lease runs out; then another instance sends it once, and the first cannot claim it any more', async () => {
    const store = new OneItemStore();
    const { clock, a, b } = instances(store);
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    assert.equal((await b.take(store.read())).kind, 'lost', 'still leased');
    // A stalls (a long wait for a send slot, or it died before its turn came): nothing is in flight.
    clock.advance(LEASE_MS + 1);
    const tb = await b.take(store.read());
    assert.ok(tb.kind === 'send');
    const sent: string[] = [];
    assert.equal(await sendThrough(a.attempt(ta.item), sent, 'a'), false, 'its claim loses: the ETag moved');
    const attempt = b.attempt(tb.item);
    assert.equal(await sendThrough(attempt, sent, 'b'), true);
    assert.equal(await b.settle(attempt.current, { status: 'sent' }), true);
    assert.deepEqual(sent, ['b']);
    assert.equal(store.stored.value.status, 'sent');
    assert.equal(store.stored.value.attempts, 1);
    assert.equal(store.stored.value.lease, null);
  });

  it('writes "sending" only at the claim, renewing the lease from that moment', async () => {
    const store = new OneItemStore();
    const { clock, a } = instances(store);
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    clock.advance(30_000); // waiting for a send slot
    const attempt = a.attempt(ta.item);
    assert.equal(await attempt.claim(), true);
    assert.equal(store.stored.value.status, 'sending');
    assert.equal(store.stored.value.availableAt, '2026-12-01T09:01:30.000Z');
    assert.equal(await attempt.claim(), true, "the queue's retry after a 5xx is still ours");
    assert.equal(store.stored.value.attempts, 1, 'one delivery, however many HTTP tries');
  });

  it('holds an item a minute before the claim, and for the whole lease once its HTTP call is in flight', async () => {
    const store = new OneItemStore();
    const clock = new FakeClock(NOW);
    const a = new DurableSend<Item>({
      store,
      clock,
      log,
      owner: 'instance-a',
      leaseMs: 5 * 60_000,
      afterInterruption: 'uncertain',
      describe: (i) => ({ id: i.id }),
    });
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    assert.equal(store.stored.value.availableAt, '2026-12-01T09:01:00.000Z', 'a crash now delays it a minute');
    await a.attempt(ta.item).claim();
    assert.equal(store.stored.value.availableAt, '2026-12-01T09:05:00.000Z', 'nobody looks at a call in flight');
  });

  it('marks an item in flight when its sender died "uncertain" and never sends it again (campaigns)', async () => {
    const store = new OneItemStore();
    const { clock, a, b } = instances(store, 'uncertain');
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    assert.equal(await a.attempt(ta.item).claim(), true);
    // A is killed during the HTTP call. Before its lease ends, nobody touches the item.
    assert.equal((await b.take(store.read())).kind, 'lost');
    clock.advance(LEASE_MS + 1);
    assert.equal((await b.take(store.read())).kind, 'settled');
    assert.equal(store.stored.value.status, 'uncertain');
    assert.equal(store.stored.value.interruptions, 1);
    assert.equal((await b.take(store.read())).kind, 'lost', 'an uncertain item is done');
  });

  it('sends an item in flight when its sender died again, on record as a possible duplicate (coach news)', async () => {
    const store = new OneItemStore();
    const { clock, a, b } = instances(store, 'resend');
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    assert.equal(await a.attempt(ta.item).claim(), true);
    clock.advance(LEASE_MS + 1);
    const tb = await b.take(store.read());
    assert.ok(tb.kind === 'send');
    const attempt = b.attempt(tb.item);
    assert.equal(await attempt.claim(), true);
    assert.equal(await b.settle(attempt.current, { status: 'sent' }), true);
    assert.deepEqual(
      {
        status: store.stored.value.status,
        attempts: store.stored.value.attempts,
        interruptions: store.stored.value.interruptions,
      },
      { status: 'sent', attempts: 2, interruptions: 1 },
    );
  });

  it('keeps what a slow sender knows over "uncertain", but not over another instance that resent the item', async () => {
    const uncertain = new OneItemStore();
    {
      const { clock, a, b } = instances(uncertain, 'uncertain');
      const ta = await a.take(uncertain.read());
      assert.ok(ta.kind === 'send');
      const attempt = a.attempt(ta.item);
      await attempt.claim();
      clock.advance(LEASE_MS + 1); // the HTTP call outlives the lease
      await b.take(uncertain.read());
      assert.equal(uncertain.stored.value.status, 'uncertain');
      assert.equal(await a.settle(attempt.current, { status: 'sent' }), true);
      assert.equal(uncertain.stored.value.status, 'sent', 'delivered, and now known');
    }
    const resent = new OneItemStore();
    {
      const { clock, a, b } = instances(resent, 'resend');
      const ta = await a.take(resent.read());
      assert.ok(ta.kind === 'send');
      const slow = a.attempt(ta.item);
      await slow.claim();
      clock.advance(LEASE_MS + 1);
      const tb = await b.take(resent.read());
      assert.ok(tb.kind === 'send');
      const fresh = b.attempt(tb.item);
      await fresh.claim();
      assert.equal(await a.settle(slow.current, { status: 'failed' }), false, 'b owns it now');
      assert.equal(resent.stored.value.status, 'sending');
      assert.equal(resent.stored.value.lease?.owner, 'instance-b');
    }
  });

  it('puts a refused (429) item back to queued while the queue waits, so dying then leaves nothing uncertain', async () => {
    const store = new OneItemStore();
    const { clock, a, b } = instances(store, 'uncertain');
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    const attempt = a.attempt(ta.item);
    await attempt.claim();
    await attempt.refused();
    assert.equal(store.stored.value.status, 'queued');
    assert.equal(store.stored.value.lease?.owner, 'instance-a', 'still leased: the retry is this instance’s');
    // Killed while waiting for the Retry-After: the next instance sends it, once.
    clock.advance(LEASE_MS + 1);
    const tb = await b.take(store.read());
    assert.ok(tb.kind === 'send');
    const sent: string[] = [];
    const again = b.attempt(tb.item);
    await sendThrough(again, sent, 'b');
    await b.settle(again.current, { status: 'sent' });
    assert.deepEqual(sent, ['b']);
    assert.equal(store.stored.value.status, 'sent');
    assert.equal(store.stored.value.interruptions, undefined, 'never uncertain');
  });

  it('claims and settles once when the store’s answer is lost but the write landed', async () => {
    const store = new OneItemStore();
    const { a } = instances(store);
    const ta = await a.take(store.read());
    assert.ok(ta.kind === 'send');
    const attempt = a.attempt(ta.item);
    store.loseNextAnswer = true;
    assert.equal(await attempt.claim(), true, 'its own "sending" is found on a second look');
    assert.equal(store.stored.value.attempts, 1);
    store.loseNextAnswer = true;
    assert.equal(await a.settle(attempt.current, { status: 'sent' }), true);
    assert.equal(store.stored.value.status, 'sent');
  });
});
