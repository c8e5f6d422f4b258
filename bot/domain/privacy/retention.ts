import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import { type AdminAuditLog, SYSTEM_ACTOR } from '../audit';
import { isConflict } from '../errors';
import { CLOSED_STATES, type Ticket } from '../help/help-types';
import type { LeadershipAnswers } from '../leadership/leadership-ports';
import type { DimensionScore } from '../leadership/leadership-scoring';
import type { Clock } from '../ports';
import type { ScanResult, ScanSession, Versioned } from '../scan/scan-types';
import { BLANK } from './erasure';

/**
 * Retention (the embedded store has no TTL, and Azure's TTL removes whole documents):
 * once a day per tenant with a retention period of N months, answer details older than
 * N months are removed and what the figures and the owner's advice need is kept.
 *
 * | Record                         | Older than N months by | Removed                         | Kept |
 * |--------------------------------|------------------------|---------------------------------|------|
 * | scan result                    | completedAt            | the per-item answers            | levels, targets, growth, focus domains, advised modules, intake |
 * | scan session, in progress      | updatedAt              | the whole session (its answers) | nothing; `scan` starts afresh |
 * | scan session, completed        | updatedAt              | its copy of the answers         | the session's outline (its result holds the outcome) |
 * | leadership scan, completed     | updatedAt              | the per-statement answers       | the profile per theme (scores), so the result still shows |
 * | leadership scan, not completed | updatedAt              | the whole record                | nothing |
 * | help ticket, closed            | updatedAt              | question, where, comment        | topic, timings, outcome, minutes, rating, who |
 *
 * Aggregates are never touched. Everything is idempotent: a record already trimmed no
 * longer matches, so a second run (or a second instance) changes nothing.
 */
export type RetentionKind = 'result' | 'session' | 'leadership' | 'ticket';

export interface RetentionDocs {
  result: ScanResult;
  session: ScanSession;
  leadership: LeadershipAnswers;
  ticket: Ticket;
}

export type Trim<T> = { replace: T } | { remove: true };

export interface RetentionStore {
  /** Tenants with a retention period, page by page. */
  tenants(): AsyncIterable<Array<{ tenantId: string; retentionMonths: number }>>;
  /**
   * The first page of records of a kind, older than the cutoff, that still hold details.
   * A trimmed record stops matching, so asking again gives the next ones (no OFFSET needed).
   */
  firstPage<K extends RetentionKind>(
    kind: K,
    tenantId: string,
    cutoff: string,
    pageSize: number,
  ): Promise<Array<Versioned<RetentionDocs[K]>>>;
  /** Conditional on the ETag; a conflict AppError when the record changed since read. */
  replace<K extends RetentionKind>(kind: K, doc: RetentionDocs[K], etag: string): Promise<void>;
  remove<K extends RetentionKind>(kind: K, doc: RetentionDocs[K], etag: string): Promise<void>;
  /** Did this completed session's result get written (only then may its answers go)? */
  hasResult(tenantId: string, userId: string, sessionId: string): Promise<boolean>;
}

/** Who runs a tenant's retention today: one instance, through an ETag lease that expires if it crashes. */
export interface RetentionLeases {
  claim(tenantId: string, day: string, owner: string, until: Date, now: Date): Promise<boolean>;
  done(tenantId: string, day: string, owner: string): Promise<void>;
}

