import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import { type Caller, requireAdmin } from '../dashboard/access';
import { AppError, isConflict } from '../errors';
import type { Tenant } from '../org';
import type { Clock, Directory } from '../ports';
import type { Versioned } from '../scan/scan-types';
import type { Campaign, CampaignCounts, CampaignRepository, Recipient, ScanCompletion } from './campaign-ports';
import { type CampaignCalendar, calendarFor, dueCampaign, monthOf, nextCampaign } from './schedule';

/** What the audit log needs to know of a campaign started by hand (ids only). */
export interface CampaignAuditEntry {
  tenantId: string;
  actorId: string;
  action: 'campaign.started';
  changes: Array<{ field: string; to: string }>;
  at: string;
}

export interface CampaignServiceDeps {
  repo: CampaignRepository;
  directory: Directory;
  completion: ScanCompletion;
  clock: Clock;
  log: Log;
  audit?: { record(entry: CampaignAuditEntry): Promise<void> };
  /** Only these tenants get campaigns (the deployment's allowed tenants); empty means all. */
  allowedTenants?: string[];
  calendar?(tenant: Tenant): CampaignCalendar;
  leaseMs?: number;
  owner?: string;
  /** A campaign this instance created (on schedule or by an admin): its queue has work from now on. */
  onStarted?(campaign: CampaignRef): void;
  /**
   * Whether rounds start by themselves on their planned moment (default true). Off in
   * development: the demo sends a round only when an admin presses "Nu versturen".
   */
  autoStart?: boolean;
}

/** Which campaign: the tenant and the month. */
export interface CampaignRef {
  tenantId: string;
  campaignId: string;
}

/** What a scheduler round did: how many campaigns it prepared, and which are still preparing or running (their queue has work). */
export interface Round {
  prepared: number;
  active: CampaignRef[];
}

/** A campaign as the programme view shows it. */
export interface CampaignSummary {
  campaignId: string;
  trigger: Campaign['trigger'];
  status: Campaign['status'];
  createdAt: string;
  finishedAt: string | null;
  recipients: { reminders: number; leaders: number } | null;
  counts: CampaignCounts;
}

export interface CampaignOverview {
  enabled: boolean;
  /** The next scheduled campaign (null when switched off). */
  next: { campaignId: string; at: string } | null;
  /** Whether "send now" is possible: on, and no campaign this month yet. */
  canStartNow: boolean;
  /**
   * This month's round whose planned moment passed before the app knew the schedule (a first
   * start, or automatic rounds switched off): it is not sent by itself; the admin starts it or
   * lets it pass.
   */
  waiting: { campaignId: string; at: string } | null;
  campaigns: CampaignSummary[];
}

export interface CampaignAdmin {
  overview(caller: Caller): Promise<CampaignOverview>;
  /** Starts this month's campaign now; 409 when there is one or campaigns are off. */
  startNow(caller: Caller): Promise<CampaignSummary>;
}

const CHUNK = 50;

/**
 * Starts campaigns: on schedule (the first working day of the month, 10:00 local) for
 * every tenant that has them on, or now by a programme admin. A campaign is one record
 * per tenant and month (its id is the month), created with a conditional create, so
 * several instances and an admin's click start it once. Preparing queues one item per
 * recipient; a prepared campaign is worked by the CampaignWorker. Preparation holds a
 * lease, so one that stopped halfway is finished by the next scheduler round.
 */
export class CampaignService {
  private readonly owner: string;
  private readonly background = new Set<Promise<unknown>>();
  private readonly since = new Map<string, Date>();

  constructor(private readonly deps: CampaignServiceDeps) {
    this.owner = deps.owner ?? randomUUID();
  }

