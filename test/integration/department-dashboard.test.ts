import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { runningTestClock } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { TabClient } from '../unit/http/support/tab-client';
import { CosmosDirectory } from '../../bot/storage/cosmos-directory';

const [gent, wk] = demoSeeds;
type Seed = (typeof demoSeeds)[number];
const headOf = (seed: Seed, departmentId: string) => seed.departments.find((d) => d.id === departmentId)!.leaderId!;
const membersOf = (seed: Seed, teamId: string) => seed.users.filter((u) => u.teamId === teamId).length;

interface TeamRow {
  id: string;
  name: string;
  withheld: string | null;
  participation: { members: number; completed: number } | null;
}
interface DepartmentView {
  group: { kind: string; id: string; name: string };
  withheld: string | null;
  participation: { members: number; completed: number; inProgress: number } | null;
  results: unknown;
  resultsWithheld: string | null;
  followUp: unknown;
  growth: unknown;
  help: unknown;
  teams: TeamRow[];
  coaches: { coaches: number; withheld: string | null; offers: number | null } | null;
  domains: Array<{ id: string; name: string }>;
}

/**
 * Department heads (afdelingshoofden) on the real server with the demo organisations and
 * their example figures: their own department's released figures and a row per team, the
 * same figures the programme view shows, nothing it withholds, and no other department.
 */
