import type restify from 'restify';
import type { Logger } from '../logger';
import type { Locale } from '../domain/org';
import type { Directory } from '../domain/ports';
import type { Dashboards } from '../wiring/dashboards';
import type { DashboardService } from '../domain/dashboard/dashboard-service';
import type { NudgeService } from '../domain/dashboard/nudge-service';
import type { LeadershipService } from '../domain/leadership/leadership-service';
import type { SettingsService } from '../domain/settings/settings-service';
import type { TermsService } from '../domain/terms/terms-service';
import type { CampaignAdmin } from '../domain/campaigns/campaign-service';
import type { CoachAdmin } from '../domain/help/coach-service';
import type { AdminActivity } from '../domain/audit';
import type { PrivacyService } from '../domain/privacy/privacy-service';
import type { Clock, ReminderSwitch } from '../domain/ports';
import type { Authenticator } from './auth';
import { registerDashboardRoutes } from './dashboard-routes';
import { registerLeadershipRoutes } from './leadership-routes';
import { registerMeRoutes } from './me-routes';
import { registerMyProgressRoutes } from './my-progress-routes';
import type { MyProgressService } from '../domain/progress/my-progress';
import type { PulseService } from '../domain/pulse/pulse';
import { registerPulseRoutes } from './pulse-routes';
import { registerCoachAdminRoutes } from './coach-admin-routes';
import { type CoachNetworkRoutesDeps, registerCoachNetworkRoutes } from './coach-network-routes';
import { registerDepartmentHeadRoutes } from './department-head-routes';
import type { DepartmentHeadAdmin } from '../domain/department-heads';
import { registerCampaignRoutes } from './campaign-routes';
import { registerSettingsRoutes } from './settings-routes';
import { registerTermsRoutes } from './terms-routes';
import { registerMyDataRoutes } from './my-data-routes';
import { registerLegalPages } from './legal-pages';
import { registerCatalogueRoutes } from './catalogue-routes';
import type { CatalogueService } from '../domain/catalogue/catalogue-service';
import type { NewsService } from '../domain/news/news-service';
import type { KnowledgeAdmin } from '../domain/knowledge/knowledge-admin';
import { registerNewsRoutes } from './news-routes';
import { registerKnowledgeRoutes } from './knowledge-routes';
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
  reminders: ReminderSwitch;
  leadership: LeadershipService;
  settings: SettingsService;
  /** The municipality's own words ("Eigen woorden"). */
  terms: TermsService;
  activity: AdminActivity;
  coachAdmin: CoachAdmin;
  /** Approvals, contact persons and the load view of the coach network. */
  coachNetwork: Omit<CoachNetworkRoutesDeps, 'auth' | 'log' | 'domains'>;
  /** Who heads which department (programme admins name or correct them). */
  departmentHeads: DepartmentHeadAdmin;
  campaigns: CampaignAdmin;
  privacy: PrivacyService;
  /** Each tenant's learning catalogue: browsed by everyone, managed by programme admins. */
  catalogue: CatalogueService;
  /** The scan's domains with their names in a language, in display order. */
  domains: (locale: Locale) => Promise<Array<{ id: string; name: string }>>;
  profileName: (id: string, locale: Locale) => Promise<string | null>;
  /** "Mijn voortgang": the caller's own levels, growth, advice and the catalogue. */
  progress: MyProgressService;
  /** The feedback pulse's released figures, and module titles to show them with. */
  pulse: PulseService;
  moduleTitle: (tenantId: string, moduleId: string, locale: Locale) => Promise<string | null>;
  /** Coach news and the knowledge base's review (programme admins). */
  news: NewsService;
  knowledgeAdmin: KnowledgeAdmin;
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
  registerMeRoutes(server, { auth, reminders: deps.reminders, clock, log });
  registerMyProgressRoutes(server, { auth, progress: deps.progress, log });
  registerPulseRoutes(server, {
    auth,
    directory,
    pulse: deps.pulse,
    moduleTitle: deps.moduleTitle,
    anonymityThreshold: deps.anonymityThreshold,
    log,
  });
  registerCoachAdminRoutes(server, { auth, admin: deps.coachAdmin, log });
  registerCoachNetworkRoutes(server, { auth, ...deps.coachNetwork, domains: deps.domains, log });
  registerDepartmentHeadRoutes(server, { auth, heads: deps.departmentHeads, log });
  registerSettingsRoutes(server, { auth, settings: deps.settings, log });
  registerTermsRoutes(server, { auth, terms: deps.terms, log });
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
  registerCatalogueRoutes(server, { auth, catalogue: deps.catalogue, log });
  registerNewsRoutes(server, { auth, news: deps.news, log });
  registerKnowledgeRoutes(server, { auth, admin: deps.knowledgeAdmin, log });
  registerEventRoutes(server, { auth, events: deps.events, log });
  registerLearningRoutes(server, { auth, learning: deps.learning, log });
}
