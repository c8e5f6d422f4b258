import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoachProfile, OrgUnit, Person, Tenant } from '../domain/org';
import type { Directory, OrgRepository } from '../domain/ports';

interface OrgSeedFile {
  tenant: Omit<Tenant, 'tenantId'> & { id: string };
  departments: Array<{ id: string; name: string; leaderId?: string }>;
  locations: Array<{ id: string; name: string; address?: string }>;
  teams: Array<{ id: string; name: string; departmentId: string; locationId: string; leaderId: string }>;
  users: Array<Omit<Person, 'tenantId' | 'departmentId'> & { coach?: CoachProfile }>;
}

export function readOrgSeeds(dir: string): OrgSeedFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as OrgSeedFile);
}

/**
 * Loads the demo organisation through the repositories. Idempotent: records that
 * already exist are left alone (also when someone changed them since), so a second
 * start adds nothing. One exception: a department stored before the seeds named its
 * head gets that head, unless a programme admin has named (or removed) one since.
 */
export async function seedOrganisation(
  repo: OrgRepository & Pick<Directory, 'getUnit'>,
  seeds: OrgSeedFile[],
): Promise<{ created: number; existing: number }> {
  let created = 0;
  let existing = 0;
  const count = (wasCreated: boolean) => (wasCreated ? created++ : existing++);
  for (const seed of seeds) {
    const { id: tenantId, ...tenant } = seed.tenant;
    count(await repo.createTenantIfMissing({ ...tenant, tenantId }));
    const units: OrgUnit[] = [
      ...seed.departments.map((d) => ({ ...d, tenantId, kind: 'department' as const })),
      ...seed.locations.map((l) => ({ ...l, tenantId, kind: 'location' as const })),
      ...seed.teams.map((tm) => ({ ...tm, tenantId, kind: 'team' as const })),
    ];
    for (const results of await inBatches(units, 16, (u) => repo.createUnitIfMissing(u))) count(results);
    await inBatches(seed.departments, 16, async (d) => {
      const stored = d.leaderId ? await repo.getUnit(tenantId, d.id) : null;
      if (stored && !stored.leaderId && !stored.leaderByAdmin)
        await repo.setUnitLeader(tenantId, d.id, d.leaderId!, false);
    });
    const teamDepartment = new Map(seed.teams.map((tm) => [tm.id, tm.departmentId]));
    const people: Person[] = seed.users.map((u) => ({
      ...u,
      tenantId,
      departmentId: u.teamId ? teamDepartment.get(u.teamId) : undefined,
    }));
    for (const results of await inBatches(people, 16, (p) => repo.createPersonIfMissing(p))) count(results);
  }
  return { created, existing };
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}
