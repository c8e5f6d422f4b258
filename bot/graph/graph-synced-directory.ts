import { GraphError } from '@microsoft/microsoft-graph-client';
import type { OrgUnit, OrgUnitKind, Person, Tenant } from '../domain/org';
import type { Clock, Directory } from '../domain/ports';
import type { Logger } from '../logger';
import { AppTokenError } from './app-tokens';
import { departmentIdOf, type GraphProfile, locationIdOf, teamIdOf } from './graph-directory';
import { retryAfterMs } from './graph-presence';
import { derivedDepartmentHead } from '../domain/leaders';

/** The profile fields Graph keeps up to date in the stored directory. */
export type ProfileFields = Partial<
  Pick<
    Person,
    | 'name'
    | 'givenName'
    | 'email'
    | 'jobTitle'
    | 'departmentId'
    | 'locationId'
    | 'teamId'
    | 'managerId'
    | 'preferredLocale'
  >
>;

/** The stored directory (Cosmos) as the synced directory reads and refreshes it. */
export interface StoredDirectory extends Directory {
  createUnitIfMissing(unit: OrgUnit): Promise<boolean>;
  createPersonIfMissing(person: Person): Promise<boolean>;
  /** Sets these fields on a stored person, leaving every other field (job profile, coach, …) alone. */
  updatePersonProfile(tenantId: string, userId: string, fields: ProfileFields): Promise<void>;
  setUnitLeader(tenantId: string, unitId: string, leaderId: string | null, byAdmin: boolean): Promise<void>;
}

/** What the synced directory asks Graph for (GraphDirectory.appOnly for one tenant). */
export interface GraphProfiles {
  profile(userId: string): Promise<GraphProfile | null>;
  reportProfiles(managerId: string): Promise<GraphProfile[]>;
}

export interface GraphSyncedDirectoryOptions {
  stored: StoredDirectory;
  /** Graph for one tenant (made once per tenant and kept). */
  graphFor: (tenantId: string) => GraphProfiles;
  clock: Clock;
  log: Logger;
  /** How long a profile or a manager's reports read from Graph count as fresh. */
  ttlSeconds: number;
  /** How long a turn waits for Graph when the stored directory knows nothing yet; the refresh goes on after that. */
  waitMs?: number;
  /** No Graph calls for a tenant this long after a failure (a 429 waits its Retry-After instead). */
  failureBackoffSeconds?: number;
}

const MAX_ENTRIES = 50_000;

/**
 * The Directory port on the stored directory (Cosmos), kept up to date from Microsoft Graph.
 *
 * Every answer comes from the stored directory. Graph refreshes it: a person's profile
 * (name, mail, job title, department, office location, manager) and a manager's direct
 * reports are read from Graph at most once per `ttlSeconds` and written back (only the
 * fields Graph has a value for, and only when they changed), so dashboards, routing and
 * a restart or a Graph outage all see the same organisation. When the stored directory
 * already knows the subject, the refresh runs after the answer (a turn never waits on
 * Graph); when it knows nothing yet, the turn waits at most `waitMs`.
 *
 * Graph's department and office location texts become the stored unit of that kind
 * with the same name (so seeded or imported units keep their ids and figures), or a new
 * unit (`dep:`/`loc:` ids); a manager becomes the team they lead, or a new `team:<id>`.
 * A department's head is derived from the stored reporting lines (at most once per
 * `ttlSeconds`, after a list of departments was read), unless a programme admin chose one.
 *
 * When Graph fails, times out or throttles (429, honouring Retry-After), the stored
 * directory is served as it is, a warning is logged, and Graph is left alone for that
 * tenant for a while. Tokens are never logged.
 */
export class GraphSyncedDirectory implements Directory {
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly backoffMs: number;
  private readonly freshUntil = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly units = new Map<string, { at: number; byName: Map<string, string> }>();
  private readonly graphs = new Map<string, GraphProfiles>();

