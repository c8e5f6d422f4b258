import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosDirectory } from '../storage/cosmos-directory';
import { CosmosUserState } from '../storage/cosmos-user-state';
import { CosmosContentSource } from '../storage/cosmos-content';
import { CosmosScanRepository } from '../storage/cosmos-scan-repository';
import { SessionCachingScanRepository } from '../storage/session-cache';
import { CosmosScanAggregates } from '../storage/cosmos-aggregates';
import { CosmosCoachRepository, CosmosTicketRepository, CosmosTimerRepository } from '../storage/cosmos-help';
import { CosmosHelpAggregates } from '../storage/cosmos-help-aggregates';
import { CosmosAuditLog, cosmosCoachRemoval } from '../storage/cosmos-admin';
import { CosmosNudgeRepository } from '../storage/cosmos-nudges';
import { CosmosLeadershipRepository } from '../storage/cosmos-leadership';
import { CosmosScanCompletion } from '../storage/cosmos-campaigns';
import { CosmosSettingsRepository } from '../storage/cosmos-settings';
import { CosmosDashboardStore } from '../storage/cosmos-dashboard';
import { CosmosCatalogueRepository } from '../storage/cosmos-catalogue';
import { CosmosEventRepository, CosmosLearningRecords } from '../storage/cosmos-events';

/**
 * Step 2: every repository over the store, each built once and shared by the chat, the tab's
 * API and the background jobs (a second instance of the audit log or the reminders switch
 * would be a second place to change).
 */
export function buildRepositories(store: CosmosStore, clock: Clock, log: Log) {
  const { containers } = store;
  const counterError = (err: unknown, counter: string) => log.warn({ err, counter }, 'counter write failed; retrying');
  return {
    /** The stored directory (people, units, teams, tenant settings) as seeded or synced from Graph. */
    organisation: new CosmosDirectory(containers.tenants),
    content: new CosmosContentSource(containers.content),
    userState: new CosmosUserState(containers.users),
    scans: new SessionCachingScanRepository(new CosmosScanRepository(containers.scans), clock),
    scanCompletion: new CosmosScanCompletion(containers.scans),
    scanAggregates: new CosmosScanAggregates(containers.aggregates, () => clock.now(), counterError),
    tickets: new CosmosTicketRepository(containers.tickets),
    coaches: new CosmosCoachRepository(containers.tickets),
    removeCoach: cosmosCoachRemoval(containers.tickets),
    timers: new CosmosTimerRepository(containers.schedule),
    helpAggregates: new CosmosHelpAggregates(containers.aggregates, () => clock.now(), counterError),
    audit: new CosmosAuditLog(containers.tenants),
    /** A person's reminders switch and a team's last participation reminder. */
    reminders: new CosmosNudgeRepository(containers.schedule, containers.users),
    leadership: new CosmosLeadershipRepository(containers.scans),
    settings: new CosmosSettingsRepository(containers.tenants),
    dashboards: new CosmosDashboardStore(containers.aggregates),
    /** Each tenant's learning catalogue (the `content` container, the tenant's partition). */
    catalogue: new CosmosCatalogueRepository(containers.content),
    /** The anonymous counters' container, for stores that keep their own documents there (the pulse). */
    dashboardsContainer: containers.aggregates,
    /** Events with their sign-ups, and the learning platform's credential and handled statements. */
    events: new CosmosEventRepository(containers.schedule),
    learningRecords: new CosmosLearningRecords(containers.schedule),
  };
}

export type Repositories = ReturnType<typeof buildRepositories>;
