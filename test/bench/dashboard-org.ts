/**
 * A generated municipality for the dashboard benchmark: departments and locations that
 * cross, teams of 5–16 (one in twenty of 2–4, so anonymity has work to do), two coaches
 * per department, and the anonymous aggregates the scan and help features would have
 * counted for them. Deterministic for a given size. Used by dashboard-server.ts.
 */
import { type GrowthCounts, sumGrowth } from '../../bot/domain/growth/growth';
import { MINUTE_BUCKETS, type HelpAggregate } from '../../bot/domain/help/help-aggregate';
import type { OrgUnit, Person, Tenant } from '../../bot/domain/org';
import type { AggregateScope } from '../../bot/domain/scan/scan-types';
import type { ScanAggregate } from '../../bot/storage/cosmos-aggregates';

export interface GeneratedOrg {
  tenant: Tenant;
  units: OrgUnit[];
  people: Person[];
  scan: ScanAggregate[];
  help: HelpAggregate[];
  leaders: Array<{ userId: string; teamId: string; members: number }>;
  adminId: string;
}

const DOMAINS: Record<string, number> = {
  information: 3,
  communication: 3,
  content: 2,
  safety: 3,
  'problem-solving': 2,
};
const COACH = {
  domains: ['communication', 'safety'],
  maxOpenTickets: 3,
  weeklyCapacity: 5,
  workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00', timeZone: 'Europe/Amsterdam' },
  takesIntakes: true,
  available: true,
};

export function generateOrg(size: number, tenantId: string, now: Date): GeneratedOrg {
  const rnd = random(size);
  const departments = Math.max(5, Math.round(size / 500));
  const locations = Math.max(3, Math.round(size / 1000));
  const units: OrgUnit[] = [
    ...Array.from(
      { length: departments },
      (_, i): OrgUnit => ({ tenantId, id: `dep-${i}`, kind: 'department', name: `Afdeling ${i + 1}` }),
    ),
    ...Array.from(
      { length: locations },
      (_, i): OrgUnit => ({
        tenantId,
        id: `loc-${i}`,
        kind: 'location',
        name: `Locatie ${i + 1}`,
        address: `Straat ${i + 1}`,
      }),
    ),
  ];
  const people: Person[] = [];
  const leaders: GeneratedOrg['leaders'] = [];
  const coachesPerDepartment = new Map<string, number>();
  for (let t = 0; people.length < size; t++) {
    const members = Math.min(
      size - people.length,
      rnd() < 0.05 ? 2 + Math.floor(rnd() * 3) : 5 + Math.floor(rnd() * 12),
    );
    const departmentId = `dep-${Math.floor(rnd() * departments)}`;
    const locationId = `loc-${Math.floor(rnd() * locations)}`;
    const teamId = `team-${t}`;
    const leaderId = uuid(rnd);
    units.push({ tenantId, id: teamId, kind: 'team', name: `Team ${t + 1}`, departmentId, locationId, leaderId });
    leaders.push({ userId: leaderId, teamId, members });
    for (let m = 0; m < members; m++) {
      const id = m === 0 ? leaderId : uuid(rnd);
      const coach = m === 1 && (coachesPerDepartment.get(departmentId) ?? 0) < 2;
      if (coach) coachesPerDepartment.set(departmentId, (coachesPerDepartment.get(departmentId) ?? 0) + 1);
      people.push({
        tenantId,
        id,
        name: `Medewerker ${people.length + 1}`,
        jobTitle: 'Medewerker',
        jobProfile: 'beleidsmedewerker',
        teamId,
        departmentId,
        locationId,
        managerId: m === 0 ? undefined : leaderId,
        preferredLocale: 'nl-NL',
        ...(coach ? { coach: COACH } : {}),
      });
    }
  }
  const adminId = people[people.length - 1].id;
  const tenant: Tenant = {
    tenantId,
    name: `Gemeente ${size}`,
    shortName: `G${size}`,
    country: 'NL',
    defaultLocale: 'nl-NL',
    programmeAdmins: [adminId],
    anonymityThreshold: 5,
  };

  // Per team, then summed into the department, location and tenant documents the features keep too.
  const teamScan = new Map<string, ScanAggregate>();
  const teamHelp = new Map<string, HelpAggregate>();
  for (const l of leaders) {
    teamScan.set(l.teamId, scanFor({ kind: 'team', id: l.teamId }, tenantId, l.members, rnd, now));
    teamHelp.set(l.teamId, helpFor({ kind: 'team', id: l.teamId }, tenantId, l.members, rnd, now));
  }
  const groups = new Map<string, { scope: AggregateScope; teams: string[] }>();
  const add = (scope: AggregateScope, teamId: string) => {
    const key = `${scope.kind}|${scope.id}`;
    (groups.get(key) ?? groups.set(key, { scope, teams: [] }).get(key)!).teams.push(teamId);
  };
  for (const u of units) {
    if (u.kind !== 'team') continue;
    add({ kind: 'tenant', id: tenantId }, u.id);
    add({ kind: 'department', id: u.departmentId! }, u.id);
    add({ kind: 'location', id: u.locationId! }, u.id);
  }
  const scan = [...teamScan.values()];
  const help = [...teamHelp.values()];
  for (const { scope, teams } of groups.values()) {
    scan.push(
      sumScan(
        scope,
        tenantId,
        teams.map((id) => teamScan.get(id)!),
      ),
    );
    help.push(
      sumHelp(
        scope,
        tenantId,
        teams.map((id) => teamHelp.get(id)!),
      ),
    );
  }
  for (const [dep] of coachesPerDepartment)
    help.push(helpFor({ kind: 'coach-department', id: dep } as never, tenantId, 12, rnd, now));
  return { tenant, units, people, scan, help, leaders, adminId };
}

