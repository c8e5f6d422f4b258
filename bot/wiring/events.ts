import type { ModuleLookup } from '../domain/catalogue/catalogue-service';
import type { Log } from '../domain/log';
import type { Clock, Messenger } from '../domain/ports';
import type { CachedDirectory } from '../domain/cached-directory';
import type { CampaignDelivery } from '../domain/campaigns/campaign-ports';
import { EventService } from '../domain/events/event-service';
import { EventReminders } from '../domain/events/event-reminders';
import { CompletionService } from '../domain/learning/completion-service';
import { LearningAdmin } from '../domain/learning/learning-admin';
import { TeamsEventNotifier } from '../teams/features/events-feature';
import type { Repositories } from './repositories';

/** How often an instance looks for due day-before reminders. */
const REMINDER_SWEEP_MS = 60_000;

/**
 * Events and the completions confirmed by others (attendance, imports, a learning platform),
 * with the sweep that sends the day-before reminders. Module ids are checked against the
 * tenant's own catalogue (the template until it has its own).
 */
export function buildEvents(parts: {
  repos: Repositories;
  directory: CachedDirectory;
  messenger: Messenger & CampaignDelivery;
  clock: Clock;
  log: Log;
  /** The tenant's own learning catalogue, which module ids are checked against. */
  modules: (tenantId: string) => Promise<ModuleLookup>;
}) {
  const { repos, directory, clock } = parts;
  const log = parts.log.child({ component: 'events' });
  const { modules } = parts;
  const completions = new CompletionService({
    scans: repos.scans,
    aggregates: repos.scanAggregates,
    directory,
    onBackgroundError: (err) => log.error({ err }, 'completions: counter update failed'),
  });
  const notifier = new TeamsEventNotifier({ messenger: parts.messenger, directory });
  const events = new EventService({
    repo: repos.events,
    directory,
    clock,
    notifier,
    completions,
    isCoach: async (tenantId, userId) => (await repos.coaches.get(tenantId, userId)) !== null,
    modules,
    log,
  });
  const reminders = new EventReminders({ repo: repos.events, events, notifier, clock, log });
  const learning = new LearningAdmin({
    completions,
    store: repos.learningRecords,
    directory,
    audit: repos.audit,
    clock,
    modules,
  });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const sweep = () => {
    running ??= reminders
      .runDue()
      .catch((err: unknown) => log.error({ err }, 'events: reminder sweep failed'))
      .finally(() => (running = null));
  };
  return {
    events,
    completions,
    reminders,
    learning,
    /** The modules with upcoming events, for the module card's button. */
    eventModules: async (tenantId: string) =>
      new Set(
        (await repos.events.list(tenantId, clock.now()))
          .filter((e) => e.value.status === 'scheduled' && e.value.moduleId)
          .map((e) => e.value.moduleId!),
      ),
    start() {
      timer = setInterval(sweep, REMINDER_SWEEP_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type EventParts = ReturnType<typeof buildEvents>;
