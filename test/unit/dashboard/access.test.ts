import assert from 'node:assert/strict';
import type { OrgUnit } from '../../../bot/domain/org';
import type { Directory } from '../../../bot/domain/ports';
import { requireDepartmentLeader, requireTeamLeader } from '../../../bot/domain/dashboard/access';
import { departmentsLedBy } from '../../../bot/domain/leaders';
import { resolveUserContext } from '../../../bot/domain/user-context';
import { tenantOnlyDirectory } from '../../fakes/tenant-directory';

const T = 'tenant-1';
const units: OrgUnit[] = [
  { tenantId: T, id: 'dep-a', kind: 'department', name: 'Afdeling A', leaderId: 'head-a' },
  { tenantId: T, id: 'dep-b', kind: 'department', name: 'Afdeling B', leaderId: 'head-b' },
  { tenantId: T, id: 'dep-c', kind: 'department', name: 'Afdeling C' },
  { tenantId: T, id: 'team-a1', kind: 'team', name: 'Team A1', departmentId: 'dep-a', leaderId: 'leader-a1' },
  { tenantId: T, id: 'loc-1', kind: 'location', name: 'Stadhuis' },
];

function directory(): Directory {
  const base = tenantOnlyDirectory({ tenantId: T, programmeAdmins: ['admin'] });
  return {
    ...base,
    getUnit: async (t, id) => (t === T ? (units.find((u) => u.id === id) ?? null) : null),
    getPerson: async (t, id) => (t === T ? { tenantId: T, id, name: id, teamId: 'team-a1' } : null),
    listUnits: async (t, kind) => units.filter((u) => u.tenantId === t && u.kind === kind),
    teamsLedBy: async (t, id) => units.filter((u) => u.kind === 'team' && u.leaderId === id),
  };
}

const caller = (userId: string) => ({ tenantId: T, userId });
const rejects = async (p: Promise<unknown>, status: number) =>
  assert.rejects(p, (err: { status?: number }) => err.status === status);

describe('who may open a department’s dashboard', () => {
  it('lets the head of a department in, and only into their own department', async () => {
    const d = directory();
    assert.equal((await requireDepartmentLeader(d, caller('head-a'), 'dep-a')).name, 'Afdeling A');
    await rejects(requireDepartmentLeader(d, caller('head-a'), 'dep-b'), 403);
    await rejects(requireDepartmentLeader(d, caller('head-a'), 'dep-c'), 403);
  });

  it('keeps programme admins in, and keeps a team leader and an employee out', async () => {
    const d = directory();
    assert.equal((await requireDepartmentLeader(d, caller('admin'), 'dep-b')).id, 'dep-b');
    await rejects(requireDepartmentLeader(d, caller('leader-a1'), 'dep-a'), 403);
    await rejects(requireDepartmentLeader(d, caller('someone'), 'dep-a'), 403);
  });

  it('answers 404 for an unknown department and for a unit that is not a department', async () => {
    const d = directory();
    await rejects(requireDepartmentLeader(d, caller('admin'), 'dep-none'), 404);
    await rejects(requireDepartmentLeader(d, caller('leader-a1'), 'team-a1'), 404);
    await rejects(requireDepartmentLeader(d, caller('admin'), 'loc-1'), 404);
  });

  it('does not let a department head into a team of their department: that stays the team leader’s', async () => {
    await rejects(requireTeamLeader(directory(), caller('head-a'), 'team-a1'), 403);
  });
});

describe('a department head in the user context', () => {
  it('is a leader, like a team leader; someone who leads nothing is not', async () => {
    const d = directory();
    const roles = async (userId: string) => (await resolveUserContext(d, { tenantId: T, userId })).roles;
    assert.deepEqual(await roles('head-a'), ['employee', 'leader']);
    assert.deepEqual(await roles('leader-a1'), ['employee', 'leader']);
    assert.deepEqual(await roles('someone'), ['employee']);
  });

  it('heads exactly the departments whose leaderId names them', async () => {
    const d = directory();
    assert.deepEqual(
      (await departmentsLedBy(d, T, 'head-b')).map((u) => u.id),
      ['dep-b'],
    );
    assert.deepEqual(await departmentsLedBy(d, T, 'leader-a1'), []);
  });
});
