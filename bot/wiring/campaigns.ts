import type { Log } from '../domain/log';
import type { Clock, Directory } from '../domain/ports';
import type { CampaignDelivery } from '../domain/campaigns/campaign-ports';
import { type CadenceTimers, CampaignCadence } from '../domain/campaigns/campaign-cadence';
import { type CampaignAdmin, CampaignService } from '../domain/campaigns/campaign-service';
import { CampaignWorker, type CampaignWorkerDeps } from '../domain/campaigns/campaign-worker';
import { SendPacer } from '../domain/campaigns/send-pacer';
import { dashboardTeamFigures } from '../domain/campaigns/team-figures';
import { effectiveThreshold } from '../domain/dashboard/anonymity';
import { reminderCard } from '../cards/reminder-card';
import { teamUpdateCard } from '../cards/team-update-card';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosCampaignRepository, CosmosReminderLedger, CosmosSlotStore } from '../storage/cosmos-campaigns';
import { remindersFeature } from '../teams/features/reminders-feature';
import type { ScanStepOf } from '../teams/features/scan-next-step';
import type { Features } from '../teams/turn';
import type { Dashboards } from './dashboards';
import type { Repositories } from './repositories';

export interface Campaigns {
  service: CampaignService;
  worker: CampaignWorker;
  admin: CampaignAdmin;
  /** `geen herinneringen` / `wel herinneringen` in chat. */
  feature: Features;
  /** One scheduler round and a drain of the queue (tests call it instead of waiting for the cadence). */
  runNow(opts?: { max?: number }): Promise<{ prepared: number; handled: number }>;
  /** Erasure: removes a person's recipient items from every campaign. */
  forgetUser(tenantId: string, userId: string): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  idle(): Promise<void>;
}

export interface CampaignWiring {
  store: CosmosStore;
  repos: Pick<Repositories, 'scanCompletion' | 'reminders' | 'userState' | 'audit'>;
  directory: Directory;
  /** The dashboards' store and per-tenant views: a leader's message never says more than their dashboard. */
  dashboards: Dashboards;
  delivery: CampaignDelivery;
  clock: Clock;
  log: Log;
  ratePerSecond: number;
  /** Rounds start by themselves on their planned moment (off in development). */
  autoStart: boolean;
  defaultThreshold: number;
  allowedTenants?: string[];
  /** The scan's next step for the user, offered when they switch reminders back on. */
  scanStep?: ScanStepOf;
  /** Worker tuning (tests and the benchmark). */
  worker?: Partial<
    Pick<CampaignWorkerDeps, 'owner' | 'leaseMs' | 'batch' | 'concurrency' | 'retryDelayMs' | 'maxAttempts'>
  >;
  /** How often the schedule is looked at (ms; default 15 minutes). */
  checkEveryMs?: number;
  /** How often the queue is drained while a campaign is preparing or running (ms; default 15 s). */
  drainEveryMs?: number;
  /** The first look at the schedule after start (ms; default 15 s). */
  firstCheckMs?: number;
  /** Timers for the cadence (tests drive them by hand). */
  timers?: CadenceTimers;
}

/** Builds the reminder campaigns from the app's store and adapters: the scheduler, the queue worker, the admin API and the chat switch. */
export function buildCampaigns(w: CampaignWiring): Campaigns {
  const { store, directory, clock } = w;
  const log = w.log.child({ component: 'campaigns' });
  const repo = new CosmosCampaignRepository(store.containers.schedule, store.containers.tenants);
  const completion = w.repos.scanCompletion;
  const reminders = w.repos.reminders;
  // The cadence (below) drains the queue for a campaign this instance starts, from its start.
  const service = new CampaignService({
    repo,
    directory,
    completion,
    clock,
    log,
    audit: w.repos.audit,
    allowedTenants: w.allowedTenants,
    autoStart: w.autoStart,
    onStarted: (c) => cadence.notice([c]),
  });
  const worker = buildWorker(w, repo, log, (c) => service.finalize(c.tenantId, c.campaignId));

  const cadence = new CampaignCadence({
    clock,
    log,
    check: () => service.tick(),
    drain: () => worker.drain(),
    finalize: (tenantId, campaignId) => service.finalize(tenantId, campaignId),
    checkEveryMs: w.checkEveryMs,
    drainEveryMs: w.drainEveryMs,
    firstCheckMs: w.firstCheckMs,
    timers: w.timers,
  });
  const runNow = async (opts: { max?: number } = {}) => {
    const { prepared, active } = await service.tick();
    cadence.notice(active);
    await service.idle();
    const handled = await worker.drain(opts);
    return { prepared, handled };
  };
  return {
    service,
    worker,
    admin: service.admin(),
    feature: remindersFeature(reminders, clock, w.scanStep),
    runNow,
    forgetUser: (tenantId, userId) => repo.forgetUser(tenantId, userId),
    /** Looks at the schedule every `checkEveryMs`; drains the queue only while a campaign is preparing or running. */
    start: () => cadence.start(),
    async stop() {
      const stopping = cadence.stop();
      await worker.stop();
      await stopping;
      await service.idle();
    },
    idle: () => service.idle(),
  };
}

/** The queue worker: sends each recipient's card at the tenant's pace, with the figures their dashboard would show. */
function buildWorker(
  w: CampaignWiring,
  repo: CosmosCampaignRepository,
  log: Log,
  finalize: (c: { tenantId: string; campaignId: string }) => Promise<unknown>,
): CampaignWorker {
  return new CampaignWorker({
    repo,
    ledger: new CosmosReminderLedger(w.store.containers.users),
    completion: w.repos.scanCompletion,
    reminders: w.repos.reminders,
    directory: w.directory,
    figures: dashboardTeamFigures(w.dashboards.views),
    delivery: w.delivery,
    slots: new SendPacer({ store: new CosmosSlotStore(w.store.containers.schedule), ratePerSecond: w.ratePerSecond }),
    cards: { reminder: reminderCard, leader: teamUpdateCard },
    clock: w.clock,
    log,
    teamsLocale: async (tenantId, userId) =>
      (await w.repos.userState.getConversationRef(tenantId, userId))?.locale ?? null,
    threshold: (tenant) => effectiveThreshold(tenant.anonymityThreshold, w.defaultThreshold),
    afterDrain: async (campaigns) => void (await Promise.all(campaigns.map(finalize))),
    concurrency: Math.max(20, 2 * w.ratePerSecond),
    ...w.worker,
  });
}
