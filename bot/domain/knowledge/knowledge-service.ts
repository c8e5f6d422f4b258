import { AppError } from '../errors';
import type { Clock } from '../ports';
import { isoWeek } from '../help/working-hours';
import { normaliseGap } from './content-gaps';
import type { Article } from './article';
import { KnowledgeIndex } from './knowledge-index';
import type { KnowledgeSource, KnowledgeStats } from './knowledge-ports';

export interface KnowledgeServiceDeps {
  source: KnowledgeSource;
  stats: KnowledgeStats;
  clock: Clock;
  /** How long a tenant's index is used before its own articles are read again. */
  refreshSeconds?: number;
}

const bad = () => new AppError('bad_input', 400, 'error.badInput');
const MAX_QUESTION = 300;

/**
 * The knowledge base: answers a help question with articles before a person is asked, and
 * powers the message extension's search. Each tenant searches the shared articles plus its
 * own; a tenant without its own articles uses the one shared index.
 */
export class KnowledgeService {
  /** Built at start, so the first question does not wait for it. */
  private readonly sharedIndex: KnowledgeIndex;
  private readonly tenantIndexes = new Map<string, { index: KnowledgeIndex; until: number; signature: string }>();

  constructor(private readonly deps: KnowledgeServiceDeps) {
    this.sharedIndex = new KnowledgeIndex(deps.source.shared());
  }

  /** Up to 3 articles worth reading before a coach is asked; [] sends the question straight on. Counted. */
  async suggest(tenantId: string, question: string): Promise<Article[]> {
    const text = question.trim().slice(0, MAX_QUESTION);
    const found = text ? (await this.indexFor(tenantId)).suggest(text).map((h) => h.article) : [];
    if (found.length) await this.deps.stats.record(tenantId, { type: 'suggested' });
    else {
      // A content gap: the words, counted per tenant and week, never who asked (content-gaps.ts).
      const query = normaliseGap(text);
      const gap = query ? { query, week: isoWeek(this.deps.clock.now()) } : null;
      await this.deps.stats.record(tenantId, { type: 'no-match', gap });
    }
    return found;
  }

  /** The message extension's search: the best matches, or the first articles for an empty query. */
  async search(tenantId: string, query: string, limit = 10): Promise<Article[]> {
    const index = await this.indexFor(tenantId);
    const text = query.trim().slice(0, MAX_QUESTION);
    if (!text) return index.content.articles.slice(0, limit);
    return index.search(text, limit).map((h) => h.article);
  }

  async article(tenantId: string, id: string): Promise<Article | null> {
    return (await this.indexFor(tenantId)).article(id);
  }

  /** "Dit hielp me": the question was solved by this article. Unknown ids change nothing. */
  async helped(tenantId: string, articleId: string): Promise<Article> {
    const article = await this.article(tenantId, articleId);
    if (!article) throw bad();
    await this.deps.stats.record(tenantId, { type: 'helped', articleId: article.id });
    return article;
  }

  /** "Hielp niet": counted for the article so the programme team sees which ones need work. Unknown ids change nothing. */
  async notHelped(tenantId: string, articleId: string): Promise<Article> {
    const article = await this.article(tenantId, articleId);
    if (!article) throw bad();
    await this.deps.stats.record(tenantId, { type: 'not-helped', articleId: article.id });
    return article;
  }

  /** The tenant's own articles changed (published, edited, withdrawn): search them again from the next question on. */
  invalidate(tenantId: string): void {
    this.tenantIndexes.delete(tenantId);
  }

  /** "Toch een digicoach" after articles were offered. */
  async escalated(tenantId: string): Promise<void> {
    await this.deps.stats.record(tenantId, { type: 'escalated' });
  }

  private async indexFor(tenantId: string): Promise<KnowledgeIndex> {
    const now = this.deps.clock.now().getTime();
    const cached = this.tenantIndexes.get(tenantId);
    if (cached && cached.until > now) return cached.index;
    const shared = this.sharedIndex.content;
    const own = await this.deps.source.tenantArticles(tenantId);
    // Rebuilding takes a moment (a few hundred articles: tens of ms); only when the tenant's articles changed.
    const signature = JSON.stringify(own);
    const index =
      cached && cached.signature === signature
        ? cached.index
        : own.length
          ? new KnowledgeIndex({
              synonyms: shared.synonyms,
              articles: [...shared.articles.filter((a) => !own.some((o) => o.id === a.id)), ...own],
            })
          : this.sharedIndex;
    this.tenantIndexes.set(tenantId, { index, signature, until: now + (this.deps.refreshSeconds ?? 300) * 1000 });
    return index;
  }
}
