import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import { DurableSend } from '../delivery/durable-send';
import { type Locale, type OrgUnit, type Person, type Tenant, toLocale } from '../org';
import type { Clock, Directory, ReminderSwitch } from '../ports';
import type { Versioned } from '../scan/scan-types';
import type {
  CampaignDelivery,
  CampaignRepository,
  FailReason,
  Recipient,
  ReminderLedger,
  ScanCompletion,
  SendSlots,
  SkipReason,
  TeamFigures,
} from './campaign-ports';

/** At most this many campaign reminders per person, ever (PRODUCT.md: "at most a few per person"). */
export const MAX_REMINDERS = 3;

export interface ReminderCardModel {
  participation: { completed: number; members: number } | null;
  /** How many reminders this person may still get after this one. */
  remindersLeft: number;
}

export interface LeaderCardModel {
  teams: Array<{ name: string; participation: { completed: number; members: number } | null }>;
  threshold: number;
}

export interface CampaignCards {
  reminder(m: ReminderCardModel, locale: Locale): object;
  leader(m: LeaderCardModel, locale: Locale): object;
}

export interface CampaignWorkerDeps {
  repo: CampaignRepository;
  ledger: ReminderLedger;
  completion: ScanCompletion;
  reminders: Pick<ReminderSwitch, 'remindersOff'>;
  directory: Directory;
  figures: TeamFigures;
  delivery: CampaignDelivery;
  slots: SendSlots;
  cards: CampaignCards;
  clock: Clock;
  log: Log;
  /** The language Teams last told us the person speaks, if known. */
  teamsLocale?(tenantId: string, userId: string): Promise<string | null>;
  /** The tenant's anonymity threshold as the dashboards apply it. */
  threshold(tenant: Tenant): number;
  /** After a drain: the campaigns it worked on (to write their final counts). */
  afterDrain?(campaigns: Array<{ tenantId: string; campaignId: string }>): Promise<void>;
  owner?: string;
  /** How long a leased or claimed item is this instance's (ms); after that another instance may take it. */
  leaseMs?: number;
  /** Items read per query. */
  batch?: number;
  /** Items in hand at once (waiting for a send slot or being sent). */
  concurrency?: number;
  maxReminders?: number;
  /** Tries of an item that stays throttled, each after `retryDelayMs`. */
  maxAttempts?: number;
  retryDelayMs?: number;
}

type Outcome = 'sent' | 'skipped' | 'failed' | 'requeued' | 'lost';

/**
 * Works the campaign queue; any number of server instances may run one. Each item goes
 * through the shared durable send (delivery/durable-send.ts): leased with its ETag, checked
 * (opt-out, scan finished, the cap, campaigns switched off), counted in the person's ledger
 * (idempotent per campaign), claimed as `sending` only right before the HTTP call, settled.
 * An item that was in flight when its instance died becomes `uncertain` after its lease
 * (never sent twice; see campaign-ports.ts for why); every other item is sent exactly once.
 * The residual window: the outbound queue's own retry of a 5xx that Teams had in fact delivered.
 */
export class CampaignWorker {
  private draining: Promise<number> | null = null;
  private stopping = false;
  private readonly items: DurableSend<Recipient>;

  constructor(private readonly deps: CampaignWorkerDeps) {
    const repo = deps.repo;
    this.items = new DurableSend<Recipient>({
      store: {
        replace: (r, etag) => repo.replaceRecipient(r, etag),
        reread: (r) => repo.getRecipient(r.tenantId, r.campaignId, r.kind, r.userId),
      },
      clock: deps.clock,
      log: deps.log,
      owner: deps.owner ?? randomUUID(),
      leaseMs: deps.leaseMs ?? 5 * 60_000,
      afterInterruption: 'uncertain',
      describe: (r) => ({ tenantId: r.tenantId, campaignId: r.campaignId, kind: r.kind }),
    });
  }

  get owner(): string {
    return this.items.owner;
  }

  /** Works every item claimable now (at most `max`); returns how many this instance finished. */
  async drain(opts: { max?: number } = {}): Promise<number> {
    if (this.stopping) return 0;
    if (this.draining) return this.draining;
    this.draining = this.work(opts.max).finally(() => (this.draining = null));
    return this.draining;
  }

