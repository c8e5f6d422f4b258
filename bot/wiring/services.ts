import type { Config } from '../config';
import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import type { Locale } from '../domain/org';
import type { CachedDirectory } from '../domain/cached-directory';
import type { Presence } from '../domain/help/help-ports';
import { HelpService } from '../domain/help/help-service';
import { CoachService } from '../domain/help/coach-service';
import { CoachApprovals } from '../domain/help/coach-approvals';
import { ContactPersonAdmin } from '../domain/help/contact-persons';
import { DepartmentHeadAdmin } from '../domain/department-heads';
import { CoachOverview } from '../domain/help/coach-overview';
import { TeamsCoachApprovalNotifier } from '../teams/features/coach-approval-feature';
import { Scheduler } from '../domain/help/scheduler';
import { canReopen } from '../domain/help/reopen';
import { ScanService } from '../domain/scan/scan-service';
import { CatalogueService } from '../domain/catalogue/catalogue-service';
import type { Vocabulary } from '../domain/catalogue/catalogue-rows';
import type { LeadershipContent } from '../domain/leadership/leadership-content';
import { LeadershipService } from '../domain/leadership/leadership-service';
import { SettingsService } from '../domain/settings/settings-service';
import { TermsService } from '../domain/terms/terms-service';
import { TERM_DEFINITIONS } from '../domain/terms/definitions';
import { DashboardService } from '../domain/dashboard/dashboard-service';
import { NudgeService } from '../domain/dashboard/nudge-service';
import { dashboardTeamFigures } from '../domain/campaigns/team-figures';
import { AdminActivity } from '../domain/audit';
import { nudgeCard } from '../cards/nudge-card';
import { HelpCards } from '../teams/features/help-cards';
import { TeamsHelpNotifier } from '../teams/features/help-notifier';
import type { Messenger } from '../domain/ports';
import type { CampaignDelivery } from '../domain/campaigns/campaign-ports';
import { scanNextStep } from '../teams/features/scan-next-step';
import type { CosmosStore } from '../storage/cosmos';
import { ReferenceKeeper } from '../teams/reference-keeper';
import type { Repositories } from './repositories';
import { buildDashboards } from './dashboards';
import { buildCampaigns } from './campaigns';
import { buildPrivacy } from './privacy';
import { buildLearning } from './learning';
import { CosmosNewsRepository } from '../storage/cosmos-news';
import { buildEvents } from './events';
import { personalEvents } from '../domain/events/event-privacy';
import { MissingResultsJob } from '../domain/scan/missing-results-job';
import { resolveUserContext } from '../domain/user-context';

/** What every service is built from: the adapters of steps 1–4. */
export interface ServiceParts {
  config: Config;
  store: CosmosStore;
  repos: Repositories;
  directory: CachedDirectory;
  presence: Presence;
  /** Proactive cards: the help flow's and the team reminders' (send, update) and the campaigns' (deliver with retries). */
  messenger: Messenger & CampaignDelivery;
  leadershipContent: LeadershipContent;
  clock: Clock;
  log: Log;
}

