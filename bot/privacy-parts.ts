import path from 'node:path';
import type { Logger } from './logger';
import type { Clock, UserStateRepository } from './domain/ports';
import type { UserContext } from './domain/org';
import type { CoachRepository, TicketRepository } from './domain/help/help-ports';
import type { ScanRepository } from './domain/scan/scan-types';
import type { ContentSource } from './domain/scan/scan-service';
import { answerTexts } from './cards/privacy/answer-texts';
import { readLeadershipContent } from './domain/leadership/leadership-content';
import { scoreLeadership } from './domain/leadership/leadership-scoring';
import { PrivacyService } from './domain/privacy/privacy-service';
import { RetentionJob } from './domain/privacy/retention';
import type { CosmosStore } from './storage/cosmos';
import { CosmosAuditLog, cosmosCoachRemoval } from './storage/cosmos-admin';
import { CosmosLeadershipRepository } from './storage/cosmos-leadership';
import { CosmosNudgeRepository } from './storage/cosmos-nudges';
import { CosmosPersonalTickets } from './storage/cosmos-privacy';
import { CosmosRetentionLeases, CosmosRetentionStore } from './storage/cosmos-retention';

/**
 * Part of the composition root: the privacy service (export and erasure, shared by the
 * chat and the tab) and the daily retention job, built from the app's adapters.
 */
export function buildPrivacy(deps: {
  store: CosmosStore;
  root: string;
  scans: ScanRepository;
  /** The scan content, for the export's question and answer texts. */
  content: ContentSource;
  tickets: TicketRepository;
  coaches: CoachRepository;
  userState: UserStateRepository;
  cancelRequest: (user: UserContext, ticketId: string) => Promise<void>;
  onErased: (tenantId: string, userId: string) => void;
  forgetCampaignItems: (tenantId: string, userId: string) => Promise<number>;
  clock: Clock;
  log: Logger;
}): { privacy: PrivacyService; retention: RetentionJob } {
  const { store, clock } = deps;
  const audit = new CosmosAuditLog(store.containers.tenants);
  const leadership = readLeadershipContent(path.join(deps.root, 'seeds', 'leadership'));
  const privacy = new PrivacyService({
    scans: deps.scans,
    leadership: new CosmosLeadershipRepository(store.containers.scans),
    tickets: deps.tickets,
    personalTickets: new CosmosPersonalTickets(store.containers.tickets),
    coaches: deps.coaches,
    removeCoach: cosmosCoachRemoval(store.containers.tickets),
    cancelRequest: deps.cancelRequest,
    userState: deps.userState,
    nudges: new CosmosNudgeRepository(store.containers.schedule, store.containers.users),
    audit,
    onErased: deps.onErased,
    forgetCampaignItems: deps.forgetCampaignItems,
    answerTexts: answerTexts({ content: deps.content, leadership }),
    clock,
  });
  const retention = new RetentionJob({
    store: new CosmosRetentionStore(store.containers),
    leases: new CosmosRetentionLeases(store.containers.schedule),
    audit,
    scoreLeadership: (answers) => scoreLeadership(leadership, answers),
    clock,
    log: deps.log,
  });
  return { privacy, retention };
}
