import { Client, GraphError, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import type { Presence } from '../domain/help/help-ports';
import type { Availability } from '../domain/help/routing';
import { type Clock, systemClock } from '../domain/ports';
import type { Logger } from '../logger';
import { AppTokenError, type AppTokenProvider, TENANT } from './app-tokens';
import { BearerHandler } from './bearer-handler';

export { GRAPH_APP_SCOPES } from './app-tokens';
/** Graph takes at most 650 ids per getPresencesByUserId call. */
export const MAX_IDS_PER_CALL = 650;

const AVAILABILITY = new Map<string, Availability>([
  ['Available', 'available'],
  ['AvailableIdle', 'available'],
  ['Busy', 'busy'],
  ['BusyIdle', 'busy'],
  ['DoNotDisturb', 'busy'],
  ['Away', 'away'],
  ['BeRightBack', 'away'],
  ['Offline', 'offline'],
]);

/** Graph's `availability` in the port's terms; PresenceUnknown and anything new are 'unknown'. */
export function toAvailability(graph: string | null | undefined): Availability {
  return (graph && AVAILABILITY.get(graph)) || 'unknown';
}

const SWEEP_ABOVE = 50_000;

export interface GraphPresenceOptions {
  /** App-only tokens (client credentials or managed identity), made once per process: they cache the tokens. */
  tokens: AppTokenProvider;
  log: Logger;
  /** Graph's origin; tests point it at a local fake Graph. */
  graphBaseUrl?: string;
  /** How long a coach's availability is reused (a burst of requests then costs one Graph call). */
  cacheSeconds?: number;
  /** Wait used when a 429 carries no usable Retry-After. */
  defaultRetryAfterSeconds?: number;
  /** Graph must not hold up the routing of a help request. */
  timeoutMs?: number;
  clock?: Clock;
}

/**
 * The Presence port on Microsoft Graph with app-only tokens (client credentials, one
 * authority per tenant). Presence only sharpens routing: on any token or Graph failure
 * the users concerned are 'unknown', which routing ignores, so help is never blocked.
 * Answers are cached per tenant and user for a short time; concurrent requests for the
 * same users share one Graph call; a 429 stops calls for that tenant until Retry-After.
 * Tokens are never logged, returned or put in an error.
 */
export class GraphPresence implements Presence {
  private readonly origin: string;
  private readonly cacheMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly cache = new Map<string, { availability: Availability; until: number }>();
  private readonly inflight = new Map<string, Promise<Availability>>();
  /** Per tenant: no Graph calls before this time (epoch ms), after a 429. */
  private readonly blockedUntil = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly opts: GraphPresenceOptions) {
    this.origin = new URL(opts.graphBaseUrl ?? 'https://graph.microsoft.com').origin;
    this.cacheMs = (opts.cacheSeconds ?? 60) * 1000;
    this.defaultRetryAfterMs = (opts.defaultRetryAfterSeconds ?? 30) * 1000;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.clock = opts.clock ?? systemClock;
  }

  async availability(tenantId: string, userIds: string[]): Promise<Map<string, Availability>> {
    const result = new Map<string, Availability>();
    const now = this.clock.now().getTime();
    const waiting: Array<Promise<void>> = [];
    const missing: string[] = [];
    for (const id of new Set(userIds)) {
      const key = keyOf(tenantId, id);
      const hit = this.cache.get(key);
      if (hit && hit.until > now) {
        result.set(id, hit.availability);
        continue;
      }
      const pending = this.inflight.get(key);
      if (pending) waiting.push(pending.then((a) => void result.set(id, a)));
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += MAX_IDS_PER_CALL) {
      const ids = missing.slice(i, i + MAX_IDS_PER_CALL);
      const batch = this.fetchChunk(tenantId, ids);
      for (const id of ids) {
        const one = batch.then((found) => found.get(id) ?? 'unknown');
        this.inflight.set(keyOf(tenantId, id), one);
        waiting.push(one.then((a) => void result.set(id, a)));
      }
      void batch.then(() => ids.forEach((id) => this.inflight.delete(keyOf(tenantId, id))));
    }
    await Promise.all(waiting);
    return result;
  }

  /** One getPresencesByUserId call; never rejects: on failure the map is empty (all 'unknown'), nothing is cached. */
  private async fetchChunk(tenantId: string, ids: string[]): Promise<Map<string, Availability>> {
    const found = new Map<string, Availability>();
    const log = this.opts.log;
    if (!TENANT.test(tenantId)) {
      log.warn({ tenantId, users: ids.length }, 'presence: not a tenant id; presence unknown');
      return found;
    }
    if ((this.blockedUntil.get(tenantId) ?? 0) > this.clock.now().getTime()) return found;

    let token: string;
    try {
      token = await this.opts.tokens.graphToken(tenantId);
    } catch (err) {
      // Only the code: a token library's message can quote the request.
      log.warn(
        { tenantId, users: ids.length, errorCode: err instanceof AppTokenError ? err.code : 'failed' },
        'presence: app token failed; presence unknown',
      );
      return found;
    }

    try {
      const page = (await this.client(token)
        .api('/communications/getPresencesByUserId')
        .option('signal', AbortSignal.timeout(this.timeoutMs))
        .post({ ids })) as { value?: Array<{ id?: string; availability?: string | null }> } | undefined;
      const until = this.clock.now().getTime() + this.cacheMs;
      for (const p of page?.value ?? []) if (p.id) found.set(p.id, toAvailability(p.availability));
      // Ids Graph did not answer for are cached as unknown too: asking again soon would not change that.
      for (const id of ids) this.remember(tenantId, id, found.get(id) ?? 'unknown', until);
    } catch (err) {
      const status = err instanceof GraphError ? err.statusCode : undefined;
      if (status === 429) {
        const waitMs =
          retryAfterMs(
            err instanceof GraphError ? err.headers?.get('retry-after') : null,
            this.clock.now().getTime(),
          ) ?? this.defaultRetryAfterMs;
        this.blockedUntil.set(tenantId, this.clock.now().getTime() + waitMs);
        log.warn(
          { tenantId, users: ids.length, status, retryAfterSeconds: Math.ceil(waitMs / 1000) },
          'presence: Graph throttled; presence unknown until Retry-After',
        );
      } else {
        const code = err instanceof GraphError ? err.code : (err as Error)?.name;
        log.warn({ tenantId, users: ids.length, status, code }, 'presence: Graph call failed; presence unknown');
      }
      found.clear();
    }
    return found;
  }

  /** A Graph client carrying this token to Graph's origin only; no retry handler (a 429 waits, it does not retry). */
  private client(token: string): Client {
    const bearer = new BearerHandler(this.origin, async () => token);
    bearer.setNext(new HTTPMessageHandler());
    return Client.initWithMiddleware({ middleware: bearer, baseUrl: this.origin });
  }

  private remember(tenantId: string, userId: string, availability: Availability, until: number): void {
    const now = this.clock.now().getTime();
    if (this.cache.size >= SWEEP_ABOVE && now - this.lastSweep >= this.cacheMs) {
      this.lastSweep = now;
      for (const [key, entry] of this.cache) if (entry.until <= now) this.cache.delete(key);
    }
    this.cache.set(keyOf(tenantId, userId), { availability, until });
  }
}

const keyOf = (tenantId: string, userId: string) => `${tenantId}|${userId}`;

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
