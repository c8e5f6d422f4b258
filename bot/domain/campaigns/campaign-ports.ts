import type { Lease, SendGuard } from '../delivery/durable-send';
import type { Versioned } from '../scan/scan-types';

export type { Lease } from '../delivery/durable-send';

/**
 * Reminder campaigns: once a month per tenant a reminder to everyone who has not finished
 * the scan and a team message to each leader. One campaign record per tenant and month,
 * one queue item per recipient; see campaign-worker.ts for how each item is sent once.
 */

/** A reminder to someone without a scan result, or the team figures to a team's leader. */
export type RecipientKind = 'reminder' | 'leader';

/**
 * queued → (leased) → sending → sent; or skipped / failed with a reason (see
 * delivery/durable-send.ts). `sending` is written right before the HTTP call to Teams: an
 * item found in `sending` after its lease ran out was in flight when its sender stopped. It
 * may or may not have been delivered, so it is never sent again but marked `uncertain`
 * ("mogelijk verstuurd"): a campaign message is a nudge, and a second one minutes after the
 * first reads as a bot gone wrong, while a missed one is made up by next month's round.
 */
export type RecipientStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed' | 'uncertain';

export type SkipReason =
  /** Finished the scan before the reminder went out. */
  | 'completed'
  /** Typed `geen herinneringen` or switched reminders off in the tab. */
  | 'reminders-off'
  /** Already had the maximum number of reminders. */
  | 'cap'
  /** The tenant switched campaigns off after this one started. */
  | 'campaigns-off'
  /** No conversation with the bot and none could be created. */
  | 'unreachable'
  /** Teams answered 403/404: the app was removed for this person. */
  | 'gone'
  /** A leader whose teams are gone from the directory. */
  | 'no-team';

export type FailReason =
  /** Found in `sending` after its lease ran out (written before items became `uncertain`). */
  | 'interrupted'
  /** Still throttled (429) after every retry. */
  | 'throttled'
  /** Another error from the Bot Connector. */
  | 'error';

export interface Recipient {
  tenantId: string;
  campaignId: string;
  userId: string;
  kind: RecipientKind;
  /** Leader messages: the teams this person leads. */
  teamIds?: string[];
  status: RecipientStatus;
  /** When a worker may take the item: now when queued, the lease's end while claimed, later after a throttled try. */
  availableAt: string;
  lease: Lease | null;
  attempts: number;
  /** Times its sender stopped while the HTTP call was in flight. */
  interruptions?: number;
  reason?: SkipReason | FailReason;
  activityId?: string;
  updatedAt: string;
}

export interface CampaignCounts {
  /** Waiting or being sent. */
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** In flight when its sender stopped: may have arrived ("mogelijk verstuurd"); absent in older counts. */
  uncertain?: number;
}

export interface Campaign {
  tenantId: string;
  /** The month, "YYYY-MM": one campaign per tenant per month. */
  campaignId: string;
  trigger: 'schedule' | 'admin';
  /** The admin who started it now (ids only). */
  startedBy?: string;
  createdAt: string;
  /** preparing: recipients are being queued (resumed by another instance if this one stops). */
  status: 'preparing' | 'running' | 'done';
  lease: Lease | null;
  preparedAt?: string;
  finishedAt?: string;
  recipients?: { reminders: number; leaders: number };
  /** Final counts, written once nothing is queued any more; running campaigns are counted on request. */
  counts?: CampaignCounts;
}

