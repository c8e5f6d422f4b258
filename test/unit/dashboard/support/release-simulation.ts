import { type GroupRef, groupKey, planDashboard } from '../../../../bot/domain/dashboard/anonymity';
import type {
  DashboardStore,
  HelpGroupAggregate,
  ScanGroupAggregate,
  TeamAggregates,
} from '../../../../bot/domain/dashboard/dashboard-ports';
import { groupDashboard } from '../../../../bot/domain/dashboard/group-dashboard';
import { buildOrgShape, type OrgShape, structureOf, teamMembers } from '../../../../bot/domain/dashboard/org-shape';
import {
  type CellTeam,
  cellOfTeam,
  cellsOfGroup,
  REST_CELL,
  type Snapshot,
} from '../../../../bot/domain/dashboard/release';
import { emptyHelp, emptyScan } from '../../../../bot/domain/dashboard/rollups';
import { TenantViews } from '../../../../bot/domain/dashboard/tenant-views';
import type { OrgUnit, Person, Tenant } from '../../../../bot/domain/org';
import type { Directory } from '../../../../bot/domain/ports';
import { FakeClock } from '../../../fakes/fake-clock';

/** A random organisation: departments, locations, teams (some without a department or location) and people in no team. */
export interface OrgSpec {
  departments: number;
  locations: number;
  /** dep / loc beyond the counts mean "none" (the unknown department or location). */
  teams: Array<{ dep: number; loc: number; size: number }>;
  teamless: number;
  k: number;
}

export type Action =
  | { kind: 'scan'; who: number }
  | { kind: 'retake'; who: number }
  | { kind: 'help'; who: number }
  | { kind: 'view'; what: number }
  | { kind: 'day' };

/** How many measurements of one person the simulation keeps apart (the first and up to two retakes). */
const VERSIONS = 3;

/**
 * One release the attacker obtained: which unknowns a shown figure adds up. For scans an
 * unknown is one measurement of one person: person p's first scan is p, their v-th retake
 * p + v × (number of people), so results (latest levels) and growth (first and latest
 * levels) share the same unknowns. For help an unknown is a request.
 */
export interface Release {
  group: string;
  family: 'scan' | 'help';
  members: number[];
  /** A growth figure: the change from the first levels (`minus`) to the latest (`members`) of the people with two scans. */
  growth?: true;
  minus?: number[];
}

const T = 'tenant-sim';
const DOMAIN = 'd1';

/** The organisation and what happened in it so far, as the stored aggregates would count it. */
export class SimulatedTenant {
  readonly people: Person[] = [];
  readonly units: OrgUnit[] = [];
  readonly groups: GroupRef[];
  readonly cellTeams: CellTeam[];
  /** When each person completed the scan (ISO time), by person index. */
  readonly scannedAt = new Map<number, string>();
  /** When each person retook the scan, oldest first (at most VERSIONS − 1 kept apart). */
  readonly retakenAt = new Map<number, string[]>();
  /** Help requests in order: who asked and when. */
  readonly requests: Array<{ who: number; at: string }> = [];
  readonly clock = new FakeClock('2026-11-18T09:00:00Z');

  constructor(readonly spec: OrgSpec) {
    for (let d = 0; d < spec.departments; d++) this.units.push(unit(`dep${d}`, 'department'));
    for (let l = 0; l < spec.locations; l++) this.units.push(unit(`loc${l}`, 'location'));
    spec.teams.forEach((t, i) => {
      const team: OrgUnit = {
        ...unit(`team${i}`, 'team'),
        departmentId: t.dep < spec.departments ? `dep${t.dep}` : undefined,
        locationId: t.loc < spec.locations ? `loc${t.loc}` : undefined,
        leaderId: `lead${i}`,
      };
      this.units.push(team);
      for (let p = 0; p < t.size; p++)
        this.people.push({
          tenantId: T,
          id: `p${this.people.length}`,
          name: `p${this.people.length}`,
          teamId: team.id,
          departmentId: team.departmentId,
          locationId: team.locationId,
        });
    });
    for (let p = 0; p < spec.teamless; p++)
      this.people.push({ tenantId: T, id: `p${this.people.length}`, name: `p${this.people.length}` });
    this.groups = [{ kind: 'tenant', id: T }, ...this.units.map((u) => ({ kind: u.kind, id: u.id }))];
    this.cellTeams = spec.teams.map((t, i) => ({
      id: `team${i}`,
      members: t.size,
      departmentId: t.dep < spec.departments ? `dep${t.dep}` : undefined,
      locationId: t.loc < spec.locations ? `loc${t.loc}` : undefined,
    }));
  }

