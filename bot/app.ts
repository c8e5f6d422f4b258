import path from 'node:path';
import { CardFactory } from 'botbuilder';
import { createTeamsAdapter } from './teams/teams-adapter';
import type { Config } from './config';
import type { Logger } from './logger';
import { type Clock, systemClock } from './domain/ports';
import { CachedDirectory } from './domain/cached-directory';
import { toLocale } from './domain/org';
import { t } from './i18n';
import { noticeCard } from './cards/notice-card';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './storage/embedded/embedded-cosmos';
import { createCosmosClient, openCosmosStore, type CosmosStore } from './storage/cosmos';
import { CosmosDirectory } from './storage/cosmos-directory';
import { CosmosUserState } from './storage/cosmos-user-state';
import { restoreSnapshots } from './storage/embedded/restore';
import { readOrgSeeds, seedOrganisation } from './seeding/demo-organisation';
import { readScanSeeds } from './domain/scan/load-content';
import { ScanService } from './domain/scan/scan-service';
import { CosmosContentSource } from './storage/cosmos-content';
import { CosmosScanRepository } from './storage/cosmos-scan-repository';
import { SessionCachingScanRepository } from './storage/session-cache';
import { CosmosScanAggregates } from './storage/cosmos-aggregates';
import { scanFeature } from './teams/features/scan-feature';
import { mergeFeatures } from './teams/turn';
import { ReferenceKeeper } from './teams/reference-keeper';
import { OutboundQueue } from './teams/outbound/outbound-queue';
import { ProactiveMessenger } from './teams/outbound/proactive-messenger';
import { registerTabApi } from './http/tab-api';
import { HelpService } from './domain/help/help-service';
import { CoachService } from './domain/help/coach-service';
import { everyoneAvailable } from './domain/help/help-ports';
import { GraphPresence } from './graph/graph-presence';
import { botChatUrl } from './cards/personal-chat-card';
import { createConfidentialClient } from './graph/obo-token-provider';
import {
  type AppTokenProvider,
  ManagedIdentityAppTokens,
  managedIdentityCredential,
  MsalAppTokens,
} from './graph/app-tokens';
import { GraphDirectory } from './graph/graph-directory';
import { GraphSyncedDirectory } from './graph/graph-synced-directory';
import { Scheduler } from './domain/help/scheduler';
import { CosmosCoachRepository, CosmosTicketRepository, CosmosTimerRepository } from './storage/cosmos-help';
import { CosmosHelpAggregates } from './storage/cosmos-help-aggregates';
import { HelpCards } from './teams/features/help-cards';
import { TeamsHelpNotifier } from './teams/features/help-notifier';
import { helpFeature } from './teams/features/help-feature';
import type { RetentionCounts } from './domain/privacy/retention';
import { buildPrivacy } from './privacy-parts';
import { privacyFeature } from './teams/features/privacy-feature';
import { scanNextStep } from './teams/features/scan-next-step';
import { leadershipFeature } from './teams/features/leadership-feature';
import { knowledgeFeature, knowledgeSearchExtension } from './teams/features/knowledge-feature';
import { createKnowledge } from './wiring/knowledge';
import { DigivaardigBot } from './teams/digivaardig-bot';
import { DevTokenAuthority } from './http/auth';
import { createAuthenticator } from './http/create-authenticator';
import { createServer, type RunningServer } from './server';
import { registerDevRoutes } from './dev/dev-routes';
import { createCampaigns } from './campaigns';
import { createDashboards } from './dashboards';
import { CosmosAuditLog } from './storage/cosmos-admin';

export const ROOT = path.resolve(__dirname, '..');

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
  /** Starts due reminder campaigns and works their queue now (at most `max` items); tests call it instead of waiting. */
  runCampaigns(opts?: { max?: number }): Promise<{ prepared: number; handled: number }>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every adapter from the validated config and wires the
 * domain, the bot and the HTTP server together. `bot/index.ts` calls it with the
 * environment's config; tests call it with theirs.
 */
