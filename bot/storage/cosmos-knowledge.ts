import type { Container } from '@azure/cosmos';
import { type Article, type KnowledgeContent, parseArticles } from '../domain/knowledge/article';
import type {
  KnowledgeEvent,
  KnowledgeFigures,
  KnowledgeSource,
  KnowledgeStats,
  TenantArticle,
  TenantArticleStore,
} from '../domain/knowledge/knowledge-ports';
import { countGap } from '../domain/knowledge/content-gaps';
import { isConflict } from '../domain/errors';
import type { Versioned } from '../domain/scan/scan-types';
import { CounterBuffer } from './counter-buffer';
import { createOnce, ownFields, readOrNull, replaceIfMatch } from './cosmos';

const GLOBAL = 'global';
const POINTER = 'knowledge-content:current';
const versionDocId = (v: string) => `knowledge-content:${v}`;
const ARTICLE_TYPE = 'knowledge-article';

/**
 * Knowledge articles in the `content` container. The shared set is stored per version with a
 * pointer, like the scan content; a tenant's own articles are documents in the tenant's
 * partition (`docType: knowledge-article`), read with one single-partition query.
 */
export class CosmosKnowledgeSource implements KnowledgeSource, TenantArticleStore {
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
    const resources = (await this.stored(tenantId)).filter(
      // Articles written before drafts existed carry no state: they were published.
      (doc) => doc.state === undefined || doc.state === 'published',
    );
    // One broken article of a tenant must not hide the others (or the shared ones).
    return resources.flatMap((doc) => {
      try {
        return parseArticles([{ ...this.fields(doc), id: doc.articleId }], 'tenant', this.domains());
      } catch (err) {
        this.onBadArticle(tenantId, err);
        return [];
      }
    });
  }

  /** Every own article of the tenant in any state (the programme team's list). */
  async all(tenantId: string): Promise<TenantArticle[]> {
    return (await this.stored(tenantId)).map((doc) => this.toTenantArticle(doc));
  }

  async get(tenantId: string, id: string): Promise<Versioned<TenantArticle> | null> {
    const doc = await readOrNull<Record<string, unknown>>(this.container, `${ARTICLE_TYPE}:${id}`, tenantId);
    return doc ? { value: this.toTenantArticle(doc), etag: doc._etag } : null;
  }

  async create(tenantId: string, article: TenantArticle): Promise<boolean> {
    try {
      await createOnce(this.container, this.toDoc(tenantId, article));
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async replace(tenantId: string, article: TenantArticle, etag: string): Promise<void> {
    await replaceIfMatch(this.container, this.toDoc(tenantId, article), etag, tenantId);
  }

  private toDoc(tenantId: string, article: TenantArticle) {
    const { id, ...rest } = article;
    return { ...rest, articleId: id, id: `${ARTICLE_TYPE}:${id}`, tenantId, docType: ARTICLE_TYPE };
  }

  private fields(doc: Record<string, unknown>): Record<string, unknown> {
    const { articleId: _id, tenantId: _t, ...rest } = ownFields(doc);
    return rest;
  }

  private toTenantArticle(doc: Record<string, unknown>): TenantArticle {
    const f = this.fields(doc) as Partial<TenantArticle>;
    return {
      id: doc.articleId as string,
      domain: f.domain ?? '',
      title: f.title ?? { nl: '', en: '' },
      steps: f.steps ?? { nl: [], en: [] },
      tags: f.tags ?? [],
      state: f.state ?? 'published',
      origin: f.origin ?? 'admin',
      createdAt: f.createdAt ?? '',
      updatedAt: f.updatedAt ?? '',
    };
  }

  private async stored(tenantId: string): Promise<Array<Record<string, unknown>>> {
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
    return resources;
  }

  /** A tenant's own published article, written directly (tests and scripts; the tab goes through drafts). */
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

type StatsDoc = Omit<KnowledgeFigures, 'notHelped' | 'gaps'> &
  Partial<Pick<KnowledgeFigures, 'notHelped' | 'gaps'>> & { id: string; tenantId: string; updatedAt: string };
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
      () => ({
        id: STATS_ID,
        tenantId,
        updatedAt: '',
        suggested: 0,
        noMatch: 0,
        escalated: 0,
        helped: {},
        notHelped: {},
        gaps: {},
      }),
      (doc) => {
        if (event.type === 'suggested') doc.suggested++;
        else if (event.type === 'no-match') {
          doc.noMatch++;
          // Documents from before feedback and gaps were counted lack these maps.
          if (event.gap) countGap((doc.gaps ??= {}), event.gap.query, event.gap.week);
        } else if (event.type === 'escalated') doc.escalated++;
        else if (event.type === 'helped') doc.helped[event.articleId] = (doc.helped[event.articleId] ?? 0) + 1;
        else {
          const notHelped = (doc.notHelped ??= {});
          notHelped[event.articleId] = (notHelped[event.articleId] ?? 0) + 1;
        }
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
      notHelped: doc?.notHelped ?? {},
      gaps: doc?.gaps ?? {},
    };
  }
}