  /** A person's level in the one simulated domain: known to the simulation, to check figures against. */
  levelOf(person: number, version = 0): number {
    return Math.min(3, ((person * 7 + 3) % 4) + version * (person % 3 === 0 ? 0 : 1));
  }

  /** Which measurement of a person was their latest at a moment (0: the first scan). */
  versionAt(person: number, until: string): number {
    return (this.retakenAt.get(person) ?? []).filter((at) => at <= until).length;
  }

  /** The unknown for one measurement of one person (see Release). */
  unknown(person: number, version: number): number {
    return person + version * this.people.length;
  }

  /** Moves time on a minute and applies the action (views are for the caller to answer). */
  step(action: Action): void {
    this.clock.advance(action.kind === 'day' ? 24 * 3_600_000 : 60_000);
    const at = this.clock.now().toISOString();
    if (action.kind === 'scan' && this.people.length) {
      const who = action.who % this.people.length;
      if (!this.scannedAt.has(who)) this.scannedAt.set(who, at);
    }
    if (action.kind === 'retake' && this.people.length) {
      const who = action.who % this.people.length;
      const list = this.retakenAt.get(who) ?? [];
      if (this.scannedAt.has(who) && list.length < VERSIONS - 1) this.retakenAt.set(who, [...list, at]);
    }
    if (action.kind === 'help' && this.people.length) this.requests.push({ who: action.who % this.people.length, at });
  }

  inGroup(person: number, g: GroupRef): boolean {
    const p = this.people[person];
    if (g.kind === 'tenant') return true;
    if (g.kind === 'team') return p.teamId === g.id;
    return g.kind === 'department' ? p.departmentId === g.id && !!p.teamId : p.locationId === g.id && !!p.teamId;
  }

  scanAggregate(filter: (person: number) => boolean, until?: string): ScanGroupAggregate {
    const a = emptyScan();
    a.levels[DOMAIN] = [0, 0, 0, 0];
    const g = a.growth!;
    for (const [p, at] of this.scannedAt) {
      if (!filter(p) || (until !== undefined && at > until)) continue;
      const version = this.versionAt(p, until ?? '9999');
      const latest = this.levelOf(p, version);
      a.respondents++;
      a.completions++;
      a.levels[DOMAIN][latest]++;
      a.measured[DOMAIN] = (a.measured[DOMAIN] ?? 0) + 1;
      if (version > 0) {
        const first = this.levelOf(p, 0);
        g.people++;
        g.measured[DOMAIN] = (g.measured[DOMAIN] ?? 0) + 1;
        g.before[DOMAIN] = (g.before[DOMAIN] ?? 0) + first + 1;
        g.after[DOMAIN] = (g.after[DOMAIN] ?? 0) + latest + 1;
        if (latest > first) {
          g.up[DOMAIN] = (g.up[DOMAIN] ?? 0) + 1;
          g.upAny++;
        }
      }
      const month = at.slice(0, 7);
      a.completionsByMonth[month] = (a.completionsByMonth[month] ?? 0) + 1;
    }
    return a;
  }

  helpAggregate(filter: (person: number) => boolean): HelpGroupAggregate {
    const h = emptyHelp();
    for (const r of this.requests) {
      if (!filter(r.who)) continue;
      h.requests++;
      const m = (h.byMonth[r.at.slice(0, 7)] ??= { requests: 0, resolved: 0 });
      m.requests++;
    }
    return h;
  }

