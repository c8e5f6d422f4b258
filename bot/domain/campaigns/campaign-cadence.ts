import type { Log } from '../log';
import type { Clock } from '../ports';
import type { Campaign } from './campaign-ports';
import { type CampaignRef, leaseOver, type Round } from './campaign-service';

/** Timers the cadence runs on (real ones in the app, hand-driven ones in tests). */
export interface CadenceTimers {
  after(ms: number, run: () => void): { cancel(): void };
}

export const realTimers: CadenceTimers = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

export interface CampaignCadenceDeps {
  clock: Clock;
  log: Log;
  /** The scheduler's round (CampaignService.tick). */
  check(): Promise<Round>;
  /** Works the claimable queue items; how many it finished (CampaignWorker.drain). */
  drain(): Promise<number>;
  /** The campaign's state, its final counts written when nothing is queued or being sent (CampaignService.finalize). */
  finalize(tenantId: string, campaignId: string): Promise<Campaign | null>;
  /** How often the schedule is looked at (default 15 minutes: campaigns start at 10:00, a few minutes later is fine). */
  checkEveryMs?: number;
  /** How often the queue is drained while a campaign is preparing or running (default 15 s). */
  drainEveryMs?: number;
  /** The first look at the schedule after start (default 15 s: catches up a campaign missed while the server was down). */
  firstCheckMs?: number;
  timers?: CadenceTimers;
}

/**
 * When this instance looks at the schedule and drains the queue. Campaigns run about once a
 * month, so between them the store is asked only for the schedule, every `checkEveryMs`. The
 * queue is drained only while this instance knows of a campaign that is preparing or running:
 * one it started, or one a schedule check found (so every instance joins a campaign within
 * `checkEveryMs`). A campaign stays known until a drain finds nothing to do and its record says
 * done; that happens only when none of its items is queued or sending, so items under another
 * instance's lease (or waiting after a throttled try) are drained when they come back.
 */
export class CampaignCadence {
  private readonly active = new Map<string, CampaignRef>();
  private timer: { cancel(): void } | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private nextCheckAt = 0;

  constructor(private readonly deps: CampaignCadenceDeps) {}

  private get timers() {
    return this.deps.timers ?? realTimers;
  }

  start(): void {
    this.started = true;
    const first = this.deps.firstCheckMs ?? 15_000;
    this.nextCheckAt = this.deps.clock.now().getTime() + first;
    this.arm(first);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.timer?.cancel();
    this.timer = null;
    await this.idle();
  }

  /** Resolves when the step under way (if any) is over. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Campaigns that have queue work (started here, or found by a round): drain until they are done. */
  notice(campaigns: CampaignRef[]): void {
    let added = false;
    for (const c of campaigns) {
      const key = `${c.tenantId}|${c.campaignId}`;
      if (this.active.has(key)) continue;
      this.active.set(key, c);
      added = true;
    }
    // Start draining now; a step under way re-arms by itself when it ends.
    if (added && this.started && !this.running) this.arm(0);
  }

  /** The campaigns this instance drains the queue for. */
  draining(): CampaignRef[] {
    return [...this.active.values()];
  }

  private arm(ms: number): void {
    this.timer?.cancel();
    this.timer = this.timers.after(ms, () => {
      this.timer = null;
      if (!this.started || this.running) return;
      this.running = this.step()
        .catch((err) => this.deps.log.error({ err }, 'campaign round failed'))
        .finally(() => {
          this.running = null;
          if (this.started) this.arm(this.delay());
        });
    });
  }

  private delay(): number {
    const untilCheck = Math.max(0, this.nextCheckAt - this.deps.clock.now().getTime());
    return this.active.size ? Math.min(this.deps.drainEveryMs ?? 15_000, untilCheck) : untilCheck;
  }

  private async step(): Promise<void> {
    const now = this.deps.clock.now();
    if (now.getTime() >= this.nextCheckAt) {
      this.nextCheckAt = now.getTime() + (this.deps.checkEveryMs ?? 15 * 60_000);
      try {
        this.notice((await this.deps.check()).active);
      } catch (err) {
        this.deps.log.error({ err }, 'campaign schedule check failed');
      }
    }
    if (!this.active.size) return;
    if ((await this.deps.drain()) > 0) return;
    // Nothing claimable now: keep the campaigns that still have items queued or sending (leased elsewhere, or waiting to be retried).
    for (const [key, ref] of this.active) {
      const campaign = await this.deps.finalize(ref.tenantId, ref.campaignId);
      if (!campaign || campaign.status === 'done') this.active.delete(key);
      // Its preparer stopped halfway: the next step's round resumes it.
      else if (campaign.status === 'preparing' && leaseOver(campaign, this.deps.clock.now())) this.nextCheckAt = 0;
    }
    if (!this.active.size) this.deps.log.info('campaign queue empty; draining stops until the next campaign');
  }
}
