import type { DeliverOptions, Delivery } from '../campaigns/campaign-ports';
import type { Lease } from '../delivery/durable-send';
import type { Versioned } from '../scan/scan-types';

/**
 * Coach news: a short message from the programme team to every digicoach of the tenant or
 * of one department (e.g. early notice of a new system). One news record, one queue item
 * per coach; see news-service.ts for how each item is sent once.
 */
export interface CoachNews {
  tenantId: string;
  newsId: string;
  text: string;
  /** Null: every digicoach of the tenant. */
  departmentId: string | null;
  /** How many coaches it was addressed to when it was sent. */
  recipients: number;
  /** The admin who sent it (id only). */
  sentBy: string;
  createdAt: string;
}

/**
 * queued → (leased) → sending → sent; or skipped / failed with a reason (see
 * delivery/durable-send.ts). `sending` is written right before the HTTP call to Teams. An
 * item found in `sending` after its lease ran out was in flight when its sender stopped: it is
 * sent again (at least once), because coach news carries what a coach must know (a new
 * system, a changed procedure) and nobody would notice it missing, while a coach who reads
 * it twice loses nothing. `interruptions` records each such possible duplicate.
 */
export type NewsItemStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed';
export type NewsItemReason = 'unreachable' | 'gone' | 'interrupted' | 'throttled' | 'error';

export interface NewsItem {
  tenantId: string;
  newsId: string;
  userId: string;
  status: NewsItemStatus;
  reason?: NewsItemReason;
  attempts: number;
  /** While leased or `sending`: until when it is the instance's; while `queued`: not before. */
  availableAt: string;
  /** The instance that leased it (absent in items written before leases). */
  lease?: Lease | null;
  /** Times its sender stopped while the HTTP call was in flight: it was sent again each time. */
  interruptions?: number;
  updatedAt: string;
}

export type NewsCounts = Record<NewsItemStatus, number>;

export interface NewsRepository {
  /** Null when a news item with this id already exists (a repeated send of the same form). */
  createNews(news: CoachNews): Promise<CoachNews | null>;
  getNews(tenantId: string, newsId: string): Promise<CoachNews | null>;
  /** The tenant's news, newest first. */
  latestNews(tenantId: string, limit: number): Promise<CoachNews[]>;
  /** False when the coach's item already exists (a resumed send). */
  addItem(item: NewsItem): Promise<boolean>;
  /** Queued or sending items whose `availableAt` has passed, across tenants. */
  due(now: Date, limit: number): Promise<Array<Versioned<NewsItem>>>;
  getItem(tenantId: string, newsId: string, userId: string): Promise<Versioned<NewsItem> | null>;
  /** Throws a conflict AppError when the item changed since read. */
  replaceItem(item: NewsItem, etag: string): Promise<Versioned<NewsItem>>;
  /** Counts per status for each of these news items. */
  counts(tenantId: string, newsIds: string[]): Promise<Record<string, NewsCounts>>;
}

/** Sends one card through the app's throttled outbound queue (the campaigns' port). */
export interface NewsDelivery {
  deliver(tenantId: string, userId: string, card: object, opts?: Pick<DeliverOptions, 'guard'>): Promise<Delivery>;
}
