import type { Logger } from './logger';
import type { Clock, Directory, UserStateRepository } from './domain/ports';
import type { CampaignDelivery } from './domain/campaigns/campaign-ports';
import { type CadenceTimers, CampaignCadence } from './domain/campaigns/campaign-cadence';
import { type CampaignAdmin, type CampaignAuditEntry, CampaignService } from './domain/campaigns/campaign-service';
import { CampaignWorker, type CampaignWorkerDeps } from './domain/campaigns/campaign-worker';
import { SendPacer } from './domain/campaigns/send-pacer';
import { dashboardTeamFigures } from './domain/campaigns/team-figures';
import { effectiveThreshold } from './domain/dashboard/anonymity';
import { reminderCard } from './cards/reminder-card';
import { teamUpdateCard } from './cards/team-update-card';
import type { CosmosStore } from './storage/cosmos';
import type { Dashboards } from './dashboards';
import {
  CosmosCampaignRepository,
  CosmosReminderLedger,
  CosmosScanCompletion,
  CosmosSlotStore,
} from './storage/cosmos-campaigns';
import { CosmosNudgeRepository } from './storage/cosmos-nudges';
import { remindersFeature } from './teams/features/reminders-feature';
import type { ScanStepOf } from './teams/features/scan-next-step';
import type { Features } from './teams/turn';

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
  directory: Directory;
  /** The dashboards' store and per-tenant views: a leader's message never says more than their dashboard. */
  dashboards: Dashboards;
  delivery: CampaignDelivery;
  userState: Pick<UserStateRepository, 'getConversationRef'>;
  clock: Clock;
  log: Logger;
  ratePerSecond: number;
  /** Rounds start by themselves on their planned moment (off in development). */
  autoStart: boolean;
  defaultThreshold: number;
  allowedTenants?: string[];
  audit?: { record(entry: CampaignAuditEntry): Promise<void> };
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
export function createCampaigns(w: CampaignWiring): Campaigns {
  const { store, directory, clock } = w;
  const log = w.log.child({ component: 'campaigns' });
  const repo = new CosmosCampaignRepository(store.containers.schedule, store.containers.tenants);
  const completion = new CosmosScanCompletion(store.containers.scans);
  const optOuts = new CosmosNudgeRepository(store.containers.schedule, store.containers.users);
  // The cadence (below) drains the queue for a campaign this instance starts, from its start.
  const service = new CampaignService({
    repo,
    directory,
    completion,
    clock,
    log,
    audit: w.audit,
    allowedTenants: w.allowedTenants,
    autoStart: w.autoStart,
    onStarted: (c) => cadence.notice([c]),
  });
  const worker = new CampaignWorker({
    repo,
    ledger: new CosmosReminderLedger(store.containers.users),
    completion,
    optOuts,
    directory,
    figures: dashboardTeamFigures(w.dashboards.views, w.dashboards.store),
    delivery: w.delivery,
    slots: new SendPacer({ store: new CosmosSlotStore(store.containers.schedule), ratePerSecond: w.ratePerSecond }),
    cards: { reminder: reminderCard, leader: teamUpdateCard },
    clock,
    log,
    teamsLocale: async (tenantId, userId) => (await w.userState.getConversationRef(tenantId, userId))?.locale ?? null,
    threshold: (tenant) => effectiveThreshold(tenant.anonymityThreshold, w.defaultThreshold),
    afterDrain: async (campaigns) =>
      void (await Promise.all(campaigns.map((c) => service.finalize(c.tenantId, c.campaignId)))),
    concurrency: Math.max(20, 2 * w.ratePerSecond),
    ...w.worker,
  });

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
    feature: remindersFeature(optOuts, clock, w.scanStep),
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