  /**
   * The scheduler's round: starts due campaigns and resumes stopped preparations. Per tenant it
   * reads this month's and last month's campaign (a campaign started late in a month may still be
   * running), so it also tells which campaigns still have queue work.
   */
  async tick(): Promise<Round> {
    const now = this.deps.clock.now();
    let prepared = 0;
    const active: CampaignRef[] = [];
    const allowed = this.deps.allowedTenants ?? [];
    for (const tenantId of await this.deps.repo.tenantIds()) {
      if (allowed.length && !allowed.includes(tenantId)) continue;
      try {
        const tenant = await this.deps.directory.getTenant(tenantId);
        if (!tenant) continue;
        const calendar = this.calendar(tenant);
        const month = monthOf(now, calendar);
        const [current, previous] = await Promise.all([
          this.deps.repo.getCampaign(tenantId, month),
          this.deps.repo.getCampaign(tenantId, monthBefore(month)),
        ]);
        for (const c of [previous, current]) {
          if (!c || c.value.status === 'done') continue;
          if (c.value.status === 'preparing' && leaseOver(c.value, now)) {
            const mine = await this.claimPreparation(c);
            if (mine) prepared += (await this.prepare(mine), 1);
          }
          active.push({ tenantId, campaignId: c.value.campaignId });
        }
        if (current || tenant.settings?.remindersEnabled === false || this.deps.autoStart === false) continue;
        // Remember when the schedule became known before anything is due, so a first start never sends a round nobody saw coming.
        const since = await this.knownSince(tenantId, now);
        const due = dueCampaign(now, calendar);
        if (!due || due.at.getTime() < since.getTime()) continue;
        const started = await this.start(tenantId, due.month, 'schedule');
        if (started) {
          active.push({ tenantId, campaignId: due.month });
          prepared += (await this.prepare(started), 1);
        }
      } catch (err) {
        this.deps.log.error({ err, tenantId }, 'campaign round failed for a tenant');
      }
    }
    return { prepared, active };
  }

  /** Resolves when campaigns started in the background (by an admin) are prepared. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /** Writes a campaign's final counts once nothing is queued or being sent any more. */
  async finalize(tenantId: string, campaignId: string): Promise<Campaign | null> {
    const current = await this.deps.repo.getCampaign(tenantId, campaignId);
    if (!current) return null;
    if (current.value.status !== 'running') return current.value;
    const counts = await this.deps.repo.countByStatus(tenantId, campaignId);
    if (counts.queued > 0) return { ...current.value, counts };
    const done: Campaign = {
      ...current.value,
      status: 'done',
      counts,
      finishedAt: this.deps.clock.now().toISOString(),
    };
    try {
      return (await this.deps.repo.replaceCampaign(done, current.etag)).value;
    } catch (err) {
      if (isConflict(err)) return (await this.deps.repo.getCampaign(tenantId, campaignId))?.value ?? null;
      throw err;
    }
  }

  admin(): CampaignAdmin {
    return {
      overview: async (caller) => {
        const tenant = await requireAdmin(this.deps.directory, caller);
        const now = this.deps.clock.now();
        const calendar = this.calendar(tenant);
        const enabled = tenant.settings?.remindersEnabled !== false;
        const campaigns = await this.deps.repo.latestCampaigns(tenant.tenantId, 12);
        const summaries = await Promise.all(campaigns.map((c) => this.summary(c)));
        const thisMonth = monthOf(now, calendar);
        const next = nextCampaign(now, calendar);
        const canStartNow = enabled && !campaigns.some((c) => c.campaignId === thisMonth);
        const due = canStartNow ? dueCampaign(now, calendar) : null;
        const automatic =
          this.deps.autoStart !== false &&
          due &&
          due.at.getTime() >= (await this.knownSince(tenant.tenantId, now)).getTime();
        return {
          enabled,
          next: enabled ? { campaignId: next.month, at: next.at.toISOString() } : null,
          canStartNow,
          waiting: due && !automatic ? { campaignId: due.month, at: due.at.toISOString() } : null,
          campaigns: summaries,
        };
      },
      startNow: async (caller) => {
        const tenant = await requireAdmin(this.deps.directory, caller);
        if (tenant.settings?.remindersEnabled === false) throw new AppError('campaigns_off', 409, 'campaign.off');
        const now = this.deps.clock.now();
        const month = monthOf(now, this.calendar(tenant));
        const started = await this.start(tenant.tenantId, month, 'admin', caller.userId);
        if (!started) throw new AppError('campaign_exists', 409, 'campaign.exists');
        await this.deps.audit?.record({
          tenantId: tenant.tenantId,
          actorId: caller.userId,
          action: 'campaign.started',
          changes: [{ field: 'campaign', to: month }],
          at: now.toISOString(),
        });
        // Answer at once; recipients are queued in the background (resumed by the scheduler if this instance stops).
        const job = this.prepare(started).catch((err) =>
          this.deps.log.error(
            { err, tenantId: tenant.tenantId },
            'campaign preparation failed; the scheduler resumes it',
          ),
        );
        this.background.add(job);
        void job.finally(() => this.background.delete(job));
        return this.summary(started.value);
      },
    };
  }

