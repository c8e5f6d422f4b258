/**
 * The outbound queue for proactive sends to Teams. Teams throttles a bot per
 * conversation (7 per second, 60 per 30 s) and per tenant (design for 30 per second);
 * this queue keeps under those limits, honours 429 Retry-After, retries transient
 * failures with exponential backoff and jitter, and reports conversations that are
 * gone (403/404: the app was removed) so their reference can be marked stale.
 */
export interface OutboundJob<T> {
  tenantId: string;
  conversationKey: string;
  send: () => Promise<T>;
}

export interface OutboundOptions {
  perConversation: Array<{ limit: number; windowMs: number }>;
  perTenant: Array<{ limit: number; windowMs: number }>;
  maxAttempts: number;
  baseBackoffMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onGone?: (tenantId: string, conversationKey: string) => void;
}

export const TEAMS_LIMITS: Pick<OutboundOptions, 'perConversation' | 'perTenant'> = {
  perConversation: [
    { limit: 7, windowMs: 1000 },
    { limit: 60, windowMs: 30_000 },
  ],
  perTenant: [{ limit: 30, windowMs: 1000 }],
};

export class ConversationGoneError extends Error {
  constructor(readonly status: number) {
    super(`conversation gone (${status})`);
  }
}

interface Pending {
  job: OutboundJob<unknown>;
  attempt: number;
  notBefore: number;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

export class OutboundQueue {
  private readonly queues = new Map<string, Pending[]>();
  private readonly running = new Set<string>();
  private readonly sent = new Map<string, number[]>();
  /** Wakes a tenant's sleeping loop when new work arrives (it may be sendable before the sleep ends). */
  private readonly wakers = new Map<string, () => void>();
  private readonly opts: OutboundOptions;

  constructor(opts: Partial<OutboundOptions> = {}) {
    this.opts = {
      ...TEAMS_LIMITS,
      maxAttempts: 5,
      baseBackoffMs: 500,
      // Teams' limits are windows of real elapsed time: a monotonic timer (tests give their own).
      now: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms).unref()),
      random: Math.random,
      ...opts,
    };
  }

  enqueue<T>(job: OutboundJob<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.queues.get(job.tenantId) ?? [];
      queue.push({ job, attempt: 1, notBefore: 0, resolve: resolve as (v: unknown) => void, reject });
      this.queues.set(job.tenantId, queue);
      if (!this.running.has(job.tenantId)) void this.drain(job.tenantId);
      else this.wakers.get(job.tenantId)?.();
    });
  }

  /** One loop per tenant dispatches jobs as soon as every window allows; sends themselves run concurrently. */
  private async drain(tenantId: string): Promise<void> {
    this.running.add(tenantId);
    try {
      const queue = this.queues.get(tenantId)!;
      while (queue.length > 0) {
        const now = this.opts.now();
        const tenantReady = this.readyAt(`t|${tenantId}`, this.opts.perTenant, now);
        let best = -1;
        let bestAt = Number.POSITIVE_INFINITY;
        for (let i = 0; i < queue.length; i++) {
          const p = queue[i];
          const at = Math.max(
            p.notBefore,
            tenantReady,
            this.readyAt(`c|${p.job.conversationKey}`, this.opts.perConversation, now),
          );
          if (at < bestAt) [best, bestAt] = [i, at];
          if (at <= now) break;
        }
        if (bestAt > now) {
          // Sleep until the earliest job may go, or until a new job arrives: a job waiting for
          // its retry must not hold back other conversations' sends and then release them at once.
          await new Promise<void>((wake) => {
            this.wakers.set(tenantId, wake);
            void this.opts.sleep(bestAt - now).then(wake);
          });
          this.wakers.delete(tenantId);
          continue;
        }
        const [pending] = queue.splice(best, 1);
        this.record(`t|${tenantId}`, now);
        this.record(`c|${pending.job.conversationKey}`, now);
        void this.dispatch(pending);
      }
    } finally {
      this.running.delete(tenantId);
      if ((this.queues.get(tenantId)?.length ?? 0) > 0) void this.drain(tenantId);
    }
  }

  private async dispatch(p: Pending): Promise<void> {
    try {
      p.resolve(await p.job.send());
    } catch (err) {
      const status = statusOf(err);
      if (status === 403 || status === 404) {
        this.opts.onGone?.(p.job.tenantId, p.job.conversationKey);
        p.reject(new ConversationGoneError(status));
        return;
      }
      if (status !== undefined && RETRYABLE.has(status) && p.attempt < this.opts.maxAttempts) {
        const retryAfter = status === 429 ? retryAfterMs(err) : null;
        const backoff = retryAfter ?? this.opts.baseBackoffMs * 2 ** (p.attempt - 1) * (0.5 + this.opts.random());
        const queue = this.queues.get(p.job.tenantId) ?? [];
        queue.unshift({ ...p, attempt: p.attempt + 1, notBefore: this.opts.now() + backoff });
        this.queues.set(p.job.tenantId, queue);
        if (!this.running.has(p.job.tenantId)) void this.drain(p.job.tenantId);
        return;
      }
      p.reject(err);
    }
  }

  /** Earliest time every window for this key allows one more send. */
  private readyAt(key: string, windows: OutboundOptions['perTenant'], now: number): number {
    const times = this.sent.get(key) ?? [];
    let at = now;
    for (const w of windows) {
      const recent = times.filter((t) => t > now - w.windowMs);
      if (recent.length >= w.limit) at = Math.max(at, recent[recent.length - w.limit] + w.windowMs);
    }
    return at;
  }

  private record(key: string, at: number): void {
    const longest = Math.max(
      ...this.opts.perConversation.map((w) => w.windowMs),
      ...this.opts.perTenant.map((w) => w.windowMs),
    );
    const times = (this.sent.get(key) ?? []).filter((t) => t > at - longest);
    times.push(at);
    this.sent.set(key, times);
  }
}

export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.status ?? e?.response?.status;
}

function retryAfterMs(err: unknown): number | null {
  const headers = (
    err as { response?: { headers?: { get?: (n: string) => string | undefined } & Record<string, unknown> } }
  ).response?.headers;
  const raw = headers?.get?.('retry-after') ?? (headers?.['retry-after'] as string | undefined);
  const seconds = Number(raw);
  return raw !== undefined && Number.isFinite(seconds) ? seconds * 1000 : null;
}