/** Step 5: the domain services, each built once; the chat and the tab's API call the same ones. */
export function buildServices(parts: ServiceParts) {
  const { config, repos, directory, clock, log } = parts;
  const help = buildHelp(parts);
  const catalogue = buildCatalogue(parts);
  const scan = buildScan(parts, catalogue);
  const terms = buildTerms(parts);
  // One view per tenant for the tab's dashboards and the campaigns' team figures.
  const dashboards = buildDashboards({
    store: repos.dashboards,
    directory,
    clock,
    defaultThreshold: config.anonymityThreshold,
    log: log.child({ component: 'dashboards' }),
  });
  const campaigns = buildCampaigns({
    store: parts.store,
    repos,
    directory,
    dashboards,
    delivery: parts.messenger,
    clock,
    log,
    ratePerSecond: config.campaigns.ratePerSecond,
    autoStart: config.campaigns.autoStart,
    defaultThreshold: config.anonymityThreshold,
    allowedTenants: config.allowedTenants,
    scanStep: scanNextStep(scan),
  });
  // Conversation references, kept current by the bot and forgotten on erasure.
  const references = new ReferenceKeeper(repos.userState, clock);
  const events = buildEvents({
    repos,
    directory,
    messenger: parts.messenger,
    clock,
    log,
    modules: (tenantId) => catalogue.lookup(tenantId),
  });
  const { privacy, retention } = buildPrivacy({
    store: parts.store,
    repos,
    leadership: parts.leadershipContent,
    clock,
    log: log.child({ component: 'privacy' }),
    // The requester's and coach's cards are updated after the turn: wait for that before the user's chat details are erased.
    cancelRequest: async (user, ticketId) => {
      await help.help.cancel(user, { ticketId });
      await help.help.idle();
    },
    onErased: (tenantId, userId) => references.forget(tenantId, userId),
    // A person's queue items (reminder campaigns, coach news) and their places on events' lists go with their data.
    forgetCampaignItems: async (tenantId, userId) =>
      (await campaigns.forgetUser(tenantId, userId)) +
      (await new CosmosNewsRepository(parts.store.containers.schedule).forgetUser(tenantId, userId)) +
      (await events.events.forgetUser(tenantId, userId)),
    events: (tenantId, userId) => personalEvents(repos.events, tenantId, userId),
  });
  return {
    ...help,
    scan,
    missingResults: new MissingResultsJob({
      scan,
      userOf: (tenantId, userId) => resolveUserContext(directory, { tenantId, userId }),
      clock,
      log: log.child({ component: 'scan' }),
    }),
    catalogue,
    terms,
    events,
    dashboards,
    campaigns,
    privacy,
    retention,
    references,
    tab: buildTabServices(parts, dashboards, help.coaches, help.approvals),
    learning: buildLearning(parts, catalogue, terms),
  };
}

export type Services = ReturnType<typeof buildServices>;

/** Each tenant's learning offer: the shipped starting template until the tenant has its own. */
function buildCatalogue({ repos, directory, clock }: ServiceParts): CatalogueService {
  const vocabulary = (): Vocabulary => {
    const { content } = repos.content.current();
    return {
      domains: content.domains.map((d) => ({ id: d.id, names: [d.name.nl, d.name.en] })),
      levels: content.levels.map((l) => ({ level: l.level, names: [l.name.nl, l.name.en] })),
      profiles: content.profiles.map((p) => p.id),
    };
  };
  return new CatalogueService({
    repo: repos.catalogue,
    template: () => repos.content.current().content.modules,
    vocabulary,
    directory,
    audit: repos.audit,
    clock,
  });
}

/** The self-scan: sessions, results and the anonymous counters they feed. */
function buildScan({ config, repos, clock, log }: ServiceParts, catalogue: CatalogueService): ScanService {
  return new ScanService({
    catalogue,
    scans: repos.scans,
    aggregates: repos.scanAggregates,
    onBackgroundError: (err) => log.child({ component: 'scan' }).error({ err }, 'scan: work after the turn failed'),
    content: repos.content,
    clock,
    mode: config.scan.mode,
    retakeDays: config.scan.retakeDays,
  });
}

/** The municipality's own words for its systems, read with the tenant record (cached by the directory, cleared on change). */
function buildTerms({ repos, directory, clock }: ServiceParts): TermsService {
  return new TermsService({
    definitions: [...TERM_DEFINITIONS],
    repo: repos.settings,
    directory,
    audit: repos.audit,
    clock,
    texts: () => {
      const { items, modules } = repos.content.current().content;
      return [
        ...items.flatMap((i) => [i.text, ...(i.options ?? []).map((o) => o.text)]),
        ...modules.flatMap((m) => [m.title, m.description]),
      ];
    },
    onChanged: (tenantId) => directory.forgetTenant(tenantId),
  });
}

