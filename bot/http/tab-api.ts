import type restify from 'restify';
import type { Logger } from '../logger';
import type { Locale } from '../domain/org';
import type { Directory } from '../domain/ports';
import type { Dashboards } from '../wiring/dashboards';
import type { DashboardService } from '../domain/dashboard/dashboard-service';
import type { NudgeService } from '../domain/dashboard/nudge-service';
import type { NudgeRepository } from '../domain/dashboard/nudge-ports';
import type { LeadershipService } from '../domain/leadership/leadership-service';
import type { SettingsService } from '../domain/settings/settings-service';
import type { CampaignAdmin } from '../domain/campaigns/campaign-service';
import type { CoachAdmin } from '../domain/help/coach-service';
import type { AdminActivity } from '../domain/audit';
import type { PrivacyService } from '../domain/privacy/privacy-service';
import type { Clock } from '../domain/ports';
import type { Authenticator } from './auth';
import { registerDashboardRoutes } from './dashboard-routes';
import { registerLeadershipRoutes } from './leadership-routes';
import { registerMeRoutes } from './me-routes';
import { registerCoachAdminRoutes } from './coach-admin-routes';
import { registerCampaignRoutes } from './campaign-routes';
import { registerSettingsRoutes } from './settings-routes';
import { registerMyDataRoutes } from './my-data-routes';
import { registerLegalPages } from './legal-pages';
import { registerEventRoutes } from './event-routes';
import { registerLearningRoutes } from './learning-routes';
import type { EventService } from '../domain/events/event-service';
import type { LearningAdmin } from '../domain/learning/learning-admin';

/** Everything the tab's API calls, built once by the wiring (`bot/wiring/services.ts`); the routes only translate HTTP. */
export interface TabApiDeps {
  auth: Authenticator;
  directory: Directory;
  clock: Clock;
  log: Logger;
  anonymityThreshold: number;
  /** The dashboards' store and per-tenant views (the coach network reads them directly). */
  dashboards: Dashboards;
  dashboardService: DashboardService;
  teamReminders: NudgeService;
  /** A person's reminders switch ("Mijn voortgang"). */
  reminders: NudgeRepository;
  leadership: LeadershipService;
  settings: SettingsService;
  activity: AdminActivity;
  coachAdmin: CoachAdmin;
  campaigns: CampaignAdmin;
  privacy: PrivacyService;
  /** The scan's domains with their names in a language, in display order. */
  domains: (locale: Locale) => Promise<Array<{ id: string; name: string }>>;
  profileName: (id: string, locale: Locale) => Promise<string | null>;
  events: EventService;
  learning: LearningAdmin;
}

/** The tab's REST API under /api/v1 and the public legal pages. */
export function registerTabApi(server: restify.Server, deps: TabApiDeps): void {
  const { auth, directory, clock, log } = deps;
  registerLeadershipRoutes(server, { auth, leadership: deps.leadership, log });
  registerDashboardRoutes(server, {
    auth,
    dashboards: deps.dashboardService,
    nudges: deps.teamReminders,
    coaches: { views: deps.dashboards.views, directory },
    domains: deps.domains,
    activity: deps.activity,
    log,
  });
  registerMeRoutes(server, { auth, nudges: deps.reminders, clock, log });
  registerCoachAdminRoutes(server, { auth, admin: deps.coachAdmin, log });
  registerSettingsRoutes(server, { auth, settings: deps.settings, log });
  registerMyDataRoutes(server, {
    auth,
    directory,
    privacy: deps.privacy,
    profileName: deps.profileName,
    anonymityThreshold: deps.anonymityThreshold,
    log,
  });
  registerLegalPages(server, { anonymityThreshold: deps.anonymityThreshold });
  registerCampaignRoutes(server, { auth, campaigns: deps.campaigns, log });
  registerEventRoutes(server, { auth, events: deps.events, log });
  registerLearningRoutes(server, { auth, learning: deps.learning, log });
}
