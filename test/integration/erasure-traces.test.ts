import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { demoSeeds, demoUser } from '../helpers/demo';
import { askForHelp, helpAndRate } from '../helpers/help-driver';
import { finishScan } from '../helpers/scan-driver';
import { TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

type Doc = Record<string, unknown> & { id: string };

/** Every document in every container of the database, as the database lists them. */
async function everyDocument(app: App): Promise<Map<string, Doc[]>> {
  const out = new Map<string, Doc[]>();
  const { resources: containers } = await app.store.database.containers.readAll().fetchAll();
  for (const { id } of containers) {
    const { resources } = await app.store.database.container(id).items.readAll<Doc>().fetchAll();
    out.set(id, resources);
  }
  return out;
}

/** Where in a document a value holds the id (the id itself or text containing it), as dotted paths. */
function pathsHolding(node: unknown, id: string, at = ''): string[] {
  if (typeof node === 'string') return node.includes(id) ? [at] : [];
  if (Array.isArray(node)) return node.flatMap((v, i) => pathsHolding(v, id, `${at}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) => [
      ...(k.includes(id) ? [`${at ? `${at}.` : ''}${k} (key)`] : []),
      ...pathsHolding(v, id, at ? `${at}.${k}` : k),
    ]);
  return [];
}

/**
 * After an erasure, nothing in the store carries the person's id but what the README says
 * stays, and why: the "no reminders" choice (so erasure does not switch reminders back on)
 * and the organisation's own directory (their person record, a team they lead), which the
 * municipality keeps, not the person.
 */
describe('erasure leaves no trace of the person', function () {
  this.timeout(120_000);
  let app: App;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  let api: TabClient;
  const clock = new FakeClock(TUESDAY_MORNING);
  const data = tempDir('dv-erasure-');
  const leader = demoUser('leader');
  const seed = demoSeeds.find((s) => s.tenant.id === leader.tenantId)!;
  const team = seed.teams.find((t) => t.leaderId === leader.aadObjectId)!;
  const adminId = seed.tenant.programmeAdmins[0];
  const as = (user: TeamsUser) => new TeamsTestClient(app.url, conn.connector, conn.url, user, () => app.settle());
  const personAsUser = (id: string): TeamsUser => {
    const p = seed.users.find((u) => u.id === id)!;
    return { tenantId: seed.tenant.id, aadObjectId: p.id, name: p.name, locale: p.preferredLocale ?? 'nl-NL' };
  };

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ dataDir: data.dir, clock, scheduler: false });
    api = new TabClient(app.url);
  });
  after(async () => {
    await app?.stop();
    await conn?.close();
    data.remove();
  });

  it('after a leader used everything the app offers and erased their data, no document holds their id but the documented ones', async () => {
    const id = leader.aadObjectId;
    const t = await api.devToken(leader.tenantId, id);
    const c = as(leader);
    // Everything a leader can leave behind: a scan with modules, help asked, rated and still open,
    // the leadership scan, a team reminder, a monthly round's card, an export and the "no reminders" choice.
    await c.say('scan');
    await finishScan(c, (await c.tap('scan.begin', { profile: 'beleidsmedewerker' })).card!);
    await c.say('modules');
    const closed = await askForHelp(c, 'Hoe deel ik mijn scherm in Teams?', 'Kantoor, kamer 2');
    await helpAndRate(c, as(personAsUser(closed.coachId)), closed.offer, clock, {
      minutes: 7,
      rating: 5,
      comment: 'Top',
    });
    await askForHelp(c, 'Waar vind ik mijn verlof?', 'Thuis');
    assert.equal(
      (await api.call('POST', '/api/v1/leadership/answers', { token: t, body: { answers: { 'lead-01': 4 } } })).status,
      200,
    );
    const nudge = await api.call('POST', `/api/v1/teams/${team.id}/nudge`, { token: t });
    assert.equal(nudge.status, 200, nudge.text);
    const round = await api.call('POST', '/api/v1/admin/campaigns', {
      token: await api.devToken(seed.tenant.id, adminId),
    });
    assert.ok([200, 201, 202].includes(round.status), round.text);
    await app.runCampaigns();
    assert.equal((await api.call('GET', '/api/v1/me/data/export', { token: t })).status, 200);
    assert.equal(
      (await api.call('PUT', '/api/v1/me/reminders', { token: t, body: { remindersOff: true } })).status,
      200,
    );
    await app.settle();
    const before = await everyDocument(app);
    const traces = (docs: Map<string, Doc[]>) =>
      [...docs].flatMap(([container, list]) =>
        list.filter((d) => JSON.stringify(d).includes(id)).map((d) => `${container}/${d.id}`),
      );
    assert.ok(
      traces(before).some((d) => d.startsWith('schedule/nudge|team|')),
      'the team reminder was recorded',
    );

    const erased = await api.call('POST', '/api/v1/me/data/delete', { token: t, body: { confirm: 'yes' } });
    assert.equal(erased.status, 200, erased.text);
    await app.settle();

    const after = await everyDocument(app);
    assert.deepEqual([...after.keys()].sort(), [
      'aggregates',
      'content',
      'scans',
      'schedule',
      'tenants',
      'tickets',
      'users',
    ]);
    // What stays, and why (README, Privacy: Erasure): the "no reminders" choice, kept on purpose so erasure
    // does not switch reminders back on; and the municipality's directory (seeded, imported or from Graph), which is
    // the organisation's record of its people, not something the person gave the app: their own person record,
    // colleagues' records naming them as manager, their team naming them as leader, and the dashboards' copy of it.
    const allowed = (where: string, paths: string[]): boolean => {
      if (where === 'users/nudge-optout') return paths.every((p) => p === 'userId' || p === 'userKey');
      if (where === `tenants/person:${id}`) return true;
      if (where.startsWith('tenants/person:')) return paths.every((p) => p === 'managerId');
      if (where === `tenants/unit:${team.id}`) return paths.every((p) => p === 'leaderId');
      if (where === 'aggregates/dashboard|org') return paths.every((p) => p === `units.team|${team.id}.leaderId`);
      return false;
    };
    const remaining = [...after].flatMap(([container, list]) =>
      list
        .map((d) => ({ where: `${container}/${d.id}`, paths: pathsHolding(d, id) }))
        .filter((r) => r.paths.length > 0),
    );
    assert.deepEqual(
      remaining.filter((r) => !allowed(r.where, r.paths)),
      [],
      'documents that still hold the erased id',
    );
    assert.ok(
      remaining.some((r) => r.where === 'users/nudge-optout'),
      'the "no reminders" choice stays',
    );
    const remindersOff = after.get('users')!.find((d) => d.id === 'nudge-optout' && d.userId === id)!;
    assert.deepEqual(
      Object.keys(remindersOff)
        .filter((k) => !k.startsWith('_'))
        .sort(),
      ['docType', 'id', 'remindersOff', 'tenantId', 'updatedAt', 'userId', 'userKey'],
      'the choice and nothing more',
    );
    const nudgeRecord = after.get('schedule')!.find((d) => d.id === `nudge|team|${team.id}`)!;
    assert.equal(nudgeRecord.sentBy, 'erased', 'the team keeps its 7-day limit, without who sent it');
  });
});
