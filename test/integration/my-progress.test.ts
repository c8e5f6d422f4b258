import assert from 'node:assert/strict';
import type { MyProgress } from '../../bot/domain/progress/my-progress';
import { withRunningApp } from '../helpers/app';
import { demoUser } from '../helpers/demo';
import { finishScan } from '../helpers/scan-driver';
import { TeamsTestClient } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

/**
 * "Mijn voortgang" through the real server and store: an employee who took the scan and
 * started a module sees their own levels, advice and states; a colleague of the same
 * organisation sees none of it, whatever they put in the request.
 */
describe('the tab API: Mijn voortgang shows the caller their own progress and nobody else’s', function () {
  this.timeout(120_000);
  const running = withRunningApp();
  const me = demoUser('employee');
  const colleague = demoUser('leader');

  it('after the scan and a started module: levels against the target, the advice with its states, and the catalogue', async () => {
    const { app, conn } = running;
    const chat = new TeamsTestClient(app.url, conn.connector, conn.url, me);
    await chat.say('scan');
    const start = await chat.tap('scan.begin', { profile: 'buitendienst' });
    await finishScan(chat, start.card!, (o) => o[0]);
    const api = new TabClient(app.url);
    const token = await api.devToken(me.tenantId, me.aadObjectId);
    const first = await api.get<MyProgress>('/api/v1/me/progress', token);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const p = first.body;
    assert.ok(p.result, 'the result is there');
    assert.ok(p.result.domains.length > 0);
    for (const d of p.result.domains) {
      assert.ok(d.level >= 1 && d.level <= 4 && d.target >= 1 && d.target <= 4, JSON.stringify(d));
      assert.equal(d.first, null, 'one scan: no first scan to compare with');
    }
    assert.equal(p.result.firstCompletedAt, null);
    assert.ok(p.advice.length > 0, 'the lowest answers give advice');
    assert.ok(p.advice.every((m) => m.state === null));
    assert.ok(p.catalogue.length >= p.advice.length);
    for (const m of [...p.catalogue, ...p.advice])
      assert.doesNotMatch(`${m.title} ${m.summary}`, /[{}]/, `${m.id} names systems in words, not placeholders`);
    assert.ok(
      p.catalogue.some((m) => /intranet/.test(m.title)),
      'the intranet module reads "Het intranet verkennen"',
    );
    assert.equal(p.events, null, 'no events on this server: no list, not an empty one');

    await chat.tap('module.mark', { module: p.advice[0].id, state: 'started' });
    const after = await api.get<MyProgress>('/api/v1/me/progress', token);
    assert.equal(after.body.advice[0].state, 'started');
  });

  it('gives a colleague only their own (empty) progress, also when they name someone else in the request', async () => {
    const { app } = running;
    const api = new TabClient(app.url);
    const token = await api.devToken(colleague.tenantId, colleague.aadObjectId);
    for (const path of [
      '/api/v1/me/progress',
      `/api/v1/me/progress?userId=${me.aadObjectId}`,
      `/api/v1/me/progress?user=${me.aadObjectId}&tenantId=${me.tenantId}`,
    ]) {
      const res = await api.get<MyProgress>(path, token);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.result, null, path);
      assert.deepEqual(res.body.advice, [], path);
    }
    const other = await api.get(`/api/v1/users/${me.aadObjectId}/progress`, token);
    assert.equal(other.status, 404, 'there is no way to ask for someone else’s progress');
    const anonymous = await api.get('/api/v1/me/progress');
    assert.equal(anonymous.status, 401);
  });
});