function scanFor(
  scope: AggregateScope,
  tenantId: string,
  members: number,
  rnd: () => number,
  now: Date,
): ScanAggregate {
  const respondents = Math.round(members * (0.55 + rnd() * 0.4));
  const levels: Record<string, [number, number, number, number]> = {};
  const belowTarget: Record<string, number> = {};
  const measured: Record<string, number> = {};
  for (const [domain, target] of Object.entries(DOMAINS)) {
    const row: [number, number, number, number] = [0, 0, 0, 0];
    for (let r = 0; r < respondents; r++) row[Math.min(3, Math.floor(rnd() * 4))]++;
    levels[domain] = row;
    measured[domain] = respondents;
    belowTarget[domain] = row.slice(0, target - 1).reduce((s, n) => s + n, 0);
  }
  const completionsByMonth: Record<string, number> = {};
  for (let r = 0; r < respondents; r++) {
    const month = monthsBack(now, Math.floor(rnd() * 12));
    completionsByMonth[month] = (completionsByMonth[month] ?? 0) + 1;
  }
  const starters = Math.round(respondents * (0.5 + rnd() * 0.4));
  // About four in ten took the scan a second time: growth figures for every group that has enough of them.
  const twice = Math.round(respondents * (0.3 + rnd() * 0.2));
  const growth: GrowthCounts = {
    people: twice,
    upAny: Math.round(twice * 0.55),
    measured: {},
    before: {},
    after: {},
    up: {},
  };
  for (const domain of Object.keys(DOMAINS)) {
    growth.measured[domain] = twice;
    growth.before[domain] = Math.round(twice * (1.6 + rnd() * 0.4));
    growth.after[domain] = Math.round(twice * (2.1 + rnd() * 0.4));
    growth.up[domain] = Math.round(twice * 0.35);
  }
  return {
    id: `scan|${scope.kind}|${scope.id}`,
    tenantId,
    scope,
    inProgress: Math.min(members - respondents, Math.floor(rnd() * 3)),
    respondents,
    completions: respondents,
    completionsByMonth,
    itemsAsked: respondents * 45,
    levels,
    belowTarget,
    measured,
    intakeRequests: Math.round(respondents * 0.15),
    moduleStarters: starters,
    moduleFinishers: Math.round(starters * 0.7),
    growth,
    updatedAt: now.toISOString(),
  };
}

