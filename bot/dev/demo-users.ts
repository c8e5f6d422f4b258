import { randomUUID } from 'node:crypto';
import type { Locale, Person, Role } from '../domain/org';
import type { Directory } from '../domain/ports';
import { effectiveThreshold, groupKey, planPublication } from '../domain/dashboard/anonymity';
import { structureOf, teamMembers, teamsIn } from '../domain/dashboard/org-shape';
import { shapeFromDirectory } from '../domain/dashboard/tenant-views';
import { departmentsOfContact } from '../domain/help/contacts';

export interface DemoUser {
  tenantId: string;
  userId: string;
  name: string;
  jobTitle: string | null;
  team: string | null;
  locale: string;
  roles: Role[];
  roleLabels: string[];
  /** A leader whose team (the first one the tab opens) shows figures: big enough, and not giving away a smaller group. */
  showsTeamFigures: boolean;
  /** The department this person heads (the first one the tab opens), with its size and whether it shows figures. */
  heads: { name: string; members: number; teams: number; showsFigures: boolean } | null;
}

export interface DemoTenant {
  tenantId: string;
  name: string;
  defaultLocale: string;
  users: DemoUser[];
}

/** A colleague the directory does not know: a fresh Entra id, in a demo tenant or in a tenant nobody knows. */
export interface NewColleague {
  label: string;
  tenantId: string;
  userId: string;
  name: string;
  locale: string;
}

const ROLE_LABELS: Record<Role, Record<Locale, string>> = {
  employee: { nl: 'medewerker', en: 'employee' },
  coach: { nl: 'digicoach', en: 'digicoach' },
  leader: { nl: 'leidinggevende', en: 'leader' },
  admin: { nl: 'programmabeheerder', en: 'programme admin' },
  contact: { nl: 'aanspreekpunt digicoaches', en: 'digicoach contact person' },
};

/** A department head is a leader too; the picker names what kind. */
const HEAD_LABEL: Record<Locale, string> = { nl: 'afdelingshoofd', en: 'department head' };

/** Programme admins first, then leaders, digicoaches and everyone else: the interesting people on top. */
const ROLE_ORDER: Role[] = ['admin', 'contact', 'leader', 'coach', 'employee'];

const CACHE_MS = 60_000;
/** The server's default when a tenant sets none; the demo tenants set their own. */
const DEFAULT_THRESHOLD = 5;

/**
 * The people the playground can act as, per demo tenant, read through the Directory
 * port with the same role rules the bot applies (coach profile, leads a team,
 * programme admin of the tenant). Reading roles costs a query per person, so the list
 * is kept for a minute; the new colleagues are fresh ids on every call.
 */
export class DemoUsers {
  private readonly cache = new Map<Locale, { at: number; tenants: Promise<DemoTenant[]> }>();

  constructor(
    private readonly directory: Directory,
    private readonly tenantIds: string[],
    private readonly now: () => number = Date.now,
  ) {}

  async list(locale: Locale): Promise<{ tenants: DemoTenant[]; newColleagues: NewColleague[] }> {
    let hit = this.cache.get(locale);
    if (!hit || this.now() - hit.at > CACHE_MS) {
      hit = { at: this.now(), tenants: this.load(locale) };
      this.cache.set(locale, hit);
      hit.tenants.catch(() => this.cache.delete(locale));
    }
    const tenants = await hit.tenants;
    return { tenants, newColleagues: newColleagues(tenants, locale) };
  }

  private async load(locale: Locale): Promise<DemoTenant[]> {
    const tenants = await Promise.all(this.tenantIds.map((id) => this.loadTenant(id, locale)));
    return tenants.filter((t): t is DemoTenant => t !== null);
  }

