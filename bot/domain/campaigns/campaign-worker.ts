import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import { isConflict } from '../errors';
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
  /** How long a claimed item is this instance's (ms); after that another instance may take it. */
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
 * Works the campaign queue; any number of server instances may run one.
 *
 * Exactly once per recipient and campaign:
 * 1. An instance claims a queued item with its ETag (a lease: `availableAt` moves to the
 *    lease's end, so no other instance reads it as claimable until the lease runs out).
 * 2. It checks the item (opt-out, scan finished, the cap, campaigns switched off) and counts
 *    the reminder in the person's ledger (idempotent per campaign).
 * 3. It writes `sending` with the claim's ETag. If that write fails, another instance took
 *    the item over (our lease ran out): we stop without sending.
 * 4. It sends through the outbound queue, then writes `sent` (or skipped/failed).
 * An item found in `sending` after its lease ran out is marked failed ("interrupted") and
 * never sent again: the instance that wrote `sending` may have delivered it. So a crash
 * can cost a reminder, never duplicate one. The residual windows: a crash between
 * `sending` and the send (the reminder is lost, shown as failed), and the outbound
 * queue's own retry of a 5xx that Teams had in fact delivered.
 */
export class CampaignWorker {
  private draining: Promise<number> | null = null;
  private stopping = false;
  readonly owner: string;

  constructor(private readonly deps: CampaignWorkerDeps) {
    this.owner = deps.owner ?? randomUUID();
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
          const mine = await this.claim(item);
          if (!mine) continue;
          claimed++;
          taken++;
          touched.set(`${mine.value.tenantId}|${mine.value.campaignId}`, {
            tenantId: mine.value.tenantId,
            campaignId: mine.value.campaignId,
          });
          const p: Promise<void> = this.process(mine)
            .then((outcome) => {
              if (outcome !== 'lost' && outcome !== 'requeued') finished++;
            })
            .catch((err) =>
              this.deps.log.error(
                { err, tenantId: mine.value.tenantId, campaignId: mine.value.campaignId },
                'campaign item failed; its lease will run out',
              ),
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

  private async claim(item: Versioned<Recipient>): Promise<Versioned<Recipient> | null> {
    const now = this.deps.clock.now();
    const r = item.value;
    if (Date.parse(r.availableAt) > now.getTime()) return null;
    const until = new Date(now.getTime() + (this.deps.leaseMs ?? 5 * 60_000)).toISOString();
    try {
      return await this.deps.repo.replaceRecipient(
        { ...r, lease: { owner: this.owner, until }, availableAt: until, updatedAt: now.toISOString() },
        item.etag,
      );
    } catch (err) {
      // Lost the race, or the store's answer was lost: if the lease was written, it runs out and the item comes back.
      if (!isConflict(err))
        this.deps.log.warn({ err, tenantId: r.tenantId, campaignId: r.campaignId }, 'campaign item claim failed');
      return null;
    }
  }

  private async process(item: Versioned<Recipient>): Promise<Outcome> {
    const r = item.value;
    const d = this.deps;
    if (r.status === 'sending') {
      // Its sender stopped after writing `sending`: it may have delivered. Never again.
      d.log.warn(
        { tenantId: r.tenantId, campaignId: r.campaignId },
        'campaign item interrupted while sending; not sent again',
      );
      return this.settle(item, 'failed', 'interrupted');
    }
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

    const slot = await d.slots.take(r.tenantId);
    const mark: Recipient = {
      ...r,
      status: 'sending',
      attempts: r.attempts + 1,
      updatedAt: d.clock.now().toISOString(),
    };
    let sending: Versioned<Recipient>;
    try {
      sending = await d.repo.replaceRecipient(mark, item.etag);
    } catch (err) {
      // Our lease ran out and another instance has the item: it decides; the ledger entry is shared.
      if (isConflict(err)) return 'lost';
      // The store's answer was lost (a reset connection): did the mark land?
      const now = await d.repo.getRecipient(r.tenantId, r.campaignId, r.kind, r.userId);
      if (now?.etag === item.etag) sending = await d.repo.replaceRecipient(mark, item.etag);
      else if (
        now?.value.status === 'sending' &&
        now.value.lease?.owner === this.owner &&
        now.value.attempts === mark.attempts
      )
        sending = now;
      else return 'lost';
    }
    // A slow write must not bunch this send with the next slots' sends: wait for a fresh slot then.
    if (d.slots.missed(slot)) await d.slots.take(r.tenantId);

    const delivery = await d.delivery.deliver(r.tenantId, r.userId, card, () => d.slots.take(r.tenantId));
    const release = async () => {
      if (counted)
        await d.ledger
          .release(r.tenantId, r.userId, r.campaignId)
          .catch((err) => d.log.warn({ err }, 'reminder count not released'));
    };
    switch (delivery.status) {
      case 'sent':
        return this.settle(sending, 'sent', undefined, { activityId: delivery.activityId ?? undefined });
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
          await this.write(sending, { status: 'queued', availableAt: later, lease: null });
          return 'requeued';
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
    await this.write(item, { status, ...(reason ? { reason } : {}), lease: null, ...extra });
    return status;
  }

  /**
   * Writes the item's outcome with its ETag. If the lease ran out while we were sending,
   * another instance may have marked it "interrupted" meanwhile: we know better, so our
   * outcome replaces that one. Any other change means the item is no longer ours.
   */
  private async write(item: Versioned<Recipient>, patch: Partial<Recipient>, tries = 3): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    try {
      await this.deps.repo.replaceRecipient({ ...item.value, ...patch, updatedAt: now }, item.etag);
    } catch (err) {
      if (!isConflict(err)) {
        // The store's answer was lost: write again unless the write landed (the outcome must not be lost).
        const current =
          tries > 1
            ? await this.deps.repo
                .getRecipient(item.value.tenantId, item.value.campaignId, item.value.kind, item.value.userId)
                .catch(() => null)
            : null;
        if (current?.etag === item.etag) return this.write(item, patch, tries - 1);
        if (current && current.value.status === patch.status) return;
        throw err;
      }
      const current = await this.deps.repo.getRecipient(
        item.value.tenantId,
        item.value.campaignId,
        item.value.kind,
        item.value.userId,
      );
      if (
        item.value.status === 'sending' &&
        current?.value.status === 'failed' &&
        current.value.reason === 'interrupted'
      ) {
        const { reason: _dropped, ...rest } = current.value;
        await this.deps.repo.replaceRecipient({ ...rest, ...patch, updatedAt: now }, current.etag);
        return;
      }
      this.deps.log.warn(
        { tenantId: item.value.tenantId, campaignId: item.value.campaignId, status: current?.value.status },
        'campaign item changed by another instance; outcome not written',
      );
    }
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
