import path from 'node:path';
import type { Log } from '../domain/log';
import type { Clock } from '../domain/ports';
import { readKnowledgeSeeds } from '../domain/knowledge/load-knowledge';
import { KnowledgeService } from '../domain/knowledge/knowledge-service';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosKnowledgeSource, CosmosKnowledgeStats } from '../storage/cosmos-knowledge';

/** Step 5b: the knowledge base — the shared articles seeded from seeds/knowledge and loaded, its counters, the service. */
export async function createKnowledge(deps: {
  store: CosmosStore;
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
  return { source, stats, service: new KnowledgeService({ source, stats, clock: deps.clock }) };
}
