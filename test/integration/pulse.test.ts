import assert from 'node:assert/strict';
import type { MyProgress } from '../../bot/domain/progress/my-progress';
import type { PulseOverview } from '../../bot/http/pulse-routes';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, walk } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

/**
 * The feedback pulse through the real server and store: offered once a module is finished,
 * answered once, stored without the person, and on the programme view only from the
 * threshold up.
 */
describe('the feedback pulse after a finished module: optional, anonymous, once', function () {
  this.timeout(120_000);
  const running = withRunningApp();
  const me = demoUser('employee');
  const tenant = demoSeeds.find((s) => s.tenant.id === me.tenantId)!.tenant;

  it('offers a valid pulse card after "afgerond", stores the answer as counts only, and takes it once', async () => {
    const { app, conn } = running;
    const chat = new TeamsTestClient(app.url, conn.connector, conn.url, me, () => app.settle());
    await chat.say('scan');
    const start = await chat.tap('scan.begin', { profile: 'buitendienst' });
    await finishScan(chat, start.card!, (o) => o[0]);
    const api = new TabClient(app.url);
    const token = await api.devToken(me.tenantId, me.aadObjectId);
    const module = (await api.get<MyProgress>('/api/v1/me/progress', token)).body.advice[0];

    const started = await chat.tap('module.mark', { module: module.id, state: 'started' });
    assert.equal(started.replies.length, 0, 'no pulse for "begonnen"');
    const finished = await chat.tap('module.mark', { module: module.id, state: 'finished' }, 1);
    const pulse = cardOf(finished.replies[0]);
    assertValidCard(pulse, 'pulse card');
    const inputs: Array<Record<string, unknown>> = [];
    walk(pulse, (el) => void (el.type === 'Input.ChoiceSet' && inputs.push(el)));
    assert.deepEqual(
      inputs.map((i) => [i.id, i.label, i.isRequired]),
      [
        ['useful', 'Hoe nuttig was dit voor je?', true],
        ['recommend', 'Zou je het een collega aanraden?', false],
      ],
      'at most two questions; the second is optional',
    );
    assert.match(cardText(pulse), /anoniem/);

    const answered = await chat.tap('pulse.answer', { about: 'module', ref: module.id, useful: '4', recommend: '' });
    assert.match(cardText(answered.card!), /Dank je/);
    const again = await chat.tap('pulse.answer', { about: 'module', ref: module.id, useful: '1', recommend: 'no' });
    assert.match(cardText(again.card!), /al op geantwoord/);
    await app.settle();

    const { resources } = await app.store.containers.aggregates.items
      .query<Record<string, unknown>>("SELECT * FROM c WHERE STARTSWITH(c.id, 'pulse|')")
      .fetchAll();
    const stored = JSON.stringify(resources);
    assert.ok(!stored.includes(me.aadObjectId), 'no pulse document holds the person’s id');
    assert.ok(!stored.includes(me.name), 'nor their name');
    const topic = resources.find((r) => r.id === `pulse|topic|module:${module.id}`);
    assert.deepEqual(
      [topic?.answers, topic?.usefulSum, topic?.recommendYes, topic?.recommendNo],
      [1, 4, 0, 0],
      'one answer counted, the second refused',
    );
    const finishedAgain = await chat.tap('module.mark', { module: module.id, state: 'finished' });
    assert.equal(finishedAgain.replies.length, 0, 'answered: not offered again');
  });

  it('shows the programme team nothing below the threshold, and only admins at all', async () => {
    const { app } = running;
    const api = new TabClient(app.url);
    const admin = await api.devToken(tenant.id, tenant.programmeAdmins[0]);
    const res = await api.get<PulseOverview>('/api/v1/programme/pulse', admin);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.topics, [], 'one answer is fewer than the threshold');
    const employee = await api.devToken(me.tenantId, me.aadObjectId);
    assert.equal((await api.get('/api/v1/programme/pulse', employee)).status, 403);
  });
});
