import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { CosmosScanAggregates } from '../../bot/storage/cosmos-aggregates';
import { TabClient } from '../unit/http/support/tab-client';

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

  it('gives half the teams a first and a later scan, so growth shows for the bigger ones and never below k', async () => {
    // Ghent's figures were loaded by the test before.
    const api = new TabClient(running.app.url);
    const k = gent.tenant.anonymityThreshold;
    const members = (teamId: string) => gent.users.filter((u) => u.teamId === teamId).length;
    const shown = new Map<string, number | null>();
    for (const team of gent.teams) {
      const res = await api.get<{ growth: { people: number } | null }>(
        `/api/v1/teams/${team.id}/dashboard`,
        await api.devToken(gent.tenant.id, team.leaderId),
      );
      assert.equal(res.status, 200, res.text);
      shown.set(team.id, res.body.growth?.people ?? null);
    }
    const withGrowth = [...shown].filter(([, people]) => people !== null);
    assert.ok(withGrowth.length > 0, 'some teams show growth');
    assert.ok(withGrowth.length < gent.teams.length, 'others are still at "not yet"');
    for (const [teamId, people] of withGrowth) assert.ok(people! >= k, `${teamId}: ${people} people, at least ${k}`);
    for (const team of gent.teams.filter((t) => members(t.id) < k)) assert.equal(shown.get(team.id), null, team.id);

    const admin = await api.devToken(gent.tenant.id, gent.tenant.programmeAdmins[0]);
    const programme = await api.get<{ growth: { people: number; domains: unknown[] } | null }>(
      '/api/v1/programme',
      admin,
    );
    assert.ok(programme.body.growth && programme.body.growth.people >= k, JSON.stringify(programme.body.growth));
    assert.ok(programme.body.growth.domains.length > 0);
  });
});
