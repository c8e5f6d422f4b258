import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import type { UserContext } from '../domain/org';
import type { PersonalEvents } from '../domain/events/event-privacy';
import { answerTexts } from '../cards/privacy/answer-texts';
import type { LeadershipContent } from '../domain/leadership/leadership-content';
import { scoreLeadership } from '../domain/leadership/leadership-scoring';
import { PrivacyService } from '../domain/privacy/privacy-service';
import { RetentionJob } from '../domain/privacy/retention';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosPersonalTickets } from '../storage/cosmos-privacy';
import { CosmosRetentionLeases, CosmosRetentionStore } from '../storage/cosmos-retention';
import type { Repositories } from './repositories';

/**
 * Part of the composition root: the privacy service (export and erasure, shared by the
 * chat and the tab) and the daily retention job, built from the app's adapters.
 */
export function buildPrivacy(deps: {
  store: CosmosStore;
  repos: Repositories;
  /** The leadership scan's content, for the export's texts and the retention's scores. */
  leadership: LeadershipContent;
  cancelRequest: (user: UserContext, ticketId: string) => Promise<void>;
  onErased: (tenantId: string, userId: string) => void;
  forgetCampaignItems: (tenantId: string, userId: string) => Promise<number>;
  events: (tenantId: string, userId: string) => Promise<PersonalEvents>;
  clock: Clock;
  log: Log;
}): { privacy: PrivacyService; retention: RetentionJob } {
  const { store, repos, leadership, clock } = deps;
  const privacy = new PrivacyService({
    scans: repos.scans,
    leadership: repos.leadership,
    tickets: repos.tickets,
    personalTickets: new CosmosPersonalTickets(store.containers.tickets),
    coaches: repos.coaches,
    removeCoach: repos.removeCoach,
    cancelRequest: deps.cancelRequest,
    userState: repos.userState,
    nudges: repos.reminders,
    audit: repos.audit,
    onErased: deps.onErased,
    forgetCampaignItems: deps.forgetCampaignItems,
    events: deps.events,
    answerTexts: answerTexts({ content: repos.content, leadership }),
    clock,
  });
  const retention = new RetentionJob({
    store: new CosmosRetentionStore(store.containers),
    leases: new CosmosRetentionLeases(store.containers.schedule),
    audit: repos.audit,
    scoreLeadership: (answers) => scoreLeadership(leadership, answers),
    clock,
    log: deps.log,
  });
  return { privacy, retention };
}
