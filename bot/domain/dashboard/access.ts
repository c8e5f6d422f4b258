import { AppError } from '../errors';
import type { OrgUnit, Tenant } from '../org';
import type { Directory } from '../ports';

/** Who calls, from the verified token only. */
export interface Caller {
  tenantId: string;
  userId: string;
}

export const forbidden = () => new AppError('forbidden', 403, 'error.forbidden');
export const notFound = () => new AppError('not_found', 404, 'error.notFound');

/**
 * The same rule the user context applies for the leader role (the team's leaderId),
 * checked with one cached point read instead of a query.
 */
export async function requireTeamLeader(directory: Directory, caller: Caller, teamId: string): Promise<OrgUnit> {
  const team = await directory.getUnit(caller.tenantId, teamId);
  if (!team || team.kind !== 'team') throw notFound();
  if (team.leaderId !== caller.userId) throw forbidden();
  return team;
}

/**
 * A department's figures: for its head (the department's leaderId) and for programme
 * admins, who see every department in the programme view already. Anyone else, including
 * the head of another department, gets 403.
 */
export async function requireDepartmentLeader(
  directory: Directory,
  caller: Caller,
  departmentId: string,
): Promise<OrgUnit> {
  const [department, tenant] = await Promise.all([
    directory.getUnit(caller.tenantId, departmentId),
    directory.getTenant(caller.tenantId),
  ]);
  if (!department || department.kind !== 'department') throw notFound();
  if (department.leaderId !== caller.userId && !tenant?.programmeAdmins.includes(caller.userId)) throw forbidden();
  return department;
}

/** Programme admins are a tenant setting (user ids). */
export async function requireAdmin(directory: Directory, caller: Caller): Promise<Tenant> {
  const tenant = await directory.getTenant(caller.tenantId);
  if (!tenant || !tenant.programmeAdmins.includes(caller.userId)) throw forbidden();
  return tenant;
}
