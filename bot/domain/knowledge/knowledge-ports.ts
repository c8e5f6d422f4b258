import type { Article, KnowledgeContent } from './article';

/** Where the articles come from: the shared set (seeded content) and each tenant's own. */
export interface KnowledgeSource {
  /** The shared articles and the synonym list, loaded at start-up. */
  shared(): KnowledgeContent;
  /** A tenant's own articles ([] when it has none); one with a shared article's id replaces it for that tenant. */
  tenantArticles(tenantId: string): Promise<Article[]>;
}

/** What happened to a help question before any person saw it; counted per tenant, never with names. */
export type KnowledgeEvent =
  | { type: 'suggested' }
  | { type: 'no-match' }
  | { type: 'helped'; articleId: string }
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
}

export interface KnowledgeStats {
  record(tenantId: string, event: KnowledgeEvent): Promise<void>;
  figures(tenantId: string): Promise<KnowledgeFigures>;
}