function helpFor(
  scope: HelpAggregate['scope'],
  tenantId: string,
  members: number,
  rnd: () => number,
  now: Date,
): HelpAggregate {
  const requests = Math.round(members * rnd() * 0.8);
  const accept = MINUTE_BUCKETS.map(() => 0);
  const resolve = MINUTE_BUCKETS.map(() => 0);
  const byMonth: HelpAggregate['byMonth'] = {};
  for (let r = 0; r < requests; r++) {
    accept[Math.floor(rnd() * 6)]++;
    resolve[2 + Math.floor(rnd() * 6)]++;
    const m = (byMonth[monthsBack(now, Math.floor(rnd() * 12))] ??= { requests: 0, resolved: 0 });
    m.requests++;
    m.resolved++;
  }
  return {
    id: `help|${scope.kind}|${scope.id}`,
    tenantId,
    scope,
    requests,
    intakes: 0,
    offers: requests + Math.floor(requests / 4),
    declines: Math.floor(requests / 8),
    timeouts: Math.floor(requests / 8),
    escalations: 0,
    accepted: requests,
    resolved: requests,
    cancelled: 0,
    reopened: 0,
    outcomes: { solved: requests, 'service-desk': 0, training: 0 },
    minutesSpent: requests * 10,
    ratingCount: requests,
    ratingSum: requests * 4,
    acceptMinutes: accept,
    resolveMinutes: resolve,
    byMonth,
    updatedAt: now.toISOString(),
  };
}

function sumScan(scope: AggregateScope, tenantId: string, parts: ScanAggregate[]): ScanAggregate {
  const out = scanFor(scope, tenantId, 0, () => 0, new Date(0));
  out.inProgress = 0;
  out.levels = {};
  out.belowTarget = {};
  out.measured = {};
  out.completionsByMonth = {};
  out.growth = sumGrowth(parts.map((p) => p.growth));
  for (const p of parts) {
    out.respondents += p.respondents;
    out.completions += p.completions;
    out.inProgress += p.inProgress;
    out.itemsAsked += p.itemsAsked;
    out.intakeRequests += p.intakeRequests;
    out.moduleStarters += p.moduleStarters;
    out.moduleFinishers += p.moduleFinishers;
    out.updatedAt = p.updatedAt;
    for (const [d, row] of Object.entries(p.levels))
      out.levels[d] = (out.levels[d] ?? [0, 0, 0, 0]).map((n, i) => n + row[i]) as [number, number, number, number];
    for (const [d, n] of Object.entries(p.belowTarget)) out.belowTarget[d] = (out.belowTarget[d] ?? 0) + n;
    for (const [d, n] of Object.entries(p.measured)) out.measured[d] = (out.measured[d] ?? 0) + n;
    for (const [m, n] of Object.entries(p.completionsByMonth))
      out.completionsByMonth[m] = (out.completionsByMonth[m] ?? 0) + n;
  }
  return out;
}

function sumHelp(scope: HelpAggregate['scope'], tenantId: string, parts: HelpAggregate[]): HelpAggregate {
  const out = helpFor(scope, tenantId, 0, () => 0, new Date(0));
  for (const p of parts) {
    for (const k of [
      'requests',
      'offers',
      'declines',
      'timeouts',
      'accepted',
      'resolved',
      'ratingCount',
      'ratingSum',
      'minutesSpent',
    ] as const)
      out[k] += p[k];
    out.acceptMinutes = out.acceptMinutes.map((n, i) => n + p.acceptMinutes[i]);
    out.resolveMinutes = out.resolveMinutes.map((n, i) => n + p.resolveMinutes[i]);
    for (const [m, v] of Object.entries(p.byMonth)) {
      const row = (out.byMonth[m] ??= { requests: 0, resolved: 0 });
      row.requests += v.requests;
      row.resolved += v.resolved;
    }
    out.updatedAt = p.updatedAt;
  }
  return out;
}

function monthsBack(now: Date, back: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}

function uuid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
