import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { DurableSend } from '../delivery/durable-send';
import type { AdminAuditLog } from '../audit';
import { type Caller, requireAdmin } from '../dashboard/access';
import type { Log } from '../log';
import { type Locale, toLocale } from '../org';
import type { Clock, Directory } from '../ports';
import type { Versioned } from '../scan/scan-types';
import type { CoachNews, NewsCounts, NewsDelivery, NewsItem, NewsItemReason, NewsRepository } from './news-types';

export const NEWS_MAX_LENGTH = 1000;
const NEWS_MIN_LENGTH = 3;
const ARCHIVE_SIZE = 30;
/** How long a leased or claimed item is the instance's before another may look at it. */
const LEASE_MS = 5 * 60_000;
/** A send still refused with 429 after the outbound queue's own retries is tried again later, this many times in all. */
const MAX_ATTEMPTS = 3;

export interface NewsCardModel {
  text: string;
  departmentName: string | null;
  sentAt: string;
}

export interface NewsServiceDeps {
  repo: NewsRepository;
  directory: Directory;
  /** The coaches the news goes to: every approved coach of the tenant, or of one department. */
  audience(tenantId: string, departmentId: string | null): Promise<string[]>;
  delivery: NewsDelivery;
  card(m: NewsCardModel, locale: Locale): object;
  /** The language Teams last told us the coach speaks, if known. */
  teamsLocale?(tenantId: string, userId: string): Promise<string | null>;
  audit: AdminAuditLog;
  clock: Clock;
  log: Log;
  /** When a throttled item is tried again (ms). */
  retryDelayMs?: number;
  /** Items sent at once; the outbound queue paces them under Teams' limits. */
  concurrency?: number;
  /** This instance's name on its leases (tests name their instances). */
  owner?: string;
  leaseMs?: number;
}

export interface PostNews {
  text: string;
  departmentId?: string | null;
  /** The form's own id: sending the same form twice (a double click, a retried request) sends once. */
  key?: string;
}

export interface NewsArchiveRow extends CoachNews {
  departmentName: string | null;
  counts: NewsCounts;
}

