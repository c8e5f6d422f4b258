import {
  Client,
  type Context,
  GraphError,
  HTTPMessageHandler,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import type { OrgUnit, Person, Tenant } from '../domain/org';
import type { Directory } from '../domain/ports';
import { BearerHandler } from './bearer-handler';
import type { AppTokenProvider } from './app-tokens';
import type { OboTokenProvider } from './obo-token-provider';

const USER_FIELDS = 'id,displayName,givenName,mail,jobTitle,department,officeLocation,preferredLanguage';

interface GraphUser {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  manager?: { id?: string; displayName?: string | null } | null;
}

/** A user as Graph describes them, with the texts (department, office location) the app maps onto its units. */
export interface GraphProfile {
  id: string;
  displayName?: string;
  givenName?: string;
  mail?: string;
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  preferredLanguage?: string;
  managerId?: string;
  managerName?: string;
}

/**
 * Units the app derives from Graph: a team is a manager with their direct reports
 * (`team:<managerId>`); a department and a location are the `department` and
 * `officeLocation` texts, encoded reversibly into ids (`dep:`, `loc:` + base64url).
 */
export const teamIdOf = (managerId: string) => `team:${managerId}`;
export const departmentIdOf = (name: string) => `dep:${Buffer.from(name, 'utf8').toString('base64url')}`;
export const locationIdOf = (name: string) => `loc:${Buffer.from(name, 'utf8').toString('base64url')}`;
const nameOf = (id: string) => Buffer.from(id.slice(4), 'base64url').toString('utf8');
/** "https://graph.microsoft.com/v1.0/users?$skiptoken=…" → "/users?$skiptoken=…". */
const relativeTo = (link: string) => {
  const url = new URL(link);
  return url.pathname.replace(/^\/(v1\.0|beta)/, '') + url.search;
};

/**
 * The Directory port on Microsoft Graph, for one signed-in user of one tenant (their
 * token is exchanged on-behalf-of; Graph only answers within their tenant). Profile with
 * department, office location and job title, manager and direct reports come from Graph;
 * tenant settings (programme admins, anonymity threshold) are the app's own.
 */
export class GraphDirectory implements Directory {
  constructor(
    private readonly tenantId: string,
    private readonly client: Client,
    private readonly settings: Pick<Directory, 'getTenant'>,
  ) {}

  /** A Graph client for this user's assertion: token, retries (429 with Retry-After), HTTP; against Graph or a local fake. */
  static forUser(opts: {
    tenantId: string;
    userAssertion: string;
    tokens: OboTokenProvider;
    settings: Pick<Directory, 'getTenant'>;
    baseUrl?: string;
  }): GraphDirectory {
    const origin = new URL(opts.baseUrl ?? 'https://graph.microsoft.com').origin;
    const bearer = new BearerHandler(origin, () => opts.tokens.graphToken(opts.userAssertion));
    const retry = new RetryHandler(new RetryHandlerOptions(1, 3));
    bearer.setNext(retry);
    retry.setNext(new HTTPMessageHandler());
    const client = Client.initWithMiddleware({ middleware: bearer, baseUrl: origin });
    return new GraphDirectory(opts.tenantId, client, opts.settings);
  }

  /**
   * App-only (application permission User.Read.All, client credentials or managed identity),
   * usable outside a user's request. No retries: a 429 or a slow Graph fails at once (after
   * `timeoutMs`) so the caller can fall back to what it has and wait for Retry-After.
   */
  static appOnly(opts: {
    tenantId: string;
    tokens: AppTokenProvider;
    settings: Pick<Directory, 'getTenant'>;
    baseUrl?: string;
    timeoutMs?: number;
  }): GraphDirectory {
    const origin = new URL(opts.baseUrl ?? 'https://graph.microsoft.com').origin;
    const bearer = new BearerHandler(origin, () => opts.tokens.graphToken(opts.tenantId));
    const timeout = new TimeoutHandler(opts.timeoutMs ?? 3000);
    bearer.setNext(timeout);
    timeout.setNext(new HTTPMessageHandler());
    const client = Client.initWithMiddleware({ middleware: bearer, baseUrl: origin });
    return new GraphDirectory(opts.tenantId, client, opts.settings);
  }

  /** One user's profile with their manager's id and name; null when Graph does not know them. */
  async profile(userId: string): Promise<GraphProfile | null> {
    const user = await this.orNull<GraphUser>(() =>
      this.client
        .api(`/users/${encodeURIComponent(userId)}`)
        .select(USER_FIELDS)
        .expand('manager($select=id,displayName)')
        .get(),
    );
    return user ? profileOf(user) : null;
  }

  /** The users reporting to this manager (every page). */
  async reportProfiles(managerId: string): Promise<GraphProfile[]> {
    const users = await this.all<GraphUser>(
      `/users/${encodeURIComponent(managerId)}/directReports/microsoft.graph.user`,
      { select: USER_FIELDS },
    );
    return users.map((u) => ({ ...profileOf(u), managerId }));
  }

  getTenant(tenantId: string): Promise<Tenant | null> {
    return this.settings.getTenant(tenantId);
  }

  async getPerson(tenantId: string, userId: string): Promise<Person | null> {
    if (!this.mine(tenantId)) return null;
    const user = await this.orNull<GraphUser>(() =>
      this.client
        .api(`/users/${encodeURIComponent(userId)}`)
        .select(USER_FIELDS)
        .expand('manager($select=id)')
        .get(),
    );
    return user ? this.person(user) : null;
  }

  async getUnit(tenantId: string, unitId: string): Promise<OrgUnit | null> {
    if (!this.mine(tenantId)) return null;
    if (unitId.startsWith('team:')) {
      const manager = await this.orNull<GraphUser>(() =>
        this.client
          .api(`/users/${encodeURIComponent(unitId.slice(5))}`)
          .select(USER_FIELDS)
          .get(),
      );
      return manager ? this.teamOf(manager) : null;
    }
    if (unitId.startsWith('dep:')) return { tenantId, id: unitId, kind: 'department', name: nameOf(unitId) };
    if (unitId.startsWith('loc:')) return { tenantId, id: unitId, kind: 'location', name: nameOf(unitId) };
    return null;
  }

  async directReports(tenantId: string, managerId: string): Promise<Person[]> {
    if (!this.mine(tenantId)) return [];
    const users = await this.all<GraphUser>(
      `/users/${encodeURIComponent(managerId)}/directReports/microsoft.graph.user`,
      { select: USER_FIELDS },
    );
    return users.map((u) => this.person({ ...u, manager: { id: managerId } }));
  }

  async teamMembers(tenantId: string, teamId: string): Promise<Person[]> {
    return teamId.startsWith('team:') ? this.directReports(tenantId, teamId.slice(5)) : [];
  }

  async teamsLedBy(tenantId: string, leaderId: string): Promise<OrgUnit[]> {
    if (!this.mine(tenantId)) return [];
    const page = await this.orNull<{ value: unknown[] }>(() =>
      this.client
        .api(`/users/${encodeURIComponent(leaderId)}/directReports`)
        .select('id')
        .top(1)
        .get(),
    );
    if (!page?.value.length) return [];
    const leader = await this.orNull<GraphUser>(() =>
      this.client
        .api(`/users/${encodeURIComponent(leaderId)}`)
        .select(USER_FIELDS)
        .get(),
    );
    return leader ? [this.teamOf(leader)] : [];
  }

  /** Every user of the tenant, page by page (an import, never per request). */
  async listPeople(tenantId: string): Promise<Person[]> {
    if (!this.mine(tenantId)) return [];
    const users = await this.all<GraphUser>('/users', { select: USER_FIELDS, expand: 'manager($select=id)', top: 999 });
    return users.map((u) => this.person(u)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Graph has no unit list: departments, locations and teams are what the users' records name. */
  async listUnits(tenantId: string, kind: OrgUnit['kind']): Promise<OrgUnit[]> {
    const people = await this.listPeople(tenantId);
    const ids = new Set(
      people
        .map((p) => (kind === 'team' ? p.teamId : kind === 'department' ? p.departmentId : p.locationId))
        .filter((id): id is string => Boolean(id)),
    );
    const units = await Promise.all([...ids].map((id) => this.getUnit(tenantId, id)));
    return units.filter((u): u is OrgUnit => u !== null).sort((a, b) => a.name.localeCompare(b.name));
  }

  private mine(tenantId: string): boolean {
    return tenantId === this.tenantId;
  }

  private person(u: GraphUser): Person {
    const managerId = u.manager?.id ?? undefined;
    return {
      tenantId: this.tenantId,
      id: u.id,
      name: u.displayName ?? '',
      givenName: u.givenName ?? undefined,
      email: u.mail ?? undefined,
      jobTitle: u.jobTitle ?? undefined,
      teamId: managerId ? teamIdOf(managerId) : undefined,
      departmentId: u.department ? departmentIdOf(u.department) : undefined,
      locationId: u.officeLocation ? locationIdOf(u.officeLocation) : undefined,
      managerId,
      preferredLocale: u.preferredLanguage ?? undefined,
    };
  }

  private teamOf(manager: GraphUser): OrgUnit {
    return {
      tenantId: this.tenantId,
      id: teamIdOf(manager.id),
      kind: 'team',
      name: manager.displayName ?? manager.id,
      leaderId: manager.id,
      departmentId: manager.department ? departmentIdOf(manager.department) : undefined,
      locationId: manager.officeLocation ? locationIdOf(manager.officeLocation) : undefined,
    };
  }

  private async all<T>(path: string, q: { select: string; expand?: string; top?: number }): Promise<T[]> {
    const out: T[] = [];
    let request = this.client.api(path).select(q.select);
    if (q.expand) request = request.expand(q.expand);
    if (q.top) request = request.top(q.top);
    let page = await this.orNull<{ value: T[]; '@odata.nextLink'?: string }>(() => request.get());
    while (page) {
      out.push(...page.value);
      const link = page['@odata.nextLink'];
      // Follow the next link on the host the client already talks to (Graph, or a fake in tests).
      page = link ? ((await this.client.api(relativeTo(link)).get()) as typeof page) : null;
    }
    return out;
  }

  private async orNull<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof GraphError && err.statusCode === 404) return null;
      throw err;
    }
  }
}

const text = (v: string | null | undefined) => (v && v.trim() ? v.trim() : undefined);

function profileOf(u: GraphUser): GraphProfile {
  return {
    id: u.id,
    displayName: text(u.displayName),
    givenName: text(u.givenName),
    mail: text(u.mail),
    jobTitle: text(u.jobTitle),
    department: text(u.department),
    officeLocation: text(u.officeLocation),
    preferredLanguage: text(u.preferredLanguage),
    managerId: text(u.manager?.id),
    managerName: text(u.manager?.displayName),
  };
}

/** Aborts a Graph request that takes longer than `ms` (the caller then falls back). */
class TimeoutHandler implements Middleware {
  private next: Middleware | null = null;

  constructor(private readonly ms: number) {}

  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, signal: AbortSignal.timeout(this.ms) };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
