import path from 'node:path';
import type { Log } from '../domain/log';
import type { Clock, Directory } from '../domain/ports';
import { readKnowledgeSeeds } from '../domain/knowledge/load-knowledge';
import { KnowledgeService } from '../domain/knowledge/knowledge-service';
import { KnowledgeAdmin, type ResolvedQuestions } from '../domain/knowledge/knowledge-admin';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosKnowledgeSource, CosmosKnowledgeStats } from '../storage/cosmos-knowledge';
import type { Repositories } from './repositories';

/**
 * Step 5b: the knowledge base — the shared articles seeded from seeds/knowledge and loaded, its
 * counters, the service, and the programme team's side (coaches' drafts, review, feedback, gaps).
 */
export async function createKnowledge(deps: {
  store: CosmosStore;
  repos: Pick<Repositories, 'tickets' | 'audit'>;
  directory: Directory;
  root: string;
  domains: () => string[];
  clock: Clock;
  log: Log;
}) {
  const log = deps.log.child({ component: 'knowledge' });
  const source = new CosmosKnowledgeSource(deps.store.containers.content, deps.domains, (tenantId, err) =>
    log.warn({ tenantId, err }, 'a tenant article is invalid; left out'),
  );
  await source.seed(readKnowledgeSeeds(path.join(deps.root, 'seeds', 'knowledge'), deps.domains()));
  const content = await source.load();
  log.info({ articles: content.articles.length }, 'knowledge base loaded');
  const stats = new CosmosKnowledgeStats(
    deps.store.containers.aggregates,
    () => deps.clock.now(),
    (err) => log.warn({ err }, 'knowledge counter write failed; retrying'),
  );
  const service = new KnowledgeService({ source, stats, clock: deps.clock });
  const questions: ResolvedQuestions = {
    async topicOf(tenantId, ticketId, coachId) {
      const ticket = (await deps.repos.tickets.get(tenantId, ticketId))?.value;
      const resolved = ticket?.state === 'resolved' || ticket?.state === 'rated';
      return ticket && resolved && ticket.coachId === coachId ? ticket.topic : null;
    },
  };
  const admin = new KnowledgeAdmin({
    store: source,
    stats,
    knowledge: service,
    questions,
    directory: deps.directory,
    audit: deps.repos.audit,
    domains: deps.domains,
    clock: deps.clock,
  });
  return { source, stats, service, admin };
}