export async function startApp(
  config: Config,
  log: Logger,
  opts: { clock?: Clock; scheduler?: boolean } = {},
): Promise<App> {
  const started = Date.now();
  const clock = opts.clock ?? systemClock;

  let embedded: EmbeddedCosmos | null = null;
  let store: CosmosStore;
  if (config.cosmos.kind === 'embedded') {
    const dataDir = path.resolve(config.cosmos.dataDir);
    embedded = await startEmbeddedCosmos({
      certDir: path.join(dataDir, 'certs'),
      dataDir: path.join(dataDir, 'cosmos'),
      port: config.cosmos.port,
      log: log.child({ component: 'embedded-cosmos' }),
    });
    store = await openCosmosStore({
      kind: 'embedded',
      client: createCosmosClient(embedded),
      databaseId: config.cosmos.database,
      log,
    });
    const restored = await restoreSnapshots(store, embedded.snapshots!.load(), config.cosmos.database);
    log.info({ restored }, 'embedded store loaded from disk');
  } else {
    const aadCredential = config.cosmos.key
      ? undefined
      : new (await import('@azure/identity')).DefaultAzureCredential();
    store = await openCosmosStore({
      kind: 'azure',
      client: createCosmosClient({ endpoint: config.cosmos.endpoint, key: config.cosmos.key, aadCredential }),
      databaseId: config.cosmos.database,
      log,
    });
  }

  const orgRepo = new CosmosDirectory(store.containers.tenants);
  if (config.seedDemo) {
    const result = await seedOrganisation(orgRepo, readOrgSeeds(path.join(ROOT, 'seeds', 'org')));
    log.info(result, 'demo organisation seeded');
  }
  const content = new CosmosContentSource(store.containers.content);
  const seededContent = await content.seed(readScanSeeds(path.join(ROOT, 'seeds', 'scan')));
  const scanContent = await content.load();
  log.info(
    { version: scanContent.version, newVersion: seededContent.stored, items: scanContent.content.items.length },
    'scan content loaded',
  );
  // App-only Graph (client credentials or the managed identity), one token provider per process.
  const graphTokens: AppTokenProvider | null = !config.graph
    ? null
    : config.graph.auth.kind === 'secret'
      ? new MsalAppTokens(
          createConfidentialClient({
            clientId: config.graph.auth.clientId,
            clientSecret: config.graph.auth.clientSecret,
          }),
        )
      : new ManagedIdentityAppTokens(
          await managedIdentityCredential(config.graph.auth.clientId),
          config.graph.auth.tenantId,
        );
  // With GRAPH_DIRECTORY, Graph keeps the stored directory up to date; without it (or when Graph fails) the stored directory is all there is.
  const synced =
    config.graph?.directory && graphTokens
      ? new GraphSyncedDirectory({
          stored: orgRepo,
          graphFor: (tenantId) =>
            GraphDirectory.appOnly({
              tenantId,
              tokens: graphTokens,
              settings: orgRepo,
              baseUrl: config.graph?.baseUrl,
            }),
          clock,
          log: log.child({ component: 'directory' }),
          ttlSeconds: config.graph.directoryTtlSeconds,
        })
      : null;
  const directory = new CachedDirectory(synced ?? orgRepo, clock);
  log.info(
    {
      graph: config.graph ? config.graph.auth.kind : 'off',
      presence: Boolean(config.graph?.presence),
      directory: synced ? 'graph-synced' : 'stored',
    },
    'directory and presence',
  );
  const userState = new CosmosUserState(store.containers.users);

  const adapter = createTeamsAdapter(config.bot);
  const botLog = log.child({ component: 'bot' });
  adapter.onTurnError = async (context, err) => {
    botLog.error(
      { err, activityId: context.activity.id, conversationId: context.activity.conversation?.id },
      'unhandled turn error',
    );
    if (context.activity.type === 'message') {
      const card = noticeCard(
        { titleKey: 'error.title', bodyKey: 'error.body', params: { ref: (context.activity.id ?? '').slice(-8) } },
        toLocale(context.activity.locale),
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }).catch(() => undefined);
    }
  };

  const messenger = new ProactiveMessenger({
    adapter,
    botAppId: config.bot?.appId ?? '',
    userState,
    queue: new OutboundQueue({
      onGone: (tenantId, conversation) => botLog.info({ tenantId, conversation }, 'conversation gone: app removed'),
    }),
    log: botLog,
  });

  const scans = new SessionCachingScanRepository(new CosmosScanRepository(store.containers.scans), clock);
  const tickets = new CosmosTicketRepository(store.containers.tickets);
  const counterError = (err: unknown, counter: string) => log.warn({ err, counter }, 'counter write failed; retrying');
  const scanAggregates = new CosmosScanAggregates(store.containers.aggregates, () => clock.now(), counterError);
  const helpAggregates = new CosmosHelpAggregates(store.containers.aggregates, () => clock.now(), counterError);
  const helpCards = new HelpCards({ content, directory });
  const coaches = new CosmosCoachRepository(store.containers.tickets);
  const topics = () => content.current().content.domains.map((d) => d.id);
  const timers = new CosmosTimerRepository(store.containers.schedule);
  const notifier = new TeamsHelpNotifier({
    messenger,
    directory,
    cards: helpCards,
    canReopen: (t) => help.canReopen(t, clock.now()),
    now: () => clock.now(),
    log: botLog,
  });
  const help: HelpService = new HelpService({
    tickets,
    coaches,
    timers,
    aggregates: helpAggregates,
    onBackgroundError: (err) => botLog.error({ err }, 'help: work after the turn failed'),
    presence:
      config.graph?.presence && graphTokens
        ? new GraphPresence({
            tokens: graphTokens,
            graphBaseUrl: config.graph.baseUrl,
            log: log.child({ component: 'presence' }),
          })
        : everyoneAvailable,
    directory,
    notifier,
    clock,
    offerTimeoutSeconds: config.help.offerTimeoutSeconds,
    maxOffers: config.help.maxOffers,
    topics,
  });
  const coachService = new CoachService({ coaches, directory, clock, topics });
  const knowledge = await createKnowledge({ store, root: ROOT, domains: topics, clock, log });
  if (config.seedDemo) {
    for (const seed of readOrgSeeds(path.join(ROOT, 'seeds', 'org')))
      await coachService.seedCoachesFromDirectory(seed.tenant.id);
  }
  const scheduler = new Scheduler({ timers, handler: help, clock, log: log.child({ component: 'scheduler' }) });
  if (opts.scheduler !== false) scheduler.start();

  const scanService = new ScanService({
    scans,
    aggregates: scanAggregates,
    onBackgroundError: (err) => botLog.error({ err }, 'scan: counter update failed'),
    content,
    clock,
    mode: config.scan.mode,
    retakeDays: config.scan.retakeDays,
  });
  /** Known once the server listens; links in cards use it when PUBLIC_BASE_URL is not set. */
  let publicUrl = `http://127.0.0.1:${config.port}`;
  const references = new ReferenceKeeper(userState, clock);
  // One view per tenant for the tab's dashboards and the campaigns' team figures.
  const dashboards = createDashboards({
    store,
    directory,
    clock,
    defaultThreshold: config.anonymityThreshold,
    log: log.child({ component: 'dashboards' }),
  });
  const campaigns = createCampaigns({
    store,
    directory,
    dashboards,
    delivery: messenger,
    userState,
    clock,
    log,
    ratePerSecond: config.campaigns.ratePerSecond,
    autoStart: config.campaigns.autoStart,
    defaultThreshold: config.anonymityThreshold,
    allowedTenants: config.allowedTenants,
    audit: new CosmosAuditLog(store.containers.tenants),
    scanStep: scanNextStep(scanService),
  });
  if (opts.scheduler !== false) campaigns.start();
  const { privacy, retention } = buildPrivacy({
    store,
    root: ROOT,
    scans,
    content,
    tickets,
    coaches,
    userState,
    clock,
    log: log.child({ component: 'privacy' }),
    // The requester's and coach's cards are updated after the turn: wait for that before the user's chat details are erased.
    cancelRequest: async (user, ticketId) => {
      await help.cancel(user, { ticketId });
      await help.idle();
    },
    onErased: (tenantId, userId) => references.forget(tenantId, userId),
    forgetCampaignItems: (tenantId, userId) => campaigns.forgetUser(tenantId, userId),
  });
  if (opts.scheduler !== false) retention.start();
  const privacyUrl = (locale: 'nl' | 'en') =>
    `${config.publicBaseUrl ?? publicUrl}/privacy${locale === 'en' ? '?lang=en' : ''}`;
  // "Mijn gegevens" in the tab (the manifest's static tab `mijn-gegevens`), where the export is downloaded.
  const myDataUrl = () =>
    config.teamsAppId
      ? `https://teams.microsoft.com/l/entity/${config.teamsAppId}/mijn-gegevens`
      : `${config.publicBaseUrl ?? publicUrl}/tab/#my-data`;

  const bot = new DigivaardigBot({
    directory,
    userState,
    references,
    features: mergeFeatures(
      // First, so `hulp <vraag>` is answered even while a scan is open.
      knowledgeFeature(knowledge.service, help, helpCards),
      scanFeature(scanService, {
        anonymityThreshold: config.anonymityThreshold,
        onIntake: async (turn, topic) =>
          void (await help.requestIntake(turn.user, topic, t(turn.user.locale, 'help.intake.question'))),
        privacyUrl,
      }),
      helpFeature(help, coachService, helpCards, directory),
      privacyFeature(privacy, {
        content,
        references,
        anonymityThreshold: config.anonymityThreshold,
        privacyUrl,
        myDataUrl,
      }),
      campaigns.feature,
      leadershipFeature(() =>
        config.teamsAppId
          ? `https://teams.microsoft.com/l/entity/${config.teamsAppId}/dashboard?context=${encodeURIComponent(JSON.stringify({ subEntityId: 'leadership' }))}`
          : `${config.publicBaseUrl ?? publicUrl}/tab/#leadership`,
      ),
    ),
    allowedTenants: config.allowedTenants,
    personalChatUrl: botChatUrl(config.bot?.appId),
    searchExtension: knowledgeSearchExtension(knowledge.service),
    anonymityThreshold: config.anonymityThreshold,
    clock,
    log: botLog,
  });

  const devAuthority = config.devMode ? new DevTokenAuthority() : null;
  const auth = createAuthenticator(config, devAuthority);

  const http = createServer({
    version: config.version,
    storeKind: store.kind,
    maxBodyBytes: config.maxBodyBytes,
    adapter,
    bot,
    directory,
    auth,
    pingStore: () => store.ping(),
    apiRoutes: (server) =>
      registerTabApi(server, {
        config,
        store,
        directory,
        dashboards,
        auth,
        messenger,
        clock,
        coaches: coachService,
        campaigns: campaigns.admin,
        privacy,
        log: log.child({ component: 'tab-api' }),
      }),
    log,
    tabDir: path.join(ROOT, 'tab', 'dist', 'tab'),
    startedAt: started,
    devRoutes: devAuthority
      ? (server) =>
          registerDevRoutes(server, {
            authority: devAuthority,
            directory: orgRepo,
            log,
            seedDir: path.join(ROOT, 'seeds', 'org'),
            playgroundDir: path.join(ROOT, 'tab', 'dist', 'playground'),
          })
      : undefined,
  });
  const settle = async () => {
    await Promise.all([help.idle(), scanService.idle(), synced?.idle(), campaigns.idle()]);
    await Promise.all([scanAggregates.flush(), helpAggregates.flush()]);
  };

  let running: RunningServer;
  try {
    running = await http.start(config.port, config.host);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  publicUrl = running.url;
  log.info(
    { url: running.url, store: store.kind, devMode: config.devMode, startupMs: Date.now() - started },
    'digivaardig listening',
  );

  return {
    url: running.url,
    port: running.port,
    store,
    settle,
    runDueTimers: async () => {
      const handled = await scheduler.runDue();
      await settle();
      return handled;
    },
    runCampaigns: async (o) => {
      const done = await campaigns.runNow(o);
      await settle();
      return done;
    },
    runRetention: () => retention.runDue(),
    async stop() {
      await scheduler.stop();
      await retention.stop();
      await campaigns.stop();
      await settle();
      await running.stop();
      await embedded?.stop();
      store.client.dispose();
    },
  };
}
