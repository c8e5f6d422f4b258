import type { Container } from '@azure/cosmos';
import { type Article, type KnowledgeContent, parseArticles } from '../domain/knowledge/article';
import type {
  KnowledgeEvent,
  KnowledgeFigures,
  KnowledgeSource,
  KnowledgeStats,
} from '../domain/knowledge/knowledge-ports';
import { CounterBuffer } from './counter-buffer';
import { ownFields, readOrNull } from './cosmos';

const GLOBAL = 'global';
const POINTER = 'knowledge-content:current';
const versionDocId = (v: string) => `knowledge-content:${v}`;
const ARTICLE_TYPE = 'knowledge-article';

/**
 * Knowledge articles in the `content` container. The shared set is stored per version with a
 * pointer, like the scan content; a tenant's own articles are documents in the tenant's
 * partition (`docType: knowledge-article`), read with one single-partition query.
 */
export class CosmosKnowledgeSource implements KnowledgeSource {
  private current: KnowledgeContent | null = null;

  constructor(
    private readonly container: Container,
    private readonly domains: () => readonly string[],
    private readonly onBadArticle: (tenantId: string, err: unknown) => void = () => undefined,
  ) {}

  /** Stores the seed version if new and makes it current unless an editor moved the pointer away from the seeds. */
  async seed(content: KnowledgeContent & { version: string }): Promise<void> {
    if (!(await readOrNull(this.container, versionDocId(content.version), GLOBAL)))
      await this.container.items.upsert({ ...content, id: versionDocId(content.version), tenantId: GLOBAL });
    const pointer = await readOrNull<{ source: string }>(this.container, POINTER, GLOBAL);
    if (!pointer || pointer.source === 'seed')
      await this.container.items.upsert({ id: POINTER, tenantId: GLOBAL, version: content.version, source: 'seed' });
  }

  async load(): Promise<KnowledgeContent> {
    const pointer = await readOrNull<{ version: string }>(this.container, POINTER, GLOBAL);
    if (!pointer) throw new Error('no knowledge content: seed it first');
    const doc = await readOrNull<KnowledgeContent>(this.container, versionDocId(pointer.version), GLOBAL);
    if (!doc) throw new Error(`knowledge content ${pointer.version} is missing`);
    this.current = {
      articles: parseArticles(doc.articles, 'shared', this.domains()),
      synonyms: doc.synonyms,
    };
    return this.current;
  }

  shared(): KnowledgeContent {
    if (!this.current) throw new Error('knowledge content not loaded');
    return this.current;
  }

  async tenantArticles(tenantId: string): Promise<Article[]> {
    // The tenant in the query too, not only as partition key: the embedded store ignores the latter for queries.
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @tenant AND c.docType = @type',
          parameters: [
            { name: '@tenant', value: tenantId },
            { name: '@type', value: ARTICLE_TYPE },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    // One broken article of a tenant must not hide the others (or the shared ones).
    return resources.flatMap((doc) => {
      try {
        return parseArticles([{ ...ownFields(doc), id: doc.articleId }], 'tenant', this.domains());
      } catch (err) {
        this.onBadArticle(tenantId, err);
        return [];
      }
    });
  }

  /** A tenant's own article (the coordinator's; today written by tests and scripts). */
  async saveTenantArticle(tenantId: string, article: Omit<Article, 'source'>): Promise<void> {
    const { id, ...rest } = article;
    await this.container.items.upsert({
      ...rest,
      articleId: id,
      id: `${ARTICLE_TYPE}:${id}`,
      tenantId,
      docType: ARTICLE_TYPE,
    });
  }
}

type StatsDoc = KnowledgeFigures & { id: string; tenantId: string; updatedAt: string };
const STATS_ID = 'knowledge-stats';

/** The knowledge base's anonymous counters, one document per tenant in `aggregates` (group-committed). */
export class CosmosKnowledgeStats implements KnowledgeStats {
  private readonly buffer: CounterBuffer;

  constructor(
    private readonly container: Container,
    now: () => Date,
    onError?: (err: unknown, id: string) => void,
  ) {
    this.buffer = new CounterBuffer(container, now, onError);
  }

  record(tenantId: string, event: KnowledgeEvent): Promise<void> {
    return this.buffer.add<StatsDoc>(
      STATS_ID,
      tenantId,
      () => ({ id: STATS_ID, tenantId, updatedAt: '', suggested: 0, noMatch: 0, escalated: 0, helped: {} }),
      (doc) => {
        if (event.type === 'suggested') doc.suggested++;
        else if (event.type === 'no-match') doc.noMatch++;
        else if (event.type === 'escalated') doc.escalated++;
        else doc.helped[event.articleId] = (doc.helped[event.articleId] ?? 0) + 1;
      },
    );
  }

  async figures(tenantId: string): Promise<KnowledgeFigures> {
    const doc = await readOrNull<StatsDoc>(this.container, STATS_ID, tenantId);
    return {
      suggested: doc?.suggested ?? 0,
      noMatch: doc?.noMatch ?? 0,
      escalated: doc?.escalated ?? 0,
      helped: doc?.helped ?? {},
    };
  }
}
