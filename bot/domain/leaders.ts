import type { OrgUnit, Person } from './org';
import type { Directory } from './ports';

/**
 * The departments a person heads (the department's `leaderId`). Departments are few, and
 * the directory keeps their list cached, so this is one query per tenant a minute, not per
 * person: no index on department leaders is needed.
 */
export async function departmentsLedBy(directory: Directory, tenantId: string, userId: string): Promise<OrgUnit[]> {
  const departments = await directory.listUnits(tenantId, 'department');
  return departments.filter((d) => d.leaderId === userId).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Which kinds of unit a person leads: the tab offers "Mijn team" and "Mijn afdeling" by this. */
export type Leads = Array<'team' | 'department'>;

export async function unitsLedBy(directory: Directory, tenantId: string, userId: string): Promise<Leads> {
  const [teams, departments] = await Promise.all([
    directory.teamsLedBy(tenantId, userId),
    departmentsLedBy(directory, tenantId, userId),
  ]);
  return [...(teams.length ? (['team'] as const) : []), ...(departments.length ? (['department'] as const) : [])];
}

/**
 * The head of a department as the directory's reporting lines show it (the Graph sync uses
 * this; a programme admin corrects it where it is wrong). Among the department's people:
 * - its top: exactly one person who manages someone of the department and whose own manager
 *   is not in it (an afdelingshoofd whose department field names their own department);
 * - else the one manager the department's top managers share (a head whose own record sits
 *   elsewhere, e.g. in the management team, above several team leaders);
 * - else nobody: the lines do not say, and guessing would give the wrong person figures.
 */
export function derivedDepartmentHead(
  departmentId: string,
  people: Array<Pick<Person, 'id' | 'departmentId' | 'managerId'>>,
): string | null {
  const inside = people.filter((p) => p.departmentId === departmentId);
  const ids = new Set(inside.map((p) => p.id));
  const managing = new Set(inside.map((p) => p.managerId).filter((id): id is string => !!id && ids.has(id)));
  const tops = inside.filter((p) => managing.has(p.id) && !(p.managerId && ids.has(p.managerId)));
  if (tops.length === 1) return tops[0].id;
  const shared = new Set(tops.map((p) => p.managerId ?? null));
  return tops.length > 1 && shared.size === 1 ? [...shared][0] : null;
}