  /** Stops taking new items for good and waits for the ones in hand; their outcomes are written. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.draining?.catch(() => undefined);
  }

  private async work(max?: number): Promise<number> {
    const concurrency = this.deps.concurrency ?? 60;
    const batch = this.deps.batch ?? 200;
    const inflight = new Set<Promise<void>>();
    const touched = new Map<string, { tenantId: string; campaignId: string }>();
    let finished = 0;
    let taken = 0;
    const full = () => max !== undefined && taken >= max;
    try {
      while (!this.stopping && !full()) {
        const due = shuffle(await this.deps.repo.claimable(this.deps.clock.now(), batch));
        let claimed = 0;
        for (const item of due) {
          if (this.stopping || full()) break;
          while (inflight.size >= concurrency) await Promise.race(inflight);
          const mine = await this.items.take(item);
          if (mine.kind === 'lost') continue;
          claimed++;
          taken++;
          const { tenantId, campaignId } = item.value;
          touched.set(`${tenantId}|${campaignId}`, { tenantId, campaignId });
          if (mine.kind === 'settled') {
            finished++;
            continue;
          }
          const p: Promise<void> = this.process(mine.item)
            .then((outcome) => {
              if (outcome !== 'lost' && outcome !== 'requeued') finished++;
            })
            .catch((err) =>
              this.deps.log.error({ err, tenantId, campaignId }, 'campaign item failed; its lease will run out'),
            )
            .finally(() => inflight.delete(p));
          inflight.add(p);
        }
        if (claimed === 0) {
          if (inflight.size === 0) break;
          await Promise.race(inflight);
        }
      }
      await Promise.all(inflight);
    } finally {
      await Promise.allSettled(inflight);
      if (touched.size && this.deps.afterDrain)
        await this.deps
          .afterDrain([...touched.values()])
          .catch((err) => this.deps.log.warn({ err }, 'campaign counts not written'));
    }
    return finished;
  }

  private async process(item: Versioned<Recipient>): Promise<Outcome> {
    const r = item.value;
    const d = this.deps;
    const tenant = await d.directory.getTenant(r.tenantId);
    if (!tenant || tenant.settings?.remindersEnabled === false) return this.settle(item, 'skipped', 'campaigns-off');
    if (await d.reminders.remindersOff(r.tenantId, r.userId)) return this.settle(item, 'skipped', 'reminders-off');
    const person = await d.directory.getPerson(r.tenantId, r.userId);
    const locale = toLocale(
      person?.preferredLocale ?? (await d.teamsLocale?.(r.tenantId, r.userId)) ?? tenant.defaultLocale,
    );

    let card: object;
    let counted = false;
    if (r.kind === 'reminder') {
      if (await d.completion.hasCompleted(r.tenantId, r.userId)) return this.settle(item, 'skipped', 'completed');
      const max = d.maxReminders ?? MAX_REMINDERS;
      const used = await d.ledger.reserve(r.tenantId, r.userId, r.campaignId, max, d.clock.now().toISOString());
      if (used === null) return this.settle(item, 'skipped', 'cap');
      counted = true;
      card = d.cards.reminder(
        { participation: await this.teamParticipation(person), remindersLeft: Math.max(0, max - used) },
        locale,
      );
    } else {
      const teams = await this.ledTeams(r);
      if (teams.length === 0) return this.settle(item, 'skipped', 'no-team');
      const rows = await Promise.all(
        teams.map(async (t) => ({ name: t.name, participation: await d.figures.participation(r.tenantId, t.id) })),
      );
      card = d.cards.leader({ teams: rows, threshold: d.threshold(tenant) }, locale);
    }

    await d.slots.take(r.tenantId);
    // `sending` is written by the guard inside the outbound queue, right before the HTTP call.
    const attempt = this.items.attempt(item);
    const delivery = await d.delivery.deliver(r.tenantId, r.userId, card, {
      beforeRetry: () => d.slots.take(r.tenantId),
      guard: attempt,
    });
    const sending = attempt.current;
    const release = async () => {
      if (counted)
        await d.ledger
          .release(r.tenantId, r.userId, r.campaignId)
          .catch((err) => d.log.warn({ err }, 'reminder count not released'));
    };
    switch (delivery.status) {
      case 'sent':
        return this.settle(sending, 'sent', undefined, { activityId: delivery.activityId ?? undefined });
      case 'lost':
        // Our lease ran out and another instance has the item: it decides; the ledger entry is shared.
        return 'lost';
      case 'gone':
        await release();
        return this.settle(sending, 'skipped', 'gone');
      case 'unreachable':
        await release();
        return this.settle(sending, 'skipped', 'unreachable');
      case 'throttled': {
        // Teams refused it (429), so it was not delivered: safe to queue again, later.
        if (sending.value.attempts < (d.maxAttempts ?? 5)) {
          const later = new Date(d.clock.now().getTime() + (d.retryDelayMs ?? 60_000)).toISOString();
          return (await this.items.settle(sending, { status: 'queued', availableAt: later })) ? 'requeued' : 'lost';
        }
        await release();
        return this.settle(sending, 'failed', 'throttled');
      }
      case 'error':
        d.log.warn(
          { err: delivery.error, tenantId: r.tenantId, campaignId: r.campaignId },
          'campaign message not delivered',
        );
        await release();
        return this.settle(sending, 'failed', 'error');
    }
  }

  private async teamParticipation(person: Person | null) {
    if (!person?.teamId) return null;
    return this.deps.figures.participation(person.tenantId, person.teamId);
  }

  private async ledTeams(r: Recipient): Promise<OrgUnit[]> {
    const units = await Promise.all((r.teamIds ?? []).map((id) => this.deps.directory.getUnit(r.tenantId, id)));
    return units.filter((u): u is OrgUnit => !!u && u.kind === 'team' && u.leaderId === r.userId);
  }

  private async settle(
    item: Versioned<Recipient>,
    status: 'sent' | 'skipped' | 'failed',
    reason?: SkipReason | FailReason,
    extra: Partial<Recipient> = {},
  ): Promise<Outcome> {
    const written = await this.items.settle(item, { status, ...(reason ? { reason } : {}), ...extra });
    return written ? status : 'lost';
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
