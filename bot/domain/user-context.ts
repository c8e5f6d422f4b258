import { type Locale, type Role, type UserContext, toLocale } from './org';
import type { Directory } from './ports';
import { departmentsOfContact } from './help/contacts';
import { unitsLedBy } from './leaders';

/**
 * Builds who the user is for this turn or request. A user the directory does not know
 * (an unknown tenant, or not in the organisation) is still served, as an employee
 * whose team is unknown.
 */
export async function resolveUserContext(
  directory: Directory,
  input: { tenantId: string; userId: string; name?: string; localeTag?: string | null },
): Promise<UserContext> {
  const { tenantId, userId } = input;
  const [tenant, person] = await Promise.all([directory.getTenant(tenantId), directory.getPerson(tenantId, userId)]);
  const [team, department, location, leads] = await Promise.all([
    person?.teamId ? directory.getUnit(tenantId, person.teamId) : null,
    person?.departmentId ? directory.getUnit(tenantId, person.departmentId) : null,
    person?.locationId ? directory.getUnit(tenantId, person.locationId) : null,
    person ? unitsLedBy(directory, tenantId, userId) : [],
  ]);
  const roles: Role[] = ['employee'];
  if (person?.coach) roles.push('coach');
  // A team leader and a department head are both leaders (leidinggevenden): the same leadership
  // scan and toolkit; which dashboards they get follows from the units they lead.
  if (leads.length > 0) roles.push('leader');
  if (tenant?.programmeAdmins.includes(userId)) roles.push('admin');
  if (departmentsOfContact(tenant, userId).length) roles.push('contact');
  const locale: Locale = toLocale(input.localeTag ?? person?.preferredLocale ?? tenant?.defaultLocale);
  return {
    tenantId,
    userId,
    name: person?.name ?? input.name ?? '',
    locale,
    person,
    team: team ?? null,
    department: department ?? (team?.departmentId ? await directory.getUnit(tenantId, team.departmentId) : null),
    location,
    roles,
  };
}
