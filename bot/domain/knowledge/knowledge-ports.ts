import type { Versioned } from '../scan/scan-types';
import type { Article, KnowledgeContent } from './article';
import type { GapCounts } from './content-gaps';

/** Where the articles come from: the shared set (seeded content) and each tenant's own. */
export interface KnowledgeSource {
  /** The shared articles and the synonym list, loaded at start-up. */
  shared(): KnowledgeContent;
  /** A tenant's own published articles ([] when it has none); one with a shared article's id replaces it for that tenant. */
  tenantArticles(tenantId: string): Promise<Article[]>;
}

/** What happened to a help question before any person saw it; counted per tenant, never with names. */
export type KnowledgeEvent =
  | { type: 'suggested' }
  /** No article fitted. `gap` is the normalised question (content-gaps.ts) and the ISO week; null when nothing is left of it. */
  | { type: 'no-match'; gap?: { query: string; week: string } | null }
  | { type: 'helped'; articleId: string }
  | { type: 'not-helped'; articleId: string }
  | { type: 'escalated' };

export interface KnowledgeFigures {
  /** Questions that got articles offered first. */
  suggested: number;
  /** Questions no article fitted: they went straight to a coach (content gaps). */
  noMatch: number;
  /** "Toch een digicoach" after articles were offered. */
  escalated: number;
  /** "Dit hielp me", per article. */
  helped: Record<string, number>;
  /** "Hielp niet", per article. */
  notHelped: Record<string, number>;
  /** Searches that found nothing, per normalised question: counts and the last week, never who. */
  gaps: GapCounts;
}

export interface KnowledgeStats {
  record(tenantId: string, event: KnowledgeEvent): Promise<void>;
  figures(tenantId: string): Promise<KnowledgeFigures>;
}

/** A tenant's own article: a coach's draft, or one the programme team published or rejected. */
export type ArticleState = 'draft' | 'published' | 'rejected';

export interface TenantArticle extends Omit<Article, 'source'> {
  state: ArticleState;
  /** Written by a coach from a resolved question, or by the programme team. */
  origin: 'coach' | 'admin';
  createdAt: string;
  updatedAt: string;
}

/** Every state of a tenant's own articles (the knowledge base itself reads only the published ones). */
export interface TenantArticleStore {
  all(tenantId: string): Promise<TenantArticle[]>;
  get(tenantId: string, id: string): Promise<Versioned<TenantArticle> | null>;
  /** False when an article with this id already exists. */
  create(tenantId: string, article: TenantArticle): Promise<boolean>;
  /** Throws a conflict AppError when the article changed since read. */
  replace(tenantId: string, article: TenantArticle, etag: string): Promise<void>;
}