  /** The cell a person counts in under the release model. */
  cellOf(person: number): string {
    const teamId = this.people[person].teamId;
    const team = this.cellTeams.find((t) => t.id === teamId);
    return team ? cellOfTeam(team, this.spec.k) : REST_CELL;
  }
}

function unit(id: string, kind: OrgUnit['kind']): OrgUnit {
  return { tenantId: T, id, kind, name: id };
}

/** The stored aggregates and the snapshot document, in memory, read from the simulation. */
class SimulatedStore implements DashboardStore {
  shape: OrgShape | null = null;
  snapshot: Snapshot | null = null;
  constructor(private readonly sim: SimulatedTenant) {}
  async getOrgShape() {
    return this.shape;
  }
  async putOrgShape(shape: OrgShape) {
    this.shape = shape;
  }
  async scanAggregate(_t: string, g: GroupRef) {
    return this.sim.scanAggregate((p) => this.sim.inGroup(p, g));
  }
  async helpAggregate(_t: string, g: { kind: string; id: string }) {
    return g.kind === 'tenant' ? this.sim.helpAggregate(() => true) : null;
  }
  async teamAggregates(): Promise<TeamAggregates> {
    const teams = this.sim.units.filter((u) => u.kind === 'team');
    const of = (id: string) => (p: number) => this.sim.people[p].teamId === id;
    return {
      scan: new Map(teams.map((t) => [t.id, this.sim.scanAggregate(of(t.id))])),
      help: new Map(teams.map((t) => [t.id, this.sim.helpAggregate(of(t.id))])),
    };
  }
  async getSnapshot() {
    return this.snapshot ? { value: this.snapshot, etag: 'e' } : null;
  }
  async saveSnapshot(s: Snapshot) {
    this.snapshot = s;
  }
}

function simulatedDirectory(sim: SimulatedTenant): Directory {
  const tenant: Tenant = {
    tenantId: T,
    name: 'Sim',
    shortName: 'Sim',
    country: 'NL',
    defaultLocale: 'nl-NL',
    programmeAdmins: ['admin'],
    anonymityThreshold: sim.spec.k,
  };
  return {
    getTenant: async () => tenant,
    getUnit: async (_t: string, id: string) => sim.units.find((u) => u.id === id) ?? null,
    listPeople: async () => sim.people,
  } as unknown as Directory;
}

/** A way of answering dashboard views; returns what the attacker learns from one view. */
export interface Strategy {
  view(group: GroupRef): Promise<Release[]>;
}

/**
 * The release model as the server runs it: the real TenantViews, snapshot and dashboard
 * code over the simulated aggregates. `everyView` takes a new snapshot at every view (an
 * attacker choosing the moments), instead of once a day.
 */