/** N calendar months before `now` (UTC); the 31st falls back to the month's last day. */
export function retentionCutoff(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const target = new Date(
    Date.UTC(y, m, 1, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}

export function trimResult(r: ScanResult, at: string): Trim<ScanResult> | null {
  if (!r.answers.length) return null;
  return { replace: { ...r, answers: [], answersRemovedAt: at } };
}

export function trimSession(s: ScanSession): Trim<ScanSession> | null {
  if (s.status === 'in-progress') return { remove: true };
  return s.answers.length ? { replace: { ...s, answers: [] } } : null;
}

export function trimLeadership(
  l: LeadershipAnswers,
  score: (answers: Record<string, number>) => DimensionScore[],
  at: string,
): Trim<LeadershipAnswers> | null {
  if (!l.completedAt) return { remove: true };
  if (l.scores) return null;
  return { replace: { ...l, answers: {}, scores: score(l.answers), answersRemovedAt: at } };
}

export function trimTicket(t: Ticket): Trim<Ticket> | null {
  if (!CLOSED_STATES.has(t.state)) return null;
  if (t.question === BLANK && t.where === BLANK && t.comment === undefined) return null;
  return { replace: { ...t, question: BLANK, where: BLANK, comment: undefined } };
}

export interface RetentionCounts {
  result: number;
  session: number;
  leadership: number;
  ticket: number;
}

/**
 * The daily retention job. `runDue()` goes over every tenant with a retention period
 * and, for each one not yet done today (UTC), takes the tenant's lease, trims, and marks
 * the day done. Time comes from the Clock, so tests move a fake clock instead of sleeping.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<Map<string, RetentionCounts>> | null = null;

  constructor(
    private readonly deps: {
      store: RetentionStore;
      leases: RetentionLeases;
      audit?: Pick<AdminAuditLog, 'record'>;
      scoreLeadership: (answers: Record<string, number>) => DimensionScore[];
      clock: Clock;
      log: Log;
      owner?: string;
      leaseMs?: number;
      pageSize?: number;
    },
    readonly owner = deps.owner ?? randomUUID(),
  ) {}

  /** Runs every tenant that is due; resolves with what was trimmed per tenant (tenants done elsewhere today are left out). */
  runDue(): Promise<Map<string, RetentionCounts>> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  /** Looks every hour whether a tenant's day has come (each tenant runs once a day). */
  start(intervalMs = 3600_000): void {
    const run = () => void this.runDue().catch((err) => this.deps.log.error({ err }, 'retention sweep failed'));
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    setTimeout(run, 30_000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async sweep(): Promise<Map<string, RetentionCounts>> {
    const done = new Map<string, RetentionCounts>();
    for await (const page of this.deps.store.tenants()) {
      for (const { tenantId, retentionMonths } of page) {
        const now = this.deps.clock.now();
        const day = now.toISOString().slice(0, 10);
        if (
          !(await this.deps.leases.claim(
            tenantId,
            day,
            this.owner,
            new Date(now.getTime() + (this.deps.leaseMs ?? 15 * 60_000)),
            now,
          ))
        )
          continue;
        try {
          const counts = await this.runTenant(tenantId, retentionCutoff(now, retentionMonths));
          await this.deps.leases.done(tenantId, day, this.owner);
          done.set(tenantId, counts);
          const total = counts.result + counts.session + counts.leadership + counts.ticket;
          if (total > 0) {
            await this.deps.audit?.record({
              tenantId,
              actorId: SYSTEM_ACTOR,
              action: 'retention.applied',
              changes: [
                { field: 'retentionMonths', to: retentionMonths },
                ...(Object.entries(counts) as Array<[string, number]>)
                  .filter(([, n]) => n > 0)
                  .map(([field, n]) => ({ field, to: n })),
              ],
              at: this.deps.clock.now().toISOString(),
            });
          }
          this.deps.log.info({ tenantId, retentionMonths, ...counts }, 'retention applied');
        } catch (err) {
          // The lease runs out and the next sweep tries again.
          this.deps.log.error({ err, tenantId }, 'retention failed for a tenant');
        }
      }
    }
    return done;
  }

  /** Trims one tenant's records older than the cutoff. */
  async runTenant(tenantId: string, cutoff: Date): Promise<RetentionCounts> {
    const at = this.deps.clock.now().toISOString();
    const iso = cutoff.toISOString();
    return {
      result: await this.trimAll('result', tenantId, iso, (r) => trimResult(r, at)),
      session: await this.trimAll('session', tenantId, iso, async (s) =>
        s.status === 'completed' && !(await this.deps.store.hasResult(tenantId, s.userId, s.sessionId))
          ? null
          : trimSession(s),
      ),
      leadership: await this.trimAll('leadership', tenantId, iso, (l) =>
        trimLeadership(l, this.deps.scoreLeadership, at),
      ),
      ticket: await this.trimAll('ticket', tenantId, iso, (t) => trimTicket(t)),
    };
  }

  private async trimAll<K extends RetentionKind>(
    kind: K,
    tenantId: string,
    cutoff: string,
    decide: (doc: RetentionDocs[K]) => Trim<RetentionDocs[K]> | null | Promise<Trim<RetentionDocs[K]> | null>,
  ): Promise<number> {
    let changed = 0;
    const left = new Set<string>();
    for (;;) {
      const page = await this.deps.store.firstPage(kind, tenantId, cutoff, this.deps.pageSize ?? 100);
      let progress = 0;
      for (const { value, etag } of page) {
        const trim = await decide(value);
        if (!trim) {
          left.add(etag); // matches the query but has nothing to remove (e.g. a completed session whose result is missing)
          continue;
        }
        try {
          if ('remove' in trim) await this.deps.store.remove(kind, value, etag);
          else await this.deps.store.replace(kind, trim.replace, etag);
          changed++;
          progress++;
        } catch (err) {
          // Changed meanwhile (the owner answered, a coach acted): tomorrow's run looks again.
          if (!isConflict(err)) throw err;
        }
      }
      if (progress === 0 || page.every((p) => left.has(p.etag))) return changed;
    }
  }
}
