/**
 * A generated organisation for the ranking benchmark: coaches spread over teams,
 * departments and locations, with skills, capacities, working hours (part-timers and
 * other time zones included), availability, load and rotation state; and help tickets
 * from employees, unknown users and coaches, some already passed on by 0–3 coaches.
 */
import type { Coach, Ticket } from '../../../bot/domain/help/help-types';
import type { Availability, RoutingInput } from '../../../bot/domain/help/routing';
import { isoWeek } from '../../../bot/domain/help/working-hours';

export const TOPICS = [
  'information',
  'communication',
  'content',
  'safety',
  'problem-solving',
  'devices',
  'hr-self-service',
];

export interface Org {
  teams: Array<{ id: string; departmentId: string; locationId: string }>;
  departments: string[];
  locations: string[];
}

export interface PopulationOptions {
  coaches: number;
  teams: number;
  departments: number;
  locations: number;
  /** The week the benchmark runs in (weekly counts of the current ISO week count). */
  weekStart: Date;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
function weighted<T>(random: Random, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const uuidish = (random: Random) =>
  'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(random() * 16).toString(16));

export function makeOrg(random: Random, opts: Pick<PopulationOptions, 'teams' | 'departments' | 'locations'>): Org {
  const departments = Array.from({ length: opts.departments }, (_, i) => `dep-${i}`);
  const locations = Array.from({ length: opts.locations }, (_, i) => `loc-${i}`);
  // A few large locations (town halls) and many small ones (depots, schools, day-care).
  const locationWeights = locations.map((l, i): [string, number] => [l, i < 3 ? 12 : i < 8 ? 4 : 1]);
  const teams = Array.from({ length: opts.teams }, (_, i) => ({
    id: `team-${i}`,
    departmentId: pick(random, departments),
    locationId: weighted(random, locationWeights),
  }));
  return { teams, departments, locations };
}

function workingHours(random: Random): Coach['workingHours'] {
  const timeZone = weighted(random, [
    ['Europe/Amsterdam', 80],
    ['Europe/Brussels', 10],
    ['Europe/London', 4],
    ['America/New_York', 2],
    ['Asia/Kolkata', 2],
    ['Pacific/Auckland', 2],
  ]);
  const kind = weighted(random, [
    ['full', 65],
    ['part-days', 25],
    ['part-mornings', 10],
  ]);
  const startMin = int(random, 12, 19) * 30; // 06:00–09:30
  if (kind === 'full') return { days: [1, 2, 3, 4, 5], start: hhmm(startMin), end: hhmm(startMin + 510), timeZone };
  if (kind === 'part-mornings')
    return { days: [1, 2, 3, 4, 5], start: hhmm(startMin), end: hhmm(startMin + 240), timeZone };
  const days = [1, 2, 3, 4, 5].filter(() => random() < 0.6);
  return { days: days.length ? days : [int(random, 1, 5)], start: hhmm(startMin), end: hhmm(startMin + 510), timeZone };
}

export function makeCoaches(random: Random, org: Org, opts: PopulationOptions): Coach[] {
  const week = isoWeek(opts.weekStart);
  const lastWeek = isoWeek(new Date(opts.weekStart.getTime() - 7 * 86400_000));
  // Team sizes are uneven: a quarter of the teams hold half of the coaches.
  const teamWeights = org.teams.map((t, i): [Org['teams'][number], number] => [t, i % 4 === 0 ? 3 : 1]);
  const coaches: Coach[] = [];
  for (let i = 0; i < opts.coaches; i++) {
    const team = weighted(random, teamWeights);
    const knownTeam = random() > 0.03; // self-registered coaches whose team the directory does not know
    const maxOpenTickets = weighted(random, [
      [1, 10],
      [2, 35],
      [3, 35],
      [4, 12],
      [5, 8],
    ]);
    const weeklyCapacity = int(random, 1, 6);
    const open = random() < 0.6 ? 0 : int(random, 0, maxOpenTickets);
    const pending = open < maxOpenTickets && random() < 0.15 ? 1 : 0;
    const thisWeek = random() < 0.85;
    const domains = TOPICS.filter(() => random() < 0.35);
    coaches.push({
      tenantId: 'bench-tenant',
      userId: uuidish(random),
      name: `Coach ${i}`,
      teamId: knownTeam ? team.id : undefined,
      departmentId: knownTeam || random() < 0.5 ? team.departmentId : undefined,
      locationId: random() < 0.9 ? team.locationId : pick(random, org.locations),
      domains: domains.length ? domains : [pick(random, TOPICS)],
      maxOpenTickets,
      weeklyCapacity,
      workingHours: workingHours(random),
      takesIntakes: random() < 0.3,
      available: random() < 0.92,
      openTickets: open,
      pendingOffers: pending,
      weekKey: thisWeek ? week : lastWeek,
      weekCount: int(random, 0, weeklyCapacity + 2),
      lastOfferedAt:
        random() < 0.25
          ? null
          : new Date(opts.weekStart.getTime() - int(random, 0, 14 * 24 * 60) * 60_000).toISOString(),
      registeredAt: '2026-01-05T08:00:00.000Z',
    });
  }
  return coaches;
}

export interface Call {
  input: RoutingInput;
  label: string;
}

/**
 * Routing calls: a ticket (requester, topic, kind, passedBy), a moment in the working
 * week, a presence map for a fraction of the calls, and now and then a preferred coach
 * (a reopened ticket goes back to the same coach first).
 */
export function makeCalls(
  random: Random,
  org: Org,
  coaches: Coach[],
  count: number,
  weekStart: Date,
  presenceShare: number,
): Call[] {
  const byTeam = new Map<string, Coach[]>();
  for (const c of coaches) if (c.teamId) byTeam.set(c.teamId, [...(byTeam.get(c.teamId) ?? []), c]);
  const presence = new Map<string, Availability>();
  for (const c of coaches) {
    if (random() < 0.6)
      presence.set(
        c.userId,
        weighted<Availability>(random, [
          ['available', 70],
          ['busy', 10],
          ['away', 8],
          ['offline', 5],
          ['unknown', 7],
        ]),
      );
  }
  const calls: Call[] = [];
  for (let i = 0; i < count; i++) {
    const who = weighted(random, [
      ['employee', 85],
      ['unknown', 10],
      ['coach', 5],
    ]);
    let requester: Ticket['requester'];
    if (who === 'coach') {
      const c = pick(random, coaches);
      requester = {
        userId: c.userId,
        name: c.name,
        teamId: c.teamId,
        departmentId: c.departmentId,
        locationId: c.locationId,
        locale: 'nl-NL',
      };
    } else if (who === 'unknown') {
      requester = {
        userId: uuidish(random),
        name: `Onbekend ${i}`,
        locationId: random() < 0.5 ? pick(random, org.locations) : undefined,
        locale: 'nl-NL',
      };
    } else {
      const team = pick(random, org.teams);
      requester = {
        userId: uuidish(random),
        name: `Medewerker ${i}`,
        teamId: team.id,
        departmentId: team.departmentId,
        locationId: team.locationId,
        locale: random() < 0.1 ? 'en-US' : 'nl-NL',
      };
    }
    // Coaches who already passed on this ticket are mostly the nearest ones (they were asked first).
    const near = (requester.teamId && byTeam.get(requester.teamId)) || [];
    const passedBy: string[] = [];
    const passes = weighted(random, [
      [0, 55],
      [1, 25],
      [2, 12],
      [3, 8],
    ]);
    for (let k = 0; k < passes; k++)
      passedBy.push((near.length && random() < 0.8 ? pick(random, near) : pick(random, coaches)).userId);
    // Monday–Friday, 07:00–18:00 UTC+1 of the benchmark's week.
    const now = new Date(weekStart.getTime() + int(random, 0, 4) * 86400_000 + int(random, 6 * 60, 17 * 60) * 60_000);
    const prefer = random() < 0.05 ? (near.length ? pick(random, near) : pick(random, coaches)).userId : null;
    calls.push({
      label: `${who}${passes ? ` passedBy=${passes}` : ''}${prefer ? ' prefer' : ''}`,
      input: {
        ticket: { requester, topic: pick(random, TOPICS), passedBy, kind: random() < 0.1 ? 'intake' : 'help' },
        coaches,
        now,
        presence: random() < presenceShare ? presence : undefined,
        preferCoachId: prefer,
      },
    });
  }
  return calls;
}