export interface CampaignRepository {
  /** Every tenant with a tenant record (the scheduler's round). */
  tenantIds(): Promise<string[]>;
  /** When the tenant's schedule first became known (`at` is stored the first time, then the stored moment is returned). */
  scheduleKnownSince(tenantId: string, at: string): Promise<string>;
  getCampaign(tenantId: string, campaignId: string): Promise<Versioned<Campaign> | null>;
  /** Null when the tenant already has a campaign with this id. */
  createCampaign(campaign: Campaign): Promise<Versioned<Campaign> | null>;
  /** Throws a conflict AppError when the campaign changed since read. */
  replaceCampaign(campaign: Campaign, etag: string): Promise<Versioned<Campaign>>;
  /** Newest first. */
  latestCampaigns(tenantId: string, limit: number): Promise<Campaign[]>;
  /** False when the recipient was already queued (a resumed preparation). */
  addRecipient(recipient: Recipient): Promise<boolean>;
  /** Queued or sending items whose `availableAt` has passed, across tenants, oldest first. */
  claimable(now: Date, limit: number): Promise<Array<Versioned<Recipient>>>;
  getRecipient(
    tenantId: string,
    campaignId: string,
    kind: RecipientKind,
    userId: string,
  ): Promise<Versioned<Recipient> | null>;
  /** Throws a conflict AppError when the item changed since read. */
  replaceRecipient(recipient: Recipient, etag: string): Promise<Versioned<Recipient>>;
  countByStatus(tenantId: string, campaignId: string): Promise<CampaignCounts>;
  /** Removes a person's queue items (their right to erasure). */
  forgetUser(tenantId: string, userId: string): Promise<number>;
}

/** How many campaign reminders each person got, ever (the cap), kept next to their other preferences. */
export interface ReminderLedger {
  /**
   * Counts this campaign's reminder for the person unless they reached `max`. Returns how many
   * reminders they have had with this one (also when it was already counted: a retried item
   * does not count twice), or null at the cap. One read, plus the write when it is new.
   */
  reserve(tenantId: string, userId: string, campaignId: string, max: number, at: string): Promise<number | null>;
  /** Takes the campaign's reminder off the count again (it was not delivered). */
  release(tenantId: string, userId: string, campaignId: string): Promise<void>;
  count(tenantId: string, userId: string): Promise<number>;
}

/** Who finished the scan. */
export interface ScanCompletion {
  /** Everyone in the tenant with a scan result (one query per campaign). */
  completedUserIds(tenantId: string): Promise<Set<string>>;
  hasCompleted(tenantId: string, userId: string): Promise<boolean>;
}

/** A team's participation as its leader's dashboard shows it; null when anonymity withholds it. */
export interface TeamFigures {
  participation(tenantId: string, teamId: string): Promise<{ completed: number; members: number } | null>;
}

export type Delivery =
  | { status: 'sent'; activityId: string | null }
  /** No stored conversation and none could be created. */
  | { status: 'unreachable' }
  /** 403/404: the reference was marked stale. */
  | { status: 'gone'; code: number }
  /** The connector kept answering 429 after every retry. */
  | { status: 'throttled' }
  /** The guard's claim lost to another instance right before the HTTP call: nothing was sent. */
  | { status: 'lost' }
  | { status: 'error'; error: unknown };

export interface DeliverOptions {
  /** Awaited before each retry of a throttled or failed send (the retry uses a send slot too). */
  beforeRetry?: () => Promise<unknown>;
  /** Claims the stored item right before each HTTP attempt (see delivery/durable-send.ts). */
  guard?: SendGuard;
}

/** Sends one proactive card through the app's rate-limited outbound queue. */
export interface CampaignDelivery {
  deliver(tenantId: string, userId: string, card: object, opts?: DeliverOptions): Promise<Delivery>;
}

/** Paces sends per tenant across every server instance. */
export interface SendSlots {
  /** Resolves at the moment this instance may send one message for the tenant, with that slot's time (ms). */
  take(tenantId: string): Promise<number>;
  /** Whether a slot taken earlier has passed by more than a slot or two (work after taking it was slow). */
  missed(at: number): boolean;
}

/** Where the pacer reserves time: a window of `slots` sends per call, one record per tenant. */
export interface SlotStore {
  /** Reserves `slots × slotMs` from max(now, the end of the last reservation); returns the window's start (ms). */
  reserve(tenantId: string, slots: number, slotMs: number, nowMs: number): Promise<number>;
}