const invalid = () => new AppError('invalid_request', 400, 'error.invalidRequest');
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Coach news from the programme team, delivered once per coach:
 * 1. Posting writes the news and one queue item per coach with a fixed id (news + coach),
 *    so a repeated post or a resumed one never adds a second item for a coach.
 * 2. Each item goes through the shared durable send (delivery/durable-send.ts): leased with
 *    its ETag, claimed as `sending` by the outbound queue right before the HTTP call (after
 *    its pacing and Teams' 429 Retry-After), settled. A 429 that outlasted the queue's
 *    retries goes back to `queued`: Teams refused it, so it was not delivered.
 * 3. An item that was in flight when its instance died is sent again after its lease ran
 *    out (see news-types.ts for why); every other item is sent exactly once.
 */
export class NewsService {
  private draining: Promise<number> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private readonly items: DurableSend<NewsItem>;

  constructor(private readonly deps: NewsServiceDeps) {
    const repo = deps.repo;
    this.items = new DurableSend<NewsItem>({
      store: {
        replace: (item, etag) => repo.replaceItem(item, etag),
        reread: (item) => repo.getItem(item.tenantId, item.newsId, item.userId),
      },
      clock: deps.clock,
      log: deps.log,
      owner: deps.owner ?? randomUUID(),
      leaseMs: deps.leaseMs ?? LEASE_MS,
      afterInterruption: 'resend',
      describe: (item) => ({ tenantId: item.tenantId, newsId: item.newsId }),
    });
  }

  async post(caller: Caller, input: PostNews): Promise<CoachNews> {
    await requireAdmin(this.deps.directory, caller);
    const text = (input.text ?? '').replace(/\r\n/g, '\n').trim();
    if (text.length < NEWS_MIN_LENGTH || text.length > NEWS_MAX_LENGTH) throw invalid();
    const departmentId = input.departmentId || null;
    if (departmentId) {
      const unit = await this.deps.directory.getUnit(caller.tenantId, departmentId);
      if (!unit || unit.kind !== 'department') throw invalid();
    }
    const newsId = input.key && KEY.test(input.key) ? input.key : randomUUID();
    const existing = await this.deps.repo.getNews(caller.tenantId, newsId);
    if (existing) return existing;
    const now = this.deps.clock.now().toISOString();
    const coaches = [...new Set(await this.deps.audience(caller.tenantId, departmentId))];
    const news: CoachNews = {
      tenantId: caller.tenantId,
      newsId,
      text,
      departmentId,
      recipients: coaches.length,
      sentBy: caller.userId,
      createdAt: now,
    };
    const created = await this.deps.repo.createNews(news);
    if (!created) return (await this.deps.repo.getNews(caller.tenantId, newsId)) ?? news;
    for (const userId of coaches)
      await this.deps.repo.addItem({
        tenantId: caller.tenantId,
        newsId,
        userId,
        status: 'queued',
        attempts: 0,
        availableAt: now,
        updatedAt: now,
      });
    await this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action: 'news.sent',
      changes: [
        { field: 'recipients', to: coaches.length },
        { field: 'department', to: departmentId },
      ],
      at: now,
    });
    this.kick();
    return created;
  }

  /** The tenant's sent news, newest first, with where each delivery stands. */
  async archive(caller: Caller): Promise<NewsArchiveRow[]> {
    await requireAdmin(this.deps.directory, caller);
    const news = await this.deps.repo.latestNews(caller.tenantId, ARCHIVE_SIZE);
    const counts = await this.deps.repo.counts(
      caller.tenantId,
      news.map((n) => n.newsId),
    );
    return Promise.all(
      news.map(async (n) => ({
        ...n,
        departmentName: n.departmentId
          ? ((await this.deps.directory.getUnit(n.tenantId, n.departmentId))?.name ?? null)
          : null,
        counts: counts[n.newsId] ?? { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0 },
      })),
    );
  }

  /** Sends every due item now; returns how many were settled. Tests and the start-up call it. */
  async drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.work().finally(() => (this.draining = null));
    const done = await this.draining;
    if (this.again) {
      this.again = false;
      return done + (await this.drain());
    }
    return done;
  }

  /** Work after a post or a restart runs by itself while started (tests drain by hand). */
  start(): void {
    this.running = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.draining) await this.draining.catch(() => undefined);
  }

  private kick(): void {
    if (!this.running) return;
    void this.drain().catch((err) => this.deps.log.error({ err }, 'coach news not sent; tried again later'));
  }

  private async work(): Promise<number> {
    const concurrency = this.deps.concurrency ?? 10;
    let settled = 0;
    let requeued = false;
    for (;;) {
      const due = await this.deps.repo.due(this.deps.clock.now(), 200);
      if (!due.length) break;
      let progressed = false;
      for (let i = 0; i < due.length; i += concurrency) {
        const outcomes = await Promise.all(due.slice(i, i + concurrency).map((item) => this.process(item)));
        for (const o of outcomes) {
          if (o === 'settled') settled++;
          if (o === 'requeued') requeued = true;
          if (o !== 'lost') progressed = true;
        }
      }
      if (!progressed) break;
    }
    if (requeued && this.running && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.kick();
      }, this.deps.retryDelayMs ?? 60_000);
      this.retryTimer.unref?.();
    }
    return settled;
  }

  private async process(found: Versioned<NewsItem>): Promise<'settled' | 'requeued' | 'lost'> {
    const d = this.deps;
    const taken = await this.items.take(found);
    if (taken.kind !== 'send') return taken.kind;
    const r = taken.item.value;
    const outcome = async (
      item: Versioned<NewsItem>,
      status: 'sent' | 'skipped' | 'failed',
      reason?: NewsItemReason,
    ) =>
      (await this.items.settle(item, { status, ...(reason ? { reason } : {}) }))
        ? ('settled' as const)
        : ('lost' as const);
    const news = await d.repo.getNews(r.tenantId, r.newsId);
    if (!news) return outcome(taken.item, 'failed', 'error');
    const card = d.card(
      {
        text: news.text,
        departmentName: news.departmentId
          ? ((await d.directory.getUnit(news.tenantId, news.departmentId))?.name ?? null)
          : null,
        sentAt: news.createdAt,
      },
      await this.localeOf(r.tenantId, r.userId),
    );
    // `sending` is written by the guard inside the outbound queue, right before the HTTP call.
    const attempt = this.items.attempt(taken.item);
    const delivery = await d.delivery.deliver(r.tenantId, r.userId, card, { guard: attempt });
    const sending = attempt.current;
    switch (delivery.status) {
      case 'sent':
        return outcome(sending, 'sent');
      case 'lost':
        return 'lost';
      case 'unreachable':
      case 'gone':
        return outcome(sending, 'skipped', delivery.status);
      case 'throttled':
        // Teams refused it (429) after every retry of the queue, so it was not delivered: safe to queue again, later.
        if (sending.value.attempts < MAX_ATTEMPTS) {
          const later = new Date(d.clock.now().getTime() + (d.retryDelayMs ?? 60_000)).toISOString();
          return (await this.items.settle(sending, { status: 'queued', availableAt: later })) ? 'requeued' : 'lost';
        }
        return outcome(sending, 'failed', 'throttled');
      case 'error':
        d.log.warn({ err: delivery.error, tenantId: r.tenantId, newsId: r.newsId }, 'coach news not delivered');
        return outcome(sending, 'failed', 'error');
    }
  }

  private async localeOf(tenantId: string, userId: string): Promise<Locale> {
    const person = await this.deps.directory.getPerson(tenantId, userId);
    if (person?.preferredLocale) return toLocale(person.preferredLocale);
    const teams = await this.deps.teamsLocale?.(tenantId, userId);
    if (teams) return toLocale(teams);
    return toLocale((await this.deps.directory.getTenant(tenantId))?.defaultLocale);
  }
}
