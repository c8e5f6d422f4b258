import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { CosmosScanAggregates } from '../../bot/storage/cosmos-aggregates';

const [gent, wk] = demoSeeds;

interface Answer {
  written: boolean;
  reason?: string;
  completions?: number;
}

/**
 * "Voorbeeldcijfers laden" in development: it never mixes example figures with real scans,
 * and says which municipality it left alone and why, instead of a plain "ready".
 */
describe('loading the example figures (development)', function () {
  this.timeout(60_000);
  const running = withRunningApp();

  const load = async (tenantId: string): Promise<Answer> => {
    const res = await fetch(`${running.app.url}/dev/demo-figures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId }),
    });
    assert.equal(res.status, 200);
    return (await res.json()) as Answer;
  };

  it('skips a municipality where two colleagues really took the scan, and says how many', async () => {
    const aggregates = new CosmosScanAggregates(running.app.store.containers.aggregates, () => testNow());
    for (let i = 0; i < 2; i++)
      await aggregates.record(wk.tenant.id, [{ kind: 'tenant', id: wk.tenant.id }], {
        type: 'scan-completed',
        levels: {},
        targets: {},
        previous: null,
        month: '2026-11',
        itemsAsked: 40,
      });
    await aggregates.flush();
    assert.deepEqual(await load(wk.tenant.id), { written: false, reason: 'real-scans', completions: 2 });
  });

  it('fills a municipality without scans, and a second time says they are already there (not "real scans")', async () => {
    const first = await load(gent.tenant.id);
    assert.equal(first.written, true);
    const again = await load(gent.tenant.id);
    assert.equal(again.written, false);
    assert.equal(again.reason, 'already-loaded');
  });
});
