import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CosmosScanRepository } from '../../bot/storage/cosmos-scan-repository';
import { withRunningApp } from '../helpers/app';
import { cardVerbs } from '../helpers/cards';
import { finishScan } from '../helpers/scan-driver';
import { TeamsTestClient } from '../helpers/teams';

/**
 * A scan whose completed session is stored but whose result is not (the server stopped right
 * after the last answer): the sweep finds it on the store and stores the result, with the
 * levels the person was shown.
 */
describe('the sweep of scan results not stored after the last answer', () => {
  const running = withRunningApp();

  it('finds the completed session on the store and stores its result', async () => {
    const c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, {
      tenantId: randomUUID(),
      aadObjectId: randomUUID(),
      name: 'Noor Sweep',
      locale: 'nl-NL',
    });
    await c.say('scan');
    const start = await c.tap('scan.begin', { profile: 'buitendienst' });
    const { card } = await finishScan(c, start.card!);
    assert.ok(cardVerbs(card).includes('modules.show'), 'the result card is shown');
    await running.app.settle();

    const container = running.app.store.containers.scans;
    const repo = new CosmosScanRepository(container);
    const { tenantId, aadObjectId: userId } = c.user;
    const shown = (await repo.latestResult(tenantId, userId))!.value;
    // As if the server had stopped before the result was written.
    await container.item(`result:${shown.resultId}`, `${tenantId}|${userId}`).delete();
    assert.equal(await repo.hasResult(tenantId, userId, shown.resultId), false);
    const since = new Date(Date.parse(shown.completedAt) - 1000).toISOString();
    assert.ok((await repo.completedSince(since)).some((s) => s.userId === userId && s.sessionId === shown.resultId));

    assert.ok((await running.app.runMissingResults(24 * 3600_000)) >= 1);
    assert.equal(await repo.hasResult(tenantId, userId, shown.resultId), true);
    assert.deepEqual((await repo.latestResult(tenantId, userId))!.value.levels, shown.levels);
    assert.equal(await running.app.runMissingResults(24 * 3600_000), 0, 'nothing left to store');
  });
});