  constructor(private readonly opts: GraphSyncedDirectoryOptions) {
    this.ttlMs = opts.ttlSeconds * 1000;
    this.waitMs = opts.waitMs ?? 1500;
    this.backoffMs = (opts.failureBackoffSeconds ?? 30) * 1000;
  }

  getTenant(tenantId: string): Promise<Tenant | null> {
    return this.opts.stored.getTenant(tenantId);
  }

  getUnit(tenantId: string, unitId: string): Promise<OrgUnit | null> {
    return this.opts.stored.getUnit(tenantId, unitId);
  }

  listPeople(tenantId: string): Promise<Person[]> {
    return this.opts.stored.listPeople(tenantId);
  }

  listUnits(tenantId: string, kind: OrgUnitKind): Promise<OrgUnit[]> {
    // The departments' heads follow the reporting lines Graph refreshed: derived after the answer, once per TTL.
    if (kind === 'department') void this.refresh(tenantId, 'heads', () => this.deriveHeads(tenantId));
    return this.opts.stored.listUnits(tenantId, kind);
  }

  getPerson(tenantId: string, userId: string): Promise<Person | null> {
    return this.readThrough(
      () => this.opts.stored.getPerson(tenantId, userId),
      Boolean,
      () => this.refresh(tenantId, `p|${userId}`, () => this.refreshPerson(tenantId, userId)),
    );
  }

  directReports(tenantId: string, managerId: string): Promise<Person[]> {
    return this.readThrough(
      () => this.opts.stored.directReports(tenantId, managerId),
      (people) => people.length > 0,
      () => this.refreshReportsOf(tenantId, managerId),
    );
  }

  teamsLedBy(tenantId: string, leaderId: string): Promise<OrgUnit[]> {
    return this.readThrough(
      () => this.opts.stored.teamsLedBy(tenantId, leaderId),
      (teams) => teams.length > 0,
      () => this.refreshReportsOf(tenantId, leaderId),
    );
  }

  async teamMembers(tenantId: string, teamId: string): Promise<Person[]> {
    // As readThrough, but which refresh applies comes from the team's unit, read alongside.
    const [stored, unit] = await Promise.all([
      this.opts.stored.teamMembers(tenantId, teamId),
      this.opts.stored.getUnit(tenantId, teamId),
    ]);
    const job = unit?.leaderId ? this.refreshReportsOf(tenantId, unit.leaderId) : null;
    if (stored.length || !job) return stored;
    await this.upTo(job);
    return this.opts.stored.teamMembers(tenantId, teamId);
  }

  /** Resolves when every refresh under way is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight.values()]);
  }

  /**
   * The stored answer, then the subject's refresh from Graph started (or joined); only when
   * nothing was stored and a refresh is under way does the turn wait for it (at most
   * `waitMs`) and read again.
   */
  private async readThrough<T>(
    read: () => Promise<T>,
    found: (stored: T) => boolean,
    refresh: () => Promise<void> | null,
  ): Promise<T> {
    const stored = await read();
    const job = refresh();
    if (found(stored) || !job) return stored;
    await this.upTo(job);
    return read();
  }

  private refreshReportsOf(tenantId: string, managerId: string): Promise<void> | null {
    return this.refresh(tenantId, `r|${managerId}`, () => this.refreshReports(tenantId, managerId));
  }

