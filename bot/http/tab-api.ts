import path from 'node:path';
import type restify from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Locale } from '../domain/org';
import type { Clock, Directory, Messenger } from '../domain/ports';
import { nudgeCard } from '../cards/nudge-card';
import { CosmosScanCompletion } from '../storage/cosmos-campaigns';
import { DashboardService } from '../domain/dashboard/dashboard-service';
import { NudgeService } from '../domain/dashboard/nudge-service';
import { dashboardTeamFigures } from '../domain/campaigns/team-figures';
import { readLeadershipContent } from '../domain/leadership/leadership-content';
import { LeadershipService } from '../domain/leadership/leadership-service';
import type { ContentIndex } from '../domain/scan/content';
import type { CosmosStore } from '../storage/cosmos';
import type { Dashboards } from '../dashboards';
import { CosmosContentSource } from '../storage/cosmos-content';
import { CosmosLeadershipRepository } from '../storage/cosmos-leadership';
import { CosmosNudgeRepository } from '../storage/cosmos-nudges';
import type { Authenticator } from './auth';
import { registerDashboardRoutes } from './dashboard-routes';
import { registerDevDashboardRoutes } from './dev-dashboard-routes';
import { registerLeadershipRoutes } from './leadership-routes';
import { registerMeRoutes } from './me-routes';
import { registerCoachAdminRoutes } from './coach-admin-routes';
import { registerCampaignRoutes } from './campaign-routes';
import type { CampaignAdmin } from '../domain/campaigns/campaign-service';
import type { CoachService } from '../domain/help/coach-service';
import { CosmosAuditLog, cosmosCoachRemoval } from '../storage/cosmos-admin';
import { AdminActivity } from '../domain/audit';
import type { CachedDirectory } from '../domain/cached-directory';
import type { PrivacyService } from '../domain/privacy/privacy-service';
import { SettingsService } from '../domain/settings/settings-service';
import { CosmosSettingsRepository } from '../storage/cosmos-settings';
import { registerSettingsRoutes } from './settings-routes';
import { registerMyDataRoutes } from './my-data-routes';
import { registerLegalPages } from './legal-pages';

export interface TabApiDeps {
  config: Config;
  store: CosmosStore;
  directory: Directory;
  auth: Authenticator;
  messenger: Messenger;
  clock: Clock;
  log: Logger;
  /** The dashboards' store and per-tenant views, shared with the campaigns' team figures. */
  dashboards: Dashboards;
  /** Reminder campaigns: status and "send now" for programme admins (the routes exist only with it). */
  campaigns?: CampaignAdmin;
  /** Digicoaches: the admin adds, changes and removes them (the admin routes exist only with it). */
  coaches?: CoachService;
  /** "Mijn gegevens": the same service as `mijn gegevens` in chat (the routes exist only with it). */
  privacy?: PrivacyService;
}

const LEADERSHIP_DIR = path.resolve(__dirname, '..', '..', 'seeds', 'leadership');

/** The tab's REST API under /api/v1 (beyond /api/v1/me): builds its services from the app's adapters. */
export function registerTabApi(server: restify.Server, deps: TabApiDeps): void {
  const { config, store, directory, auth, messenger, clock, log } = deps;
  const { store: dashboardStore, views } = deps.dashboards;
  const nudgeRepo = new CosmosNudgeRepository(store.containers.schedule, store.containers.users);
  const content = scanContent(new CosmosContentSource(store.containers.content));
  const domains = async (locale: Locale) =>
    (await content()).content.domains.map((d) => ({ id: d.id, name: d.name[locale] }));
  const audit = new CosmosAuditLog(store.containers.tenants);

  registerLeadershipRoutes(server, {
    auth,
    leadership: new LeadershipService({
      content: readLeadershipContent(LEADERSHIP_DIR),
      repo: new CosmosLeadershipRepository(store.containers.scans),
      clock,
    }),
    log,
  });
  registerDashboardRoutes(server, {
    auth,
    dashboards: new DashboardService({
      store: dashboardStore,
      views,
      directory,
      clock,
      domainOrder: async () => (await content()).content.domains.map((d) => d.id),
    }),
    nudges: new NudgeService({
      directory,
      messenger,
      nudges: nudgeRepo,
      figures: dashboardTeamFigures(views, dashboardStore),
      clock,
      completion: new CosmosScanCompletion(store.containers.scans),
      card: (participation, locale, done) =>
        nudgeCard({ participation, done }, locale) as unknown as Record<string, unknown>,
      onSendError: (err) => log.warn({ err }, 'nudge not delivered'),
    }),
    coaches: { store: dashboardStore, views, directory },
    domains,
    activity: new AdminActivity({
      audit,
      now: () => clock.now(),
      onError: (err) => log.warn({ err }, 'audit entry for a dashboard view not written'),
    }),
    log,
  });
  registerMeRoutes(server, { auth, nudges: nudgeRepo, clock, log });
  if (deps.coaches)
    registerCoachAdminRoutes(server, {
      auth,
      admin: deps.coaches.admin({ audit, remove: cosmosCoachRemoval(store.containers.tickets) }),
      log,
    });
  registerSettingsRoutes(server, {
    auth,
    settings: new SettingsService({
      repo: new CosmosSettingsRepository(store.containers.tenants),
      directory,
      audit,
      clock,
      onChanged: (tenantId) => (directory as Partial<CachedDirectory>).forgetTenant?.(tenantId),
    }),
    log,
  });
  if (deps.privacy) {
    registerMyDataRoutes(server, {
      auth,
      directory,
      privacy: deps.privacy,
      profileName: async (id, locale) => (await content()).profilesById.get(id)?.name[locale] ?? null,
      anonymityThreshold: config.anonymityThreshold,
      log,
    });
  }
  registerLegalPages(server, { anonymityThreshold: config.anonymityThreshold });
  if (deps.campaigns) registerCampaignRoutes(server, { auth, campaigns: deps.campaigns, log });
  if (config.devMode) {
    registerDevDashboardRoutes(server, {
      store,
      directory,
      clock,
      profiles: async () => (await content()).content.profiles,
      invalidate: (tenantId) => views.invalidate(tenantId),
      log,
    });
  }
}

/** The scan content is loaded once, on first use (the app seeded it at start-up). */
function scanContent(source: CosmosContentSource): () => Promise<ContentIndex> {
  let loaded: Promise<ContentIndex> | null = null;
  return () => {
    loaded ??= source.load().catch((err) => {
      loaded = null;
      throw err;
    });
    return loaded;
  };
}
