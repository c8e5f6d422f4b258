import path from 'node:path';
import type { Config } from '../config';
import type { Log } from '../domain/log';
import { type Clock, systemClock } from '../domain/ports';
import type { RetentionCounts } from '../domain/privacy/retention';
import { readLeadershipContent } from '../domain/leadership/leadership-content';
import type { Authenticator } from '../http/auth';
import type { CosmosStore } from '../storage/cosmos';
import { openStore } from './store';
import { buildRepositories } from './repositories';
import { loadContent, seedDemoCoaches } from './content';
import { buildDirectory } from './directory';
import { buildBotAdapter } from './bot-adapter';
import { buildServices, type Services } from './services';
import { buildBot } from './features';
import { defineRoutes } from './routes';
import { PublicLinks } from './links';
import { createKnowledge } from './knowledge';
import { buildCoachNews } from './coach-news';
import type { NewsService } from '../domain/news/news-service';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface App {
  url: string;
  port: number;
  store: CosmosStore;
  /** Resolves when the work done after earlier turns (messages, counters) is finished (tests, shutdown). */
  settle(): Promise<void>;
  /** Handles due offer time-outs now (tests move a fake clock and call this instead of waiting). */
  runDueTimers(): Promise<number>;
  /** Runs the daily retention for every tenant not yet done today (tests move a fake clock and call this). */
  runRetention(): Promise<Map<string, RetentionCounts>>;
  /** Stores the results of scans completed in the last `windowMs` whose result is missing; how many (tests call it). */
  runMissingResults(windowMs?: number): Promise<number>;
  /** Sends the coach news items due now; tests call it instead of waiting for the retry. */
  runNews(): Promise<number>;
  /** Starts due reminder campaigns and works their queue now (at most `max` items); tests call it instead of waiting. */
  runCampaigns(opts?: { max?: number }): Promise<{ prepared: number; handled: number }>;
  /** Sends the due day-before event reminders now; how many were sent (tests move a fake clock and call this). */
  runEventReminders(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Background jobs (offer time-outs, campaigns, retention) run by themselves; tests may switch them off and call `run…`. */
  scheduler?: boolean;
  /** Who is calling the tab's API (tests bring an Entra authenticator with their own keys). */
  auth?: Authenticator;
}

/**
 * The composition root as a list of named steps. `bot/index.ts` calls it with the environment's
 * config; tests call it with theirs. Each step lives in its own file in this folder.
 */
export async function startApp(config: Config, log: Log, opts: StartOptions = {}): Promise<App> {
  // Start-up time and uptime are durations: a monotonic timer, unmoved by the wall clock being set.
  const startedAt = performance.now();
  const clock = opts.clock ?? systemClock;
  const opened = await openStore(config, log);
  const repos = buildRepositories(opened.store, clock, log);
  await loadContent(config, repos, ROOT, log);
  const { directory, synced, presence } = await buildDirectory(config, repos.organisation, clock, log);
  const { adapter, messenger } = buildBotAdapter(config, repos.userState, clock, log.child({ component: 'bot' }));
  const leadershipContent = readLeadershipContent(path.join(ROOT, 'seeds', 'leadership'));
  const parts = { config, store: opened.store, repos, directory, presence, messenger, leadershipContent, clock, log };
  const services = buildServices(parts);
  const knowledge = await createKnowledge({
    store: opened.store,
    repos,
    directory,
    root: ROOT,
    domains: () => repos.content.current().content.domains.map((d) => d.id),
    clock,
    log,
  });
  const news = buildCoachNews({ store: opened.store, repos, directory, delivery: messenger, clock, log });
  if (config.seedDemo) await seedDemoCoaches(services.coaches, ROOT);
  const links = new PublicLinks(config);
  const bot = buildBot({
    config,
    repos,
    services,
    knowledge: knowledge.service,
    knowledgeAdmin: knowledge.admin,
    directory,
    links,
    clock,
    log,
  });
  const network = { news, knowledgeAdmin: knowledge.admin };
  const http = defineRoutes({ ...parts, services, network, root: ROOT, adapter, bot, startedAt, auth: opts.auth });
  const settle = settler(services, repos, synced, news);
  const running = await http.start(config.port, config.host).catch(async (err: unknown) => {
    await opened.close();
    throw err;
  });
  links.listening(running.url);
  if (opts.scheduler !== false) {
    startBackgroundJobs(services);
    news.start();
  }
  log.info(
    {
      url: running.url,
      store: opened.store.kind,
      devMode: config.devMode,
      startupMs: Math.round(performance.now() - startedAt),
    },
    'digivaardig listening',
  );
  return {
    url: running.url,
    port: running.port,
    store: opened.store,
    settle,
    runDueTimers: async () => after(await services.scheduler.runDue(), settle),
    runCampaigns: async (o) => after(await services.campaigns.runNow(o), settle),
    runNews: async () => after(await news.drain(), settle),
    runRetention: () => services.retention.runDue(),
    runMissingResults: async (windowMs) => after(await services.missingResults.runNow(windowMs), settle),
    runEventReminders: async () => after(await services.events.reminders.runDue(), settle),
    async stop() {
      await news.stop();
      await stopBackgroundJobs(services);
      await settle();
      await running.stop();
      await opened.close();
    },
  };
}

/**
 * Step 8: the jobs that run by themselves — the sweep of offer time-outs, the reminder rounds,
 * the daily retention, and the scan results a stopped server did not store.
 */
function startBackgroundJobs(services: Services): void {
  services.scheduler.start();
  services.campaigns.start();
  services.retention.start();
  services.events.start();
  services.missingResults.start();
}

async function stopBackgroundJobs(services: Services): Promise<void> {
  await services.scheduler.stop();
  await services.events.stop();
  await services.retention.stop();
  await services.campaigns.stop();
  await services.missingResults.stop();
}

/** Waits for the work done after earlier turns (cards, counters) and writes the counters out. */
function settler(
  services: Services,
  repos: ReturnType<typeof buildRepositories>,
  synced: { idle(): Promise<void> } | null,
  news: NewsService,
): () => Promise<void> {
  return async () => {
    await Promise.all([
      services.help.idle(),
      services.approvals.idle(),
      services.scan.idle(),
      synced?.idle(),
      services.campaigns.idle(),
      news.idle(),
      services.events.completions.idle(),
    ]);
    await Promise.all([repos.scanAggregates.flush(), repos.helpAggregates.flush()]);
  };
}

async function after<T>(value: T, settle: () => Promise<void>): Promise<T> {
  await settle();
  return value;
}
