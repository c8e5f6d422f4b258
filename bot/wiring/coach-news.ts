import { isApproved } from '../domain/help/help-types';
import type { Log } from '../domain/log';
import type { Clock, Directory } from '../domain/ports';
import { NewsService } from '../domain/news/news-service';
import type { NewsDelivery } from '../domain/news/news-types';
import { newsCard } from '../cards/news/news-card';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosNewsRepository } from '../storage/cosmos-news';
import type { Repositories } from './repositories';

/**
 * Step 5c: coach news — the programme team's messages to the digicoaches, queued per coach in
 * the store and sent through the app's throttled outbound queue (the messenger's `deliver`).
 */
export function buildCoachNews(deps: {
  store: CosmosStore;
  repos: Pick<Repositories, 'coaches' | 'userState' | 'audit'>;
  directory: Directory;
  delivery: NewsDelivery;
  clock: Clock;
  log: Log;
  retryDelayMs?: number;
}): NewsService {
  return new NewsService({
    repo: new CosmosNewsRepository(deps.store.containers.schedule),
    directory: deps.directory,
    // Every registered coach (of the department); the one place to narrow this to approved coaches once approval exists.
    audience: async (tenantId, departmentId) =>
      (await deps.repos.coaches.list(tenantId))
        .map((c) => c.value)
        // Only approved coaches: a registration waiting for approval (or refused) is not part of the network yet.
        .filter((c) => isApproved(c) && (!departmentId || c.departmentId === departmentId))
        .map((c) => c.userId),
    delivery: deps.delivery,
    card: newsCard,
    teamsLocale: async (tenantId, userId) =>
      (await deps.repos.userState.getConversationRef(tenantId, userId))?.locale ?? null,
    audit: deps.repos.audit,
    clock: deps.clock,
    log: deps.log.child({ component: 'coach-news' }),
    retryDelayMs: deps.retryDelayMs,
  });
}