export function releaseModel(sim: SimulatedTenant, opts: { everyView: boolean }): Strategy {
  const store = new SimulatedStore(sim);
  const views = new TenantViews({
    store,
    directory: simulatedDirectory(sim),
    clock: sim.clock,
    defaultThreshold: sim.spec.k,
    ttlMs: 0,
  });
  return {
    async view(group) {
      if (opts.everyView) views.invalidate(T);
      else if (store.snapshot && store.snapshot.period !== sim.clock.now().toISOString().slice(0, 10))
        views.invalidate(T); // the day changed: the server's background refresh, made synchronous here
      const view = await views.get(T);
      const d = groupDashboard(view, group, group.id, [DOMAIN], sim.clock.now());
      if (!d.participation) return [];
      const cells = cellsOfGroup(sim.cellTeams, sim.spec.k, group, Object.keys(view.snapshot.cells));
      const releasedAt = (cell: string, family: string) => view.snapshot.cells[cell]?.at[family];
      const released = [...sim.scannedAt]
        .map(([p, at]) => ({ p, at, until: releasedAt(sim.cellOf(p), 'scan.results') }))
        .filter((x) => cells.includes(sim.cellOf(x.p)) && x.until !== undefined && x.at <= x.until)
        .map((x) => ({ p: x.p, version: sim.versionAt(x.p, x.until) }));
      const scanMembers = released.map((x) => x.p);
      const twice = released.filter((x) => x.version > 0);
      const helpMembers = sim.requests
        .map((r, i) => ({ ...r, i }))
        .filter((r) => {
          const cell = sim.cellOf(r.who);
          const until = releasedAt(cell, 'help.requests');
          return cells.includes(cell) && until !== undefined && r.at <= until;
        })
        .map((r) => r.i);
      // The figures shown must be exactly these sets, or the auditor would audit the wrong equations.
      check(d.participation.completed === scanMembers.length, `${groupKey(group)}: completed`, d, scanMembers);
      if (d.results) {
        const levels = d.results.domains[0]?.levels ?? [0, 0, 0, 0];
        const expected = [0, 1, 2, 3].map((l) => released.filter((x) => sim.levelOf(x.p, x.version) === l).length);
        check(levels.join() === expected.join(), `${groupKey(group)}: levels`, d, scanMembers);
      }
      const grown = d.growth?.people ?? 0;
      check(grown === (d.growth ? twice.length : 0), `${groupKey(group)}: growth`, d, scanMembers);
      if (d.growth) {
        const up = twice.filter((x) => sim.levelOf(x.p, x.version) > sim.levelOf(x.p, 0)).length;
        check(Math.round(d.growth.upAnyRate * grown) === up, `${groupKey(group)}: grown a level`, d, scanMembers);
      }
      check(d.help?.requests === helpMembers.length, `${groupKey(group)}: help requests`, d, helpMembers);
      const growthRows: Release[] = d.growth
        ? [
            {
              group: groupKey(group),
              family: 'scan',
              growth: true,
              members: twice.map((x) => sim.unknown(x.p, x.version)),
              minus: twice.map((x) => sim.unknown(x.p, 0)),
            },
          ]
        : [];
      return [
        ...growthRows,
        { group: groupKey(group), family: 'scan', members: released.map((x) => sim.unknown(x.p, x.version)) },
        { group: groupKey(group), family: 'help', members: helpMembers },
      ];
    },
  };
}

function check(ok: boolean, what: string, shown: unknown, members: number[]): void {
  if (!ok) throw new Error(`${what} is not the sum over [${members.join(',')}]: ${JSON.stringify(shown)}`);
}

/**
 * The behaviour before the release model, reproduced small: each group has its own release
 * and counter (a new release after k more completions); teams and the tenant are read
 * fresh, departments and locations from a view cached for `cacheSteps` actions; the plan
 * withholds small groups and their complements on the live counts.
 */
export function naiveReleases(sim: SimulatedTenant, cacheSteps = 3): Strategy {
  const releases = new Map<string, { completions: number; members: number[] }>();
  let cache: { step: number; at: string } | null = null;
  let steps = 0;
  const shape = buildOrgShape(T, sim.people, sim.units, sim.clock.now().toISOString());
  const teamIds = Object.values(shape.units)
    .filter((u) => u.kind === 'team')
    .map((t) => t.id);
  return {
    async view(group) {
      steps++;
      const now = sim.clock.now().toISOString();
      if (!cache || steps - cache.step > cacheSteps) cache = { step: steps, at: now };
      const dataAt = group.kind === 'department' || group.kind === 'location' ? cache.at : now;
      const respondents = (until: string) =>
        new Map(teamIds.map((id) => [id, sim.scanAggregate((p) => sim.people[p].teamId === id, until).respondents]));
      const plan = planDashboard(
        structureOf(shape),
        { teams: teamMembers(shape), tenant: shape.members },
        { teams: respondents(cache.at), tenant: sim.scanAggregate(() => true, cache.at).respondents },
        sim.spec.k,
      );
      const key = groupKey(group);
      if (!plan.results.published.has(key)) return [];
      const members = [...sim.scannedAt].filter(([p, at]) => sim.inGroup(p, group) && at <= dataAt).map(([p]) => p);
      const previous = releases.get(key);
      if (!previous ? members.length >= sim.spec.k : members.length - previous.completions >= sim.spec.k)
        releases.set(key, { completions: members.length, members });
      const release = releases.get(key);
      return release ? [{ group: key, family: 'scan', members: release.members }] : [];
    },
  };
}
