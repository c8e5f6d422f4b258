import path from 'node:path';
import type { TeamsAdapter } from '../teams/teams-adapter';
import type { Config } from '../config';
import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import type { CachedDirectory } from '../domain/cached-directory';
import type { Authenticator } from '../http/auth';
import { registerTabApi, type TabApiDeps } from '../http/tab-api';
import { registerDevDashboardRoutes } from '../http/dev-dashboard-routes';
import { registerDevRoutes } from '../dev/dev-routes';
import { DevTokenAuthority } from '../http/auth';
import { createAuthenticator } from '../http/create-authenticator';
import { createServer } from '../server';
import type { DigivaardigBot } from '../teams/digivaardig-bot';
import type { CosmosStore } from '../storage/cosmos';
import type { Repositories } from './repositories';
import type { Services } from './services';
import type { NewsService } from '../domain/news/news-service';
import type { KnowledgeAdmin } from '../domain/knowledge/knowledge-admin';

export interface RouteParts {
  config: Config;
  root: string;
  store: CosmosStore;
  repos: Repositories;
  services: Services;
  /** Coach news and the knowledge base's review, built after the services (steps 5b, 5c). */
  network: { news: NewsService; knowledgeAdmin: KnowledgeAdmin };
  directory: CachedDirectory;
  adapter: TeamsAdapter;
  bot: DigivaardigBot;
  clock: Clock;
  log: Log;
  startedAt: number;
  /** Who is calling the tab's API; by default chosen from the config (Entra, dev tokens in development). */
  auth?: Authenticator;
}

/** Step 7: the HTTP server with its routes — the bot endpoint, the tab's API, the tab's files, and in development the playground. */
export function defineRoutes(parts: RouteParts) {
  const { config, root, store, directory, log } = parts;
  const devAuthority = config.devMode ? new DevTokenAuthority() : null;
  const auth = parts.auth ?? createAuthenticator(config, devAuthority);
  return createServer({
    version: config.version,
    storeKind: store.kind,
    maxBodyBytes: config.maxBodyBytes,
    adapter: parts.adapter,
    bot: parts.bot,
    directory,
    auth,
    pingStore: () => store.ping(),
    apiRoutes: (server) => registerTabApi(server, tabApiDeps({ ...parts, auth })),
    log,
    tabDir: path.join(root, 'tab', 'dist', 'tab'),
    startedAt: parts.startedAt,
    devRoutes: devAuthority ? (server) => defineDevRoutes(server, parts, devAuthority) : undefined,
  });
}

/** What the tab's API routes call: the services built once in step 5. */
export function tabApiDeps(
  parts: Pick<RouteParts, 'config' | 'repos' | 'services' | 'network' | 'directory' | 'clock' | 'log'> & {
    auth: Authenticator;
  },
): TabApiDeps {
  const { config, repos, services } = parts;
  return {
    auth: parts.auth,
    directory: parts.directory,
    clock: parts.clock,
    log: parts.log.child({ component: 'tab-api' }),
    anonymityThreshold: config.anonymityThreshold,
    dashboards: services.dashboards,
    dashboardService: services.tab.dashboards,
    teamReminders: services.tab.teamReminders,
    reminders: repos.reminders,
    leadership: services.tab.leadership,
    settings: services.tab.settings,
    terms: services.terms,
    activity: services.tab.activity,
    coachAdmin: services.tab.coachAdmin,
    coachNetwork: services.tab.coachNetwork,
    departmentHeads: services.tab.departmentHeads,
    campaigns: services.campaigns.admin,
    privacy: services.privacy,
    catalogue: services.catalogue,
    domains: services.tab.domains,
    profileName: services.tab.profileName,
    progress: services.learning.progress,
    pulse: services.learning.pulse,
    moduleTitle: services.learning.moduleTitle,
    news: parts.network.news,
    knowledgeAdmin: parts.network.knowledgeAdmin,
    events: services.events.events,
    learning: services.events.learning,
  };
}

/** Development only: dev identities, the playground and example figures for the tab. */
function defineDevRoutes(
  server: Parameters<typeof registerDevRoutes>[0],
  parts: RouteParts,
  authority: DevTokenAuthority,
) {
  const { root, repos, services, log } = parts;
  registerDevRoutes(server, {
    authority,
    directory: repos.organisation,
    log,
    seedDir: path.join(root, 'seeds', 'org'),
    playgroundDir: path.join(root, 'tab', 'dist', 'playground'),
  });
  registerDevDashboardRoutes(server, {
    store: parts.store,
    directory: parts.directory,
    clock: parts.clock,
    profiles: () => Promise.resolve(repos.content.current().content.profiles),
    invalidate: (tenantId) => services.dashboards.views.invalidate(tenantId),
    log: log.child({ component: 'tab-api' }),
  });
}
