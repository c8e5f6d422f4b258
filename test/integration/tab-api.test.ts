import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { runningTestClock } from '../helpers/clock';
import { cardOf, TeamsTestClient } from '../helpers/teams';
import { cardText } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { TabClient } from '../unit/http/support/tab-client';
import { rank } from '../helpers/rank';

const [gent, wk] = demoSeeds;
const leaderOf = (seed: (typeof demoSeeds)[number], teamId: string) =>
  seed.teams.find((t) => t.id === teamId)!.leaderId;
const membersOf = (seed: (typeof demoSeeds)[number], teamId: string) => seed.users.filter((u) => u.teamId === teamId);

interface Dashboard {
  withheld: string | null;
  participation: {
    members: number;
    completed: number;
    inProgress: number;
    notStarted: number;
    rate: number;
    goal: number;
  } | null;
  results: {
    respondents: number;
    domains: Array<{ domain: string; levels: number[]; atTargetRate: number | null }>;
    topDevelopment: string[];
  } | null;
  resultsWithheld: string | null;
  followUp: {
    modules: { followThroughRate: number; goal: number };
    funnel: { scanned: number; intake: number; training: number };
  } | null;
  help: { requests: number } | null;
  trend: Array<{ month: string; completions: number }> | null;
  domains: Array<{ id: string; name: string }>;
  nudge: { lastSentAt: string | null; nextAllowedAt: string | null };
}

/**
 * The tab's API with development identities: who may see what, anonymity on the real
 * demo organisation, the leadership scan's privacy, the nudge through the bot, and the
 * answers to bad input.
 */