  private async loadTenant(tenantId: string, locale: Locale): Promise<DemoTenant | null> {
    const { directory } = this;
    const [tenant, people, shape] = await Promise.all([
      directory.getTenant(tenantId),
      directory.listPeople(tenantId),
      shapeFromDirectory(directory, tenantId, new Date(this.now()).toISOString()),
    ]);
    if (!tenant) return null;
    // The same plan the dashboards follow (a team's participation is planned on its members), so the picker can offer leaders who see figures.
    const shown = planPublication(
      structureOf(shape),
      teamMembers(shape),
      shape.members,
      effectiveThreshold(tenant.anonymityThreshold, DEFAULT_THRESHOLD),
    ).published;
    const teams = new Map<string, ReturnType<Directory['getUnit']>>();
    const teamOf = (id: string) => teams.get(id) ?? teams.set(id, directory.getUnit(tenantId, id)).get(id)!;
    const departments = await directory.listUnits(tenantId, 'department');
    const users = await Promise.all(
      people.map(async (p): Promise<DemoUser> => {
        const [led, team] = await Promise.all([
          directory.teamsLedBy(tenantId, p.id),
          p.teamId ? teamOf(p.teamId) : null,
        ]);
        const headed = departments.find((d) => d.leaderId === p.id);
        const headedShape = headed ? shape.units[groupKey({ kind: 'department', id: headed.id })] : undefined;
        const roles = rolesOf(p, led.length > 0 || !!headed, tenant.programmeAdmins.includes(p.id));
        if (departmentsOfContact(tenant, p.id).length) roles.push('contact');
        return {
          tenantId,
          userId: p.id,
          name: p.name,
          jobTitle: p.jobTitle ?? null,
          team: team?.name ?? null,
          locale: p.preferredLocale ?? tenant.defaultLocale,
          roles,
          roleLabels: headed ? headLabels(roles, led.length > 0, locale) : labels(roles, locale),
          showsTeamFigures: led.length > 0 && shown.has(groupKey({ kind: 'team', id: firstTeam(led).id })),
          heads: headed
            ? {
                name: headed.name,
                members: headedShape?.members ?? 0,
                teams: teamsIn(shape, 'department', headed.id).length,
                showsFigures: shown.has(groupKey({ kind: 'department', id: headed.id })),
              }
            : null,
        };
      }),
    );
    users.sort((a, b) => rank(a.roles) - rank(b.roles) || a.name.localeCompare(b.name, 'nl'));
    return { tenantId, name: tenant.name, defaultLocale: tenant.defaultLocale, users };
  }
}

/** The tab opens a leader's teams in name order (DashboardService.myTeams). */
function firstTeam<T extends { name: string }>(teams: T[]): T {
  return [...teams].sort((a, b) => a.name.localeCompare(b.name, 'nl'))[0];
}

function rolesOf(p: Person, leads: boolean, admin: boolean): Role[] {
  const roles: Role[] = ['employee'];
  if (p.coach) roles.push('coach');
  if (leads) roles.push('leader');
  if (admin) roles.push('admin');
  return roles;
}

/** Everyone is an employee; say so only when they are nothing more. */
function labels(roles: Role[], locale: Locale): string[] {
  const special = roles.filter((r) => r !== 'employee');
  return (special.length ? special : roles).map((r) => ROLE_LABELS[r][locale]);
}

/** "afdelingshoofd" first; "leidinggevende" only when they also lead a team; "medewerker" not at all. */
function headLabels(roles: Role[], leadsTeam: boolean, locale: Locale): string[] {
  const rest = roles.filter((r) => r !== 'employee' && (r !== 'leader' || leadsTeam));
  return [HEAD_LABEL[locale], ...rest.map((r) => ROLE_LABELS[r][locale])];
}

function rank(roles: Role[]): number {
  return Math.min(...roles.map((r) => ROLE_ORDER.indexOf(r)));
}

/** Names for the demo's new colleagues: a real first name, so the welcome greets a person ("Welkom bij Digivaardig, Sanne"). */
const NEWCOMERS = ['Sanne Visser', 'Daan Smit', 'Lotte Jansen', 'Ruben Peeters'];

/** The name of a colleague the directory does not know and who came without one. */
export const NEWCOMER_NAME = NEWCOMERS[0];

function newColleagues(tenants: DemoTenant[], locale: Locale): NewColleague[] {
  const en = locale === 'en';
  return [
    {
      label: en ? 'New, unknown colleague (unknown organisation)' : 'Nieuwe, onbekende collega (onbekende organisatie)',
      tenantId: randomUUID(),
      userId: randomUUID(),
      name: NEWCOMERS[0],
      locale: en ? 'en-US' : 'nl-NL',
    },
    ...tenants.map((t, i) => ({
      label: en ? `New, unknown colleague at ${t.name}` : `Nieuwe, onbekende collega bij ${t.name}`,
      tenantId: t.tenantId,
      userId: randomUUID(),
      name: NEWCOMERS[(i + 1) % NEWCOMERS.length],
      locale: t.defaultLocale,
    })),
  ];
}