  /** Creates the month's campaign record, claimed for preparation; null when the tenant already has it. */
  private async start(
    tenantId: string,
    campaignId: string,
    trigger: Campaign['trigger'],
    startedBy?: string,
  ): Promise<Versioned<Campaign> | null> {
    const now = this.deps.clock.now();
    const campaign: Campaign = {
      tenantId,
      campaignId,
      trigger,
      ...(startedBy ? { startedBy } : {}),
      createdAt: now.toISOString(),
      status: 'preparing',
      lease: { owner: this.owner, until: this.leaseEnd() },
    };
    const created = await this.deps.repo.createCampaign(campaign);
    if (created) {
      this.deps.log.info({ tenantId, campaignId, trigger }, 'campaign started');
      this.deps.onStarted?.({ tenantId, campaignId });
    }
    return created;
  }

  private async claimPreparation(current: Versioned<Campaign>): Promise<Versioned<Campaign> | null> {
    try {
      return await this.deps.repo.replaceCampaign(
        { ...current.value, lease: { owner: this.owner, until: this.leaseEnd() } },
        current.etag,
      );
    } catch (err) {
      if (isConflict(err)) return null;
      throw err;
    }
  }

  /**
   * Queues one item per person without a scan result and one per team leader. Items are
   * created by id, so a resumed preparation adds only what is missing.
   */
  private async prepare(campaign: Versioned<Campaign>): Promise<void> {
    const { tenantId, campaignId } = campaign.value;
    const [people, completed, teams] = await Promise.all([
      this.deps.directory.listPeople(tenantId),
      this.deps.completion.completedUserIds(tenantId),
      this.deps.directory.listUnits(tenantId, 'team'),
    ]);
    const now = this.deps.clock.now().toISOString();
    const item = (userId: string, kind: Recipient['kind'], teamIds?: string[]): Recipient => ({
      tenantId,
      campaignId,
      userId,
      kind,
      ...(teamIds ? { teamIds } : {}),
      status: 'queued',
      availableAt: now,
      lease: null,
      attempts: 0,
      updatedAt: now,
    });
    const leaders = new Map<string, string[]>();
    for (const team of teams)
      if (team.leaderId) leaders.set(team.leaderId, [...(leaders.get(team.leaderId) ?? []), team.id]);
    const items = [
      ...people.filter((p) => !completed.has(p.id)).map((p) => item(p.id, 'reminder')),
      ...[...leaders].map(([leaderId, teamIds]) => item(leaderId, 'leader', teamIds)),
    ];
    for (let i = 0; i < items.length; i += CHUNK)
      await Promise.all(items.slice(i, i + CHUNK).map((r) => this.deps.repo.addRecipient(r)));
    const reminders = items.filter((r) => r.kind === 'reminder').length;
    try {
      await this.deps.repo.replaceCampaign(
        {
          ...campaign.value,
          status: 'running',
          lease: null,
          preparedAt: this.deps.clock.now().toISOString(),
          recipients: { reminders, leaders: items.length - reminders },
        },
        campaign.etag,
      );
      this.deps.log.info({ tenantId, campaignId, reminders, leaders: items.length - reminders }, 'campaign queued');
    } catch (err) {
      // Our lease ran out and another instance resumed the preparation: it finishes it.
      if (!isConflict(err)) throw err;
    }
  }

  private async summary(c: Campaign): Promise<CampaignSummary> {
    const current = !c.counts && c.status === 'running' ? ((await this.finalize(c.tenantId, c.campaignId)) ?? c) : c;
    const counts = current.counts ?? (await this.deps.repo.countByStatus(c.tenantId, c.campaignId));
    return {
      campaignId: current.campaignId,
      trigger: current.trigger,
      status: current.status,
      createdAt: current.createdAt,
      finishedAt: current.finishedAt ?? null,
      recipients: current.recipients ?? null,
      counts,
    };
  }

  /** When this tenant's schedule first became known to the app (stored once, then cached). */
  private async knownSince(tenantId: string, now: Date): Promise<Date> {
    let since = this.since.get(tenantId);
    if (!since) {
      since = new Date(await this.deps.repo.scheduleKnownSince(tenantId, now.toISOString()));
      this.since.set(tenantId, since);
    }
    return since;
  }

  private calendar(tenant: Tenant): CampaignCalendar {
    return this.deps.calendar?.(tenant) ?? calendarFor(tenant.country);
  }

  private leaseEnd(): string {
    return new Date(this.deps.clock.now().getTime() + (this.deps.leaseMs ?? 5 * 60_000)).toISOString();
  }
}

/** Whether nobody holds the campaign's preparation lease any more. */
export const leaseOver = (c: Campaign, now: Date) => !c.lease || Date.parse(c.lease.until) <= now.getTime();

/** "2027-01" → "2026-12". */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