  /**
   * Starts (or joins) the refresh of one subject unless it is fresh or Graph is resting for
   * this tenant; null when nothing is to be done. The promise never rejects.
   */
  private refresh(tenantId: string, subject: string, work: () => Promise<void>): Promise<void> | null {
    const key = `${tenantId}|${subject}`;
    const now = this.opts.clock.now().getTime();
    if ((this.freshUntil.get(key) ?? 0) > now) return null;
    const running = this.inflight.get(key);
    if (running) return running;
    if ((this.blockedUntil.get(tenantId) ?? 0) > now) return null;
    const job = work()
      .then(() => this.markFresh(key))
      .catch((err) => this.failed(tenantId, err))
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  private async refreshPerson(tenantId: string, userId: string): Promise<void> {
    const profile = await this.graph(tenantId).profile(userId);
    if (profile) await this.apply(tenantId, profile);
  }

  private async refreshReports(tenantId: string, managerId: string): Promise<void> {
    const graph = this.graph(tenantId);
    const [profiles, before, manager] = await Promise.all([
      graph.reportProfiles(managerId),
      this.opts.stored.directReports(tenantId, managerId),
      this.opts.stored.getPerson(tenantId, managerId),
    ]);
    for (const profile of profiles) {
      await this.apply(tenantId, { ...profile, managerId, managerName: profile.managerName ?? manager?.name });
      this.markFresh(`${tenantId}|p|${profile.id}`);
    }
    // Someone stored as a report whom Graph no longer lists moved: read their own profile.
    const now = new Set(profiles.map((p) => p.id));
    for (const gone of before.filter((p) => !now.has(p.id))) {
      const profile = await graph.profile(gone.id);
      if (profile) await this.apply(tenantId, profile);
      this.markFresh(`${tenantId}|p|${gone.id}`);
    }
  }

  /**
   * Names each department's head from the stored reporting lines (derivedDepartmentHead),
   * unless a programme admin chose one. A head the lines do not show is left as it is:
   * the sync fills in and follows changes, it never removes a head.
   */
  private async deriveHeads(tenantId: string): Promise<void> {
    // A store failure here is not Graph's: log it and try again after the TTL, without resting Graph.
    await this.writeHeads(tenantId).catch((err: unknown) =>
      this.opts.log.warn({ tenantId, code: (err as Error)?.name }, 'directory: department heads not derived'),
    );
  }

  private async writeHeads(tenantId: string): Promise<void> {
    const [people, departments] = await Promise.all([
      this.opts.stored.listPeople(tenantId),
      this.opts.stored.listUnits(tenantId, 'department'),
    ]);
    for (const d of departments) {
      if (d.leaderByAdmin) continue;
      const head = derivedDepartmentHead(d.id, people);
      if (head && head !== d.leaderId) {
        await this.opts.stored.setUnitLeader(tenantId, d.id, head, false);
        this.opts.log.info({ tenantId, departmentId: d.id }, 'directory: department head derived from Graph');
      }
    }
  }

  /** Writes what Graph says about one person into the stored directory (fields Graph has a value for). */
  private async apply(tenantId: string, g: GraphProfile): Promise<void> {
    const stored = await this.opts.stored.getPerson(tenantId, g.id);
    const fields: ProfileFields = {};
    if (g.displayName) fields.name = g.displayName;
    if (g.givenName) fields.givenName = g.givenName;
    if (g.mail) fields.email = g.mail;
    if (g.jobTitle) fields.jobTitle = g.jobTitle;
    if (g.department) fields.departmentId = await this.unitFor(tenantId, 'department', g.department);
    if (g.officeLocation) fields.locationId = await this.unitFor(tenantId, 'location', g.officeLocation);
    if (g.managerId) {
      fields.managerId = g.managerId;
      fields.teamId = await this.teamFor(tenantId, g.managerId, g.managerName, stored?.teamId);
    }
    // The user's own language choice in the app wins; Graph's only fills a gap.
    if (g.preferredLanguage && !stored?.preferredLocale) fields.preferredLocale = g.preferredLanguage;

    if (!stored) {
      const person: Person = { tenantId, id: g.id, name: g.displayName ?? '', ...fields };
      if (await this.opts.stored.createPersonIfMissing(person)) return;
    }
    const current = stored ?? (await this.opts.stored.getPerson(tenantId, g.id));
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([k, v]) => current?.[k as keyof Person] !== v),
    ) as ProfileFields;
    if (Object.keys(changed).length) await this.opts.stored.updatePersonProfile(tenantId, g.id, changed);
  }

  /** The stored unit of this kind with this name (ignoring case and spacing), created when there is none. */
  private async unitFor(tenantId: string, kind: 'department' | 'location', name: string): Promise<string> {
    const key = `${tenantId}|${kind}`;
    const now = this.opts.clock.now().getTime();
    let known = this.units.get(key);
    if (!known || now - known.at > 60_000) {
      const units = await this.opts.stored.listUnits(tenantId, kind);
      known = { at: now, byName: new Map(units.map((u) => [normal(u.name), u.id])) };
      this.units.set(key, known);
    }
    const hit = known.byName.get(normal(name));
    if (hit) return hit;
    const id = kind === 'department' ? departmentIdOf(name) : locationIdOf(name);
    await this.opts.stored.createUnitIfMissing({ tenantId, id, kind, name });
    known.byName.set(normal(name), id);
    return id;
  }

  /** The team a manager leads: the person's current one if the manager leads it, else the manager's first, else a new one. */
  private async teamFor(
    tenantId: string,
    managerId: string,
    managerName: string | undefined,
    current: string | undefined,
  ): Promise<string> {
    const led = await this.opts.stored.teamsLedBy(tenantId, managerId);
    if (current && led.some((t) => t.id === current)) return current;
    if (led.length) return led[0].id;
    const name = managerName ?? (await this.opts.stored.getPerson(tenantId, managerId))?.name ?? managerId;
    const id = teamIdOf(managerId);
    await this.opts.stored.createUnitIfMissing({ tenantId, id, kind: 'team', name, leaderId: managerId });
    return id;
  }

  private graph(tenantId: string): GraphProfiles {
    let g = this.graphs.get(tenantId);
    if (!g) {
      if (this.graphs.size >= 1000) this.graphs.clear();
      g = this.opts.graphFor(tenantId);
      this.graphs.set(tenantId, g);
    }
    return g;
  }

  private markFresh(key: string): void {
    const now = this.opts.clock.now().getTime();
    if (this.freshUntil.size >= MAX_ENTRIES)
      for (const [k, until] of this.freshUntil) if (until <= now) this.freshUntil.delete(k);
    if (this.freshUntil.size >= MAX_ENTRIES) this.freshUntil.clear();
    this.freshUntil.set(key, now + this.ttlMs);
  }

  /** Logs why Graph could not be used (never a token or a library message) and rests Graph for this tenant. */
  private failed(tenantId: string, err: unknown): void {
    const now = this.opts.clock.now().getTime();
    const log = this.opts.log;
    if (err instanceof AppTokenError) {
      // A managed identity cannot reach another tenant's Graph: that will not change soon.
      const rest = err.code === 'other_tenant' ? this.ttlMs : this.backoffMs;
      this.blockedUntil.set(tenantId, now + rest);
      (err.code === 'other_tenant' ? log.debug.bind(log) : log.warn.bind(log))(
        { tenantId, errorCode: err.code },
        'directory: no Graph token; serving the stored directory',
      );
      return;
    }
    const status = err instanceof GraphError ? err.statusCode : undefined;
    if (status === 429) {
      const wait =
        retryAfterMs(err instanceof GraphError ? err.headers?.get('retry-after') : null, now) ?? this.backoffMs;
      this.blockedUntil.set(tenantId, now + wait);
      log.warn(
        { tenantId, status, retryAfterSeconds: Math.ceil(wait / 1000) },
        'directory: Graph throttled; serving the stored directory until Retry-After',
      );
      return;
    }
    this.blockedUntil.set(tenantId, now + this.backoffMs);
    const code = err instanceof GraphError ? err.code : (err as Error)?.name;
    log.warn(
      { tenantId, status: status && status > 0 ? status : undefined, code },
      'directory: Graph call failed; serving the stored directory',
    );
  }

  /** Waits for a refresh at most `waitMs`; it goes on in the background after that. */
  private upTo(job: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.waitMs)));
    return Promise.race([job, limit]).finally(() => clearTimeout(timer));
  }
}

const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
