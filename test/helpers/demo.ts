import path from 'node:path';
import { readOrgSeeds } from '../../bot/seeding/demo-organisation';
import type { TeamsUser } from './teams';

const seeds = readOrgSeeds(path.join(__dirname, '..', '..', 'seeds', 'org'));

/** Picks demo users from the seeded organisation by what they are, so tests don't hard-code ids. */
export function demoUser(
  kind: 'leader' | 'head' | 'coach' | 'admin' | 'employee' | 'english',
  tenantIndex = 0,
): TeamsUser & { teamId?: string } {
  const seed = seeds[tenantIndex];
  // Team leaders and department heads (afdelingshoofden) are both leaders.
  const heads = new Set(seed.departments.map((d) => d.leaderId));
  const leaders = new Set([...seed.teams.map((t) => t.leaderId), ...heads]);
  const admins = new Set(seed.tenant.programmeAdmins);
  const pick = seed.users.find((u) => {
    switch (kind) {
      case 'leader':
        return leaders.has(u.id) && !heads.has(u.id) && !admins.has(u.id);
      case 'head':
        return heads.has(u.id) && !admins.has(u.id);
      case 'coach':
        return Boolean(u.coach) && !leaders.has(u.id);
      case 'admin':
        return admins.has(u.id);
      case 'english':
        return u.preferredLocale?.startsWith('en');
      case 'employee':
        return !u.coach && !leaders.has(u.id) && !admins.has(u.id) && u.teamId && !u.preferredLocale?.startsWith('en');
    }
  });
  if (!pick) throw new Error(`no demo ${kind} in tenant ${tenantIndex}`);
  return {
    tenantId: seed.tenant.id,
    aadObjectId: pick.id,
    name: pick.name,
    locale: pick.preferredLocale ?? 'nl-NL',
    teamId: pick.teamId,
  };
}

export const demoSeeds = seeds;