describe('the tab API (development identities)', function () {
  this.timeout(60_000);
  let api: TabClient;
  const clock = runningTestClock();
  const token = (seed: (typeof demoSeeds)[number], userId: string) => api.devToken(seed.tenant.id, userId);

  const running = withRunningApp({ clock });
  before(async () => {
    api = new TabClient(running.app.url);
    for (const seed of demoSeeds) {
      const res = await api.post('/dev/demo-figures', undefined, { tenantId: seed.tenant.id });
      assert.equal(res.status, 200, res.text);
    }
  });

  describe('bad input', () => {
    it('answers 401 without a token, with a malformed one and with a forged one', async () => {
      assert.equal((await api.get('/api/v1/teams/mine')).status, 401);
      assert.equal((await api.call('GET', '/api/v1/leadership', { authorization: 'Bearer not.a.token' })).status, 401);
      assert.equal((await api.call('GET', '/api/v1/programme', { authorization: 'Basic abc' })).status, 401);
      const real = await token(gent, demoUser('leader').aadObjectId);
      const [h, p] = real.split('.');
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), oid: gent.tenant.programmeAdmins[0] })).toString('base64url')}.${real.split('.')[2]}`;
      const res = await api.get('/api/v1/programme', forged);
      assert.equal(res.status, 401);
      assert.equal((res.body as { error: string }).error, 'unauthenticated');
    });

    it('answers 403 to a leader asking for another team, and to an employee or a leader on the programme routes', async () => {
      const leader = demoUser('leader');
      const t = await token(gent, leader.aadObjectId);
      const other = gent.teams.find((x) => x.leaderId !== leader.aadObjectId)!;
      assert.equal((await api.get(`/api/v1/teams/${other.id}/dashboard`, t)).status, 403);
      assert.equal((await api.post(`/api/v1/teams/${other.id}/nudge`, t)).status, 403);
      for (const path of [
        '/api/v1/programme',
        '/api/v1/programme/units',
        '/api/v1/programme/coaches',
        '/api/v1/programme/export.csv',
        `/api/v1/programme/departments/${gent.departments[0].id}`,
      ]) {
        assert.equal((await api.get(path, t)).status, 403, `leader on ${path}`);
        assert.equal(
          (await api.get(path, await token(gent, demoUser('employee').aadObjectId))).status,
          403,
          `employee on ${path}`,
        );
      }
    });

    it('answers 404 to unknown ids, and 400 to malformed JSON and invalid bodies', async () => {
      const admin = await token(gent, gent.tenant.programmeAdmins[0]);
      const leader = await token(gent, demoUser('leader').aadObjectId);
      assert.equal((await api.get('/api/v1/teams/gt-team-bestaat-niet/dashboard', leader)).status, 404);
      assert.equal((await api.get('/api/v1/teams/%3Cscript%3E/dashboard', leader)).status, 404);
      assert.equal((await api.get('/api/v1/programme/departments/gt-dep-bestaat-niet', admin)).status, 404);
      assert.equal(
        (await api.get(`/api/v1/programme/departments/${gent.locations[0].id}`, admin)).status,
        404,
        'a location is not a department',
      );
      assert.equal((await api.get('/api/v1/leadership/result', leader)).status, 404, 'no result before the scan');
      const malformed = await api.call('POST', '/api/v1/leadership/answers', {
        token: leader,
        rawBody: '{"answers": {',
      });
      assert.equal(malformed.status, 400);
      assert.equal(
        (await api.call('POST', '/api/v1/leadership/answers', { token: leader, rawBody: '[1,2]' })).status,
        400,
      );
      assert.equal(
        (await api.call('PUT', '/api/v1/me/reminders', { token: leader, body: { remindersOff: 'ja' } })).status,
        400,
      );
    });
  });

  describe('a leader’s team dashboard', () => {
    it('shows participation as numbers against the 95 % goal, levels per domain, follow-through, help and trend', async () => {
      const leader = demoUser('leader');
      const t = await token(gent, leader.aadObjectId);
      const mine = await api.get<{ teams: Array<{ id: string }> }>('/api/v1/teams/mine', t);
      assert.deepEqual(
        mine.body.teams.map((x) => x.id),
        [leader.teamId],
      );
      const res = await api.get<Dashboard>(`/api/v1/teams/${leader.teamId}/dashboard`, t);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const d = res.body;
      assert.equal(d.withheld, null);
      assert.equal(d.participation!.members, membersOf(gent, leader.teamId!).length);
      assert.equal(
        d.participation!.completed + d.participation!.inProgress + d.participation!.notStarted,
        d.participation!.members,
      );
      assert.equal(d.participation!.goal, 0.95);
      assert.ok(d.results && d.results.respondents >= 5, 'results from at least five respondents');
      for (const dom of d.results.domains) assert.equal(dom.levels.length, 4);
      assert.ok(d.followUp && d.followUp.modules.goal === 0.75);
      assert.equal(d.trend!.length, 12);
      assert.ok(d.domains.some((x) => x.name === 'Veiligheid & privacy'));
    });

    it('never names a colleague: no user id or name of the team appears in the answer', async () => {
      const leader = demoUser('leader');
      const res = await api.get(`/api/v1/teams/${leader.teamId}/dashboard`, await token(gent, leader.aadObjectId));
      for (const u of membersOf(gent, leader.teamId!)) {
        assert.ok(!res.text.includes(u.id), `id of ${u.name}`);
        assert.ok(!res.text.includes(u.name), u.name);
      }
    });

    it('withholds a team of fewer than five (the 3-person team) and its department’s only other team', async () => {
      const small = wk.teams.find((x) => x.id === 'wk-team-begraafplaatsen')!;
      const sibling = wk.teams.find((x) => x.id === 'wk-team-buitendienst')!;
      const a = await api.get<Dashboard>(`/api/v1/teams/${small.id}/dashboard`, await token(wk, small.leaderId));
      assert.equal(a.status, 200);
      assert.equal(a.body.withheld, 'below-threshold');
      assert.equal(a.body.participation, null);
      assert.equal(a.body.results, null);
      assert.doesNotMatch(
        JSON.stringify({ ...a.body, domains: [], nudge: null }),
        /"(members|completed|respondents|requests)":\d/,
      );
      const b = await api.get<Dashboard>(`/api/v1/teams/${sibling.id}/dashboard`, await token(wk, sibling.leaderId));
      assert.equal(b.body.withheld, 'complementary');
      assert.equal(b.body.participation, null);
    });
  });

  describe('the programme dashboard', () => {
    it('shows the tenant, a department and a location, and lists them to choose from', async () => {
      const admin = await token(wk, wk.tenant.programmeAdmins[0]);
      const tenantView = await api.get<Dashboard>('/api/v1/programme', admin);
      assert.equal(tenantView.status, 200);
      assert.equal(tenantView.body.participation!.members, wk.users.length);
      const filters = await api.get<{ tenant: { name: string }; departments: unknown[]; locations: unknown[] }>(
        '/api/v1/programme/units',
        admin,
      );
      assert.equal(filters.body.tenant.name, wk.tenant.name);
      assert.equal(filters.body.departments.length, wk.departments.length);
      assert.equal(filters.body.locations.length, wk.locations.length);
      const dep = await api.get<Dashboard>(`/api/v1/programme/departments/wk-dep-bedrijfsvoering`, admin);
      assert.equal(dep.status, 200);
      assert.equal(
        dep.body.participation!.members,
        membersOf(wk, 'wk-team-directie').length + membersOf(wk, 'wk-team-bedrijfsvoering').length,
      );
      const loc = await api.get<Dashboard>(`/api/v1/programme/locations/${wk.locations[0].id}`, admin);
      assert.equal(loc.status, 200);
    });

    it('lists departments and locations, coach network health, and exports the aggregates as CSV', async () => {
      const admin = await token(wk, wk.tenant.programmeAdmins[0]);
      const units = await api.get<{
        departments: Array<{ id: string; withheld: string | null; participation: unknown }>;
      }>('/api/v1/programme/units', admin);
      assert.equal(units.body.departments.length, wk.departments.length);
      const coaches = await api.get<{ target: number; departments: Array<{ coaches: number; offers: number }> }>(
        '/api/v1/programme/coaches',
        admin,
      );
      assert.equal(coaches.body.target, 2);
      assert.equal(
        coaches.body.departments.reduce((s, d) => s + d.coaches, 0),
        wk.users.filter((u) => u.coach).length,
      );
      const csv = await api.get('/api/v1/programme/export.csv', admin);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      const bytes = new Uint8Array(
        await (
          await fetch(`${running.app.url}/api/v1/programme/export.csv`, {
            headers: { authorization: `Bearer ${admin}` },
          })
        ).arrayBuffer(),
      );
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark, so spreadsheets read UTF-8');
      const rows = csv.text
        .trim()
        .split('\r\n')
        .map((r) => r.split(';'));
      assert.equal(rows[0][0], 'Niveau');
      assert.equal(rows.length, 1 + 1 + wk.departments.length + wk.locations.length);
      const en = await api.call('GET', '/api/v1/programme/export.csv', { token: admin, lang: 'en-US' });
      assert.match(en.text, /^Level,Id,Name/);
    });

    it('whatever leaders and admins see together, no group below five can be derived by subtraction', async () => {
      for (const seed of demoSeeds) {
        const shown = new Map<string, { teams: string[]; members: number }>();
        const teamsOf = (kind: 'department' | 'location', id: string) =>
          seed.teams.filter((t) => (kind === 'department' ? t.departmentId : t.locationId) === id).map((t) => t.id);
        for (const team of seed.teams) {
          const d = await api.get<Dashboard>(`/api/v1/teams/${team.id}/dashboard`, await token(seed, team.leaderId));
          if (d.body.participation)
            shown.set(`team|${team.id}`, { teams: [team.id], members: d.body.participation.members });
        }
        const admin = await token(seed, seed.tenant.programmeAdmins[0]);
        const all = await api.get<Dashboard>('/api/v1/programme', admin);
        if (all.body.participation)
          shown.set('tenant', { teams: seed.teams.map((t) => t.id), members: all.body.participation.members });
        for (const kind of ['department', 'location'] as const) {
          for (const unit of kind === 'department' ? seed.departments : seed.locations) {
            const d = await api.get<Dashboard>(`/api/v1/programme/${kind}s/${unit.id}`, admin);
            if (d.body.participation)
              shown.set(`${kind}|${unit.id}`, { teams: teamsOf(kind, unit.id), members: d.body.participation.members });
          }
        }
        const size = new Map(seed.teams.map((t) => [t.id, membersOf(seed, t.id).length]));
        const teamIds = seed.teams.map((t) => t.id);
        const rows = [...shown.values()].map((g) => teamIds.map((id) => (g.teams.includes(id) ? 1 : 0)));
        for (let mask = 1; mask < 1 << teamIds.length; mask++) {
          const v = teamIds.map((_, i) => (mask >> i) & 1);
          if (rank([...rows, v]) !== rank(rows)) continue;
          const n = teamIds.reduce((s, id, i) => s + v[i] * size.get(id)!, 0);
          assert.ok(
            n >= 5,
            `${seed.tenant.shortName}: teams ${teamIds.filter((_, i) => v[i])} (${n} people) derivable`,
          );
        }
      }
    });
  });

  describe('the leadership scan', () => {
    const leader = demoUser('leader');

    it('gives the statements in Dutch or English and rejects unknown items, values outside 1–5 and too many answers', async () => {
      const t = await token(gent, leader.aadObjectId);
      const nl = await api.get<{ items: Array<{ id: string; text: string }>; total: number }>('/api/v1/leadership', t);
      assert.equal(nl.body.total, 20);
      assert.match(nl.body.items[0].text, /^Ik /);
      const en = await api.call<{ items: Array<{ text: string }> }>('GET', '/api/v1/leadership', {
        token: t,
        lang: 'en-GB',
      });
      assert.match(en.body.items[0].text, /^I /);
      for (const answers of [
        { 'lead-99': 3 },
        { 'lead-01': 6 },
        { 'lead-01': 0 },
        { 'lead-01': 2.5 },
        { 'lead-01': '3' },
        {},
        Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`lead-${i}`, 3])),
      ]) {
        assert.equal(
          (await api.post('/api/v1/leadership/answers', t, { answers })).status,
          400,
          JSON.stringify(answers),
        );
      }
    });

    it('saves answers one at a time, then shows a private profile with advice, conversation cards, tips and links', async () => {
      const t = await token(gent, leader.aadObjectId);
      const state = await api.get<{ items: Array<{ id: string }> }>('/api/v1/leadership', t);
      const first = await api.post<{ answered: number; completedAt: string | null }>('/api/v1/leadership/answers', t, {
        answers: { 'lead-01': 2 },
      });
      assert.deepEqual([first.body.answered, first.body.completedAt], [1, null]);
      // Agreeing with the reverse-scored lead-04 ("digitalisation is IT's business") lowers "vision".
      const rest = Object.fromEntries(state.body.items.map((i) => [i.id, i.id === 'lead-04' ? 5 : 4]));
      rest['lead-01'] = 4;
      const done = await api.post<{ answered: number; completedAt: string | null }>('/api/v1/leadership/answers', t, {
        answers: rest,
        tenantId: wk.tenant.id,
        userId: 'someone-else',
      });
      assert.equal(done.body.answered, 20);
      assert.ok(done.body.completedAt);
      const result = await api.get<{
        profile: Array<{ dimension: string; mean: number; band: string; advice: string }>;
        focus: string[];
        conversationCards: Array<{ dimension: string }>;
        tips: unknown[];
        links: Array<{ url: string }>;
      }>('/api/v1/leadership/result', t);
      assert.equal(result.status, 200);
      const vision = result.body.profile.find((p) => p.dimension === 'vision')!;
      assert.equal(vision.mean, 3.25);
      assert.equal(result.body.focus[0], 'vision');
      assert.equal(result.body.conversationCards[0].dimension, 'vision', 'cards for the weakest dimension first');
      assert.ok(result.body.tips.length >= 6 && result.body.links.length >= 4);
      assert.ok(result.body.profile.every((p) => p.advice.length > 20));
    });

    it('is the owner’s only: another leader and the programme team cannot read it', async () => {
      const otherLeader = gent.teams.find((x) => x.leaderId !== leader.aadObjectId)!.leaderId;
      assert.equal((await api.get('/api/v1/leadership/result', await token(gent, otherLeader))).status, 404);
      assert.equal(
        (await api.get('/api/v1/leadership/result', await token(gent, gent.tenant.programmeAdmins[0]))).status,
        404,
      );
      // The same user id in another tenant is another person.
      assert.equal(
        (await api.get('/api/v1/leadership/result', await api.devToken(wk.tenant.id, leader.aadObjectId))).status,
        404,
      );
    });

    it('starts over when the leader deletes the answers', async () => {
      const t = await token(gent, leader.aadObjectId);
      assert.equal((await api.call('DELETE', '/api/v1/leadership/answers', { token: t, body: {} })).status, 204);
      assert.equal((await api.get('/api/v1/leadership/result', t)).status, 404);
    });
  });

  describe('the participation nudge', () => {
    it('counts everyone as unreachable while nobody in the organisation has the running.app, and gives the week back', async () => {
      const team = 'wk-team-vth';
      const t = await token(wk, leaderOf(wk, team));
      type Outcome = {
        sent: number;
        unreachable: number;
        remindersOff: number;
        nextAllowedAt: string | null;
        slotReturned: boolean;
      };
      const res = await api.post<Outcome>(`/api/v1/teams/${team}/nudge`, t);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        [res.body.sent, res.body.unreachable, res.body.remindersOff],
        [0, membersOf(wk, team).length, 0],
      );
      // A reminder that reached nobody does not use up the 7 days: the leader can try again.
      assert.equal(res.body.slotReturned, true);
      assert.equal(res.body.nextAllowedAt, null);
      const status = await api.get<Dashboard>(`/api/v1/teams/${team}/dashboard`, t);
      assert.equal(status.body.nudge.nextAllowedAt, null);
      const again = await api.post<Outcome>(`/api/v1/teams/${team}/nudge`, t);
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.slotReturned, true);
    });

    it('sends the card through the bot to every team member, skips who opted out, and then waits 7 days', async () => {
      const team = 'gt-team-kdv';
      const leaderId = leaderOf(gent, team);
      const members = membersOf(gent, team);
      // Two members have the running.app; the bot can open a 1:1 chat with the others through the tenant's service URL it now knows.
      const installed = members.filter((m) => m.id !== leaderId).slice(0, 2);
      for (const m of installed)
        await new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, {
          tenantId: gent.tenant.id,
          aadObjectId: m.id,
          name: m.name,
          locale: m.preferredLocale,
        }).install();
      const quiet = installed[1];
      const quietToken = await token(gent, quiet.id);
      assert.deepEqual(
        (await api.call('PUT', '/api/v1/me/reminders', { token: quietToken, body: { remindersOff: true } })).body,
        { remindersOff: true },
      );
      assert.deepEqual((await api.get('/api/v1/me/reminders', quietToken)).body, { remindersOff: true });

      const t = await token(gent, leaderId);
      const conversation = `a:1dev-${installed[0].id}`;
      const quietConversation = `a:1dev-${quiet.id}`;
      const before = running.conn.connector.activities(conversation).length;
      const quietBefore = running.conn.connector.activities(quietConversation).length;
      const res = await api.post<{ sent: number; unreachable: number; remindersOff: number; nextAllowedAt: string }>(
        `/api/v1/teams/${team}/nudge`,
        t,
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.body.sent, res.body.remindersOff, res.body.unreachable], [members.length - 1, 1, 0]);
      assert.ok(
        Date.parse(res.body.nextAllowedAt) > clock.now().getTime() + 6 * 24 * 3600 * 1000,
        'a reminder that reached colleagues uses up the week',
      );
      const [card] = await running.conn.connector.waitFor(conversation, 1, { since: before });
      const words = cardText(cardOf(card));
      assert.match(words, /\d van de 7 collega’s in je team hebben de zelfscan al gedaan/);
      assert.match(words, /Typ \*\*hulp\*\*/);
      for (const m of members) assert.ok(!words.includes(m.name), 'no names on the card');
      assert.equal(
        running.conn.connector.activities(quietConversation).length,
        quietBefore,
        'nothing for who opted out',
      );

      const again = await api.post(`/api/v1/teams/${team}/nudge`, t);
      assert.equal(again.status, 409);
      assert.match((again.body as { message: string }).message, /één per 7 dagen/);
      const status = await api.get<Dashboard>(`/api/v1/teams/${team}/dashboard`, t);
      assert.ok(
        status.body.nudge.nextAllowedAt &&
          Date.parse(status.body.nudge.nextAllowedAt) > clock.now().getTime() + 6 * 24 * 3600 * 1000,
      );
    });

    it('sends once when the leader clicks twice at the same moment', async () => {
      const team = 'gt-team-burgerzaken';
      const t = await token(gent, leaderOf(gent, team));
      const answers = await Promise.all([
        api.post(`/api/v1/teams/${team}/nudge`, t),
        api.post(`/api/v1/teams/${team}/nudge`, t),
        api.post(`/api/v1/teams/${team}/nudge`, t),
      ]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409, 409]);
    });
  });
});