/** The help flow: one coach at a time, the notifier's cards, and the sweep of offer time-outs. */
function buildHelp({ config, repos, directory, presence, messenger, clock, log }: ServiceParts) {
  const botLog = log.child({ component: 'bot' });
  const topics = () => repos.content.current().content.domains.map((d) => d.id);
  const cards = new HelpCards({ content: repos.content, directory });
  const notifier = new TeamsHelpNotifier({
    messenger,
    directory,
    cards,
    canReopen: (ticket) => canReopen(ticket, clock.now()),
    now: () => clock.now(),
    log: botLog,
  });
  const help = new HelpService({
    tickets: repos.tickets,
    coaches: repos.coaches,
    timers: repos.timers,
    aggregates: repos.helpAggregates,
    onBackgroundError: (err) => botLog.error({ err }, 'help: work after the turn failed'),
    presence,
    directory,
    notifier,
    clock,
    offerTimeoutSeconds: config.help.offerTimeoutSeconds,
    maxOffers: config.help.maxOffers,
    routeGraceSeconds: config.help.routeGraceSeconds,
    topics,
  });
  const approvals = new CoachApprovals({
    coaches: repos.coaches,
    directory,
    clock,
    audit: repos.audit,
    notifier: new TeamsCoachApprovalNotifier({ messenger, directory, cards }),
    onBackgroundError: (err) => botLog.error({ err }, 'coach approval: message not sent'),
  });
  const coaches = new CoachService({
    coaches: repos.coaches,
    directory,
    clock,
    topics,
    onPending: (coach, tenant) => approvals.requested(coach, tenant),
  });
  const scheduler = new Scheduler({
    timers: repos.timers,
    tickets: repos.tickets,
    handler: help,
    clock,
    log: log.child({ component: 'scheduler' }),
  });
  return { help, coaches, approvals, helpCards: cards, scheduler };
}

/** The services only the tab's API uses (the leadership scan, settings, dashboards, team reminders, the audit of views). */
function buildTabServices(
  { repos, directory, messenger, leadershipContent, clock, log }: ServiceParts,
  dashboards: ReturnType<typeof buildDashboards>,
  coaches: CoachService,
  approvals: CoachApprovals,
) {
  const apiLog = log.child({ component: 'tab-api' });
  const domains = () => repos.content.current().content.domains;
  return {
    coachAdmin: coaches.admin({ audit: repos.audit, remove: repos.removeCoach }),
    coachNetwork: {
      approvals,
      contacts: new ContactPersonAdmin({
        repo: repos.settings,
        directory,
        audit: repos.audit,
        clock,
        onChanged: (tenantId) => directory.forgetTenant(tenantId),
      }),
      overview: new CoachOverview({ coaches: repos.coaches, directory, clock, views: dashboards.views }),
    },
    departmentHeads: new DepartmentHeadAdmin({
      org: repos.organisation,
      directory,
      audit: repos.audit,
      clock,
      onChanged: () => directory.clear(),
    }),
    leadership: new LeadershipService({ content: leadershipContent, repo: repos.leadership, clock }),
    settings: new SettingsService({
      repo: repos.settings,
      directory,
      audit: repos.audit,
      clock,
      onChanged: (tenantId) => directory.forgetTenant(tenantId),
    }),
    dashboards: new DashboardService({
      views: dashboards.views,
      directory,
      clock,
      domainOrder: () => Promise.resolve(domains().map((d) => d.id)),
    }),
    teamReminders: new NudgeService({
      directory,
      messenger,
      nudges: repos.reminders,
      figures: dashboardTeamFigures(dashboards.views),
      clock,
      completion: repos.scanCompletion,
      card: (participation, locale, done) =>
        nudgeCard({ participation, done }, locale) as unknown as Record<string, unknown>,
      onSendError: (err) => apiLog.warn({ err }, 'nudge not delivered'),
    }),
    activity: new AdminActivity({
      audit: repos.audit,
      now: () => clock.now(),
      onError: (err) => apiLog.warn({ err }, 'audit entry for a dashboard view not written'),
    }),
    domains: (locale: Locale) => Promise.resolve(domains().map((d) => ({ id: d.id, name: d.name[locale] }))),
    profileName: (id: string, locale: Locale) =>
      Promise.resolve(repos.content.current().profilesById.get(id)?.name[locale] ?? null),
  };
}
