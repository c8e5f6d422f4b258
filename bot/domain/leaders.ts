import type { OrgUnit } from './org';
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