describe('a department head’s dashboard (development identities)', function () {
  this.timeout(60_000);
  let api: TabClient;
  const running = withRunningApp({ clock: runningTestClock() });
  const token = (seed: Seed, userId: string) => api.devToken(seed.tenant.id, userId);

  before(async () => {
    api = new TabClient(running.app.url);
    for (const seed of demoSeeds) {
      const res = await api.post('/dev/demo-figures', undefined, { tenantId: seed.tenant.id });
      assert.equal(res.status, 200, res.text);
    }
  });

  it('knows the head as a leader who leads a department, and lists their department', async () => {
    const head = await token(wk, headOf(wk, 'wk-dep-bedrijfsvoering'));
    const me = await api.get<{ roles: string[]; leads: string[] }>('/api/v1/me', head);
    assert.equal(me.status, 200);
    assert.ok(me.body.roles.includes('leader'), me.text);
    assert.deepEqual(me.body.leads, ['department']);
    const mine = await api.get<{ departments: Array<{ id: string; name: string }> }>('/api/v1/departments/mine', head);
    assert.deepEqual(mine.body.departments, [{ id: 'wk-dep-bedrijfsvoering', name: 'Bedrijfsvoering' }]);
    const employee = wk.users.find((u) => !u.coach && u.jobTitle?.startsWith('Medewerker'))!;
    const nobody = await api.get<{ departments: unknown[] }>('/api/v1/departments/mine', await token(wk, employee.id));
    assert.deepEqual(nobody.body.departments, []);
  });

  it('gives the head 200 for their department, with exactly the programme view’s figures and a row per team', async () => {
    const head = await token(wk, headOf(wk, 'wk-dep-bedrijfsvoering'));
    const res = await api.get<DepartmentView>('/api/v1/departments/wk-dep-bedrijfsvoering/dashboard', head);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const d = res.body;
    assert.equal(d.group.name, 'Bedrijfsvoering');
    assert.equal(d.withheld, null);
    assert.equal(
      d.participation!.members,
      membersOf(wk, 'wk-team-directie') + membersOf(wk, 'wk-team-bedrijfsvoering'),
    );
    assert.ok(d.participation!.completed > 0, 'the example figures show');
    assert.ok(d.domains.length > 0);

    const admin = await token(wk, wk.tenant.programmeAdmins[0]);
    const programme = await api.get<DepartmentView>('/api/v1/programme/departments/wk-dep-bedrijfsvoering', admin);
    const { teams, coaches, ...figures } = d;
    assert.deepEqual(figures, programme.body, 'the same released figures as the programme view');

    assert.deepEqual(
      teams.map((t) => t.id),
      ['wk-team-directie', 'wk-team-bedrijfsvoering'],
    );
    for (const t of teams) {
      const leader = wk.teams.find((x) => x.id === t.id)!.leaderId;
      const own = await api.get<DepartmentView>(`/api/v1/teams/${t.id}/dashboard`, await token(wk, leader));
      assert.equal(t.withheld, own.body.withheld, `${t.id}: withheld as its leader sees it`);
      assert.deepEqual(t.participation, own.body.participation, `${t.id}: the participation its leader sees`);
    }
    assert.ok(coaches === null || coaches.coaches >= 1);
  });

  it('answers 403 for another department, and for the teams of their own department', async () => {
    const head = await token(wk, headOf(wk, 'wk-dep-bedrijfsvoering'));
    for (const other of wk.departments.filter((x) => x.id !== 'wk-dep-bedrijfsvoering'))
      assert.equal((await api.get(`/api/v1/departments/${other.id}/dashboard`, head)).status, 403, other.id);
    assert.equal((await api.get('/api/v1/teams/wk-team-bedrijfsvoering/dashboard', head)).status, 403);
    assert.equal((await api.get(`/api/v1/departments/${gent.departments[0].id}/dashboard`, head)).status, 404);
    assert.equal((await api.get('/api/v1/programme/departments/wk-dep-bedrijfsvoering', head)).status, 403);
    const leader = await token(wk, wk.teams.find((t) => t.id === 'wk-team-bedrijfsvoering')!.leaderId);
    assert.equal((await api.get('/api/v1/departments/wk-dep-bedrijfsvoering/dashboard', leader)).status, 403);
  });

  it('keeps suppressed cells suppressed: a small team and the sibling that would give it away show no figures', async () => {
    const head = await token(wk, headOf(wk, 'wk-dep-openbare-ruimte'));
    const res = await api.get<DepartmentView>('/api/v1/departments/wk-dep-openbare-ruimte/dashboard', head);
    assert.equal(res.status, 200, res.text);
    const byId = new Map(res.body.teams.map((t) => [t.id, t]));
    assert.equal(byId.get('wk-team-begraafplaatsen')!.withheld, 'below-threshold');
    assert.equal(byId.get('wk-team-buitendienst')!.withheld, 'complementary');
    for (const t of res.body.teams) assert.equal(t.participation, null, t.id);
    assert.doesNotMatch(JSON.stringify(res.body.teams), /"(members|completed|respondents)":\d/);
    const admin = await token(wk, wk.tenant.programmeAdmins[0]);
    const programme = await api.get<DepartmentView>('/api/v1/programme/departments/wk-dep-openbare-ruimte', admin);
    const { teams: _teams, coaches: _coaches, ...figures } = res.body;
    assert.deepEqual(figures, programme.body, 'nothing the programme view withholds for the department');
    if (res.body.coaches && res.body.coaches.coaches < 5) {
      assert.notEqual(res.body.coaches.withheld, null, 'fewer coaches than the threshold: only their number');
      assert.equal(res.body.coaches.offers, null);
    }
  });

  it('lets a programme admin name a new head (audited), who gets in at once while the old head is out', async () => {
    const admin = await token(gent, gent.tenant.programmeAdmins[0]);
    const dep = gent.departments[0];
    const before = headOf(gent, dep.id);
    const next = gent.users.find((u) => u.teamId === 'gt-team-directie' && u.id !== before && u.managerId)!;
    const list = await api.get<{ departments: Array<{ id: string; head: { userId: string } | null }> }>(
      '/api/v1/admin/department-heads',
      admin,
    );
    assert.equal(list.body.departments.find((d) => d.id === dep.id)!.head!.userId, before);
    const notAdmin = await api.call('PUT', `/api/v1/admin/department-heads/${dep.id}`, {
      token: await token(gent, before),
      body: { userId: before },
    });
    assert.equal(notAdmin.status, 403);
    const bad = await api.call('PUT', `/api/v1/admin/department-heads/${dep.id}`, {
      token: admin,
      body: { userId: 'nobody-we-know' },
    });
    assert.equal(bad.status, 400);

    const saved = await api.call<{ head: { userId: string; name: string }; byAdmin: boolean }>(
      'PUT',
      `/api/v1/admin/department-heads/${dep.id}`,
      { token: admin, body: { userId: next.id } },
    );
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.head, { userId: next.id, name: next.name });
    assert.equal(saved.body.byAdmin, true);
    assert.equal((await api.get(`/api/v1/departments/${dep.id}/dashboard`, await token(gent, next.id))).status, 200);
    assert.equal((await api.get(`/api/v1/departments/${dep.id}/dashboard`, await token(gent, before))).status, 403);

    const audit = await api.get<{
      entries: Array<{ action: string; changes?: Array<{ field: string; to: unknown }> }>;
    }>('/api/v1/admin/audit', admin);
    const entry = audit.body.entries.find((e) => e.action === 'department.head.changed');
    assert.ok(entry, audit.text);
    assert.deepEqual(
      entry.changes!.map((c) => [c.field, c.to]),
      [
        ['department', dep.id],
        ['departmentHead', next.id],
      ],
    );

    const removed = await api.call('PUT', `/api/v1/admin/department-heads/${dep.id}`, {
      token: admin,
      body: { userId: null },
    });
    assert.equal(removed.status, 200);
    assert.equal((await api.get(`/api/v1/departments/${dep.id}/dashboard`, await token(gent, next.id))).status, 403);
  });
  it('gives a department stored before the seeds named heads its head at the next start, but not one an admin emptied', async () => {
    const org = new CosmosDirectory(running.app.store.containers.tenants);
    await org.setUnitLeader(wk.tenant.id, 'wk-dep-sociaal', null, false);
    await org.setUnitLeader(wk.tenant.id, 'wk-dep-publiek', null, true);
    await running.restart();
    const after = new CosmosDirectory(running.app.store.containers.tenants);
    assert.equal((await after.getUnit(wk.tenant.id, 'wk-dep-sociaal'))?.leaderId, headOf(wk, 'wk-dep-sociaal'));
    assert.equal((await after.getUnit(wk.tenant.id, 'wk-dep-publiek'))?.leaderId, undefined);
  });
});
