import MiniSearch from 'minisearch';
import type { Article, KnowledgeContent } from './article';
import { DutchTerms, words } from './dutch-terms';

export interface SearchHit {
  article: Article;
  score: number;
}

interface Doc {
  id: string;
  titleNl: string;
  titleEn: string;
  keywords: string;
  stepsNl: string;
  stepsEn: string;
}

/**
 * An article is offered before a coach only when it matches at least half of the words that
 * matter in the question (and scores above a floor). BM25 scores alone do not tell a real
 * answer from one shared word ("hond meenemen naar kantoor" → the office Wi-Fi); the share of
 * the question's words does. Tuned on test/fixtures/knowledge-questions.json, which also holds
 * questions the articles do not answer.
 */
export const MIN_COVERAGE = 0.6;
export const MIN_SUGGEST_SCORE = 6;

/**
 * Full-text search over the articles with MiniSearch (BM25, prefix and fuzzy matching on a
 * radix tree): Dutch terms (stems, synonyms, compounds) come from DutchTerms; titles and
 * keywords weigh more than the steps, the user's Dutch more than the English text.
 */
export class KnowledgeIndex {
  private readonly mini: MiniSearch<Doc>;
  private readonly byId: Map<string, Article>;
  private readonly terms: DutchTerms;

  constructor(readonly content: KnowledgeContent) {
    this.byId = new Map(content.articles.map((a) => [a.id, a]));
    const docs = content.articles.map(toDoc);
    const terms = (this.terms = new DutchTerms(
      docs.flatMap((d) => [d.titleNl, d.titleEn, d.keywords, d.stepsNl, d.stepsEn]),
      content.synonyms,
    ));
    this.mini = new MiniSearch<Doc>({
      fields: ['titleNl', 'titleEn', 'keywords', 'stepsNl', 'stepsEn'],
      tokenize: words,
      processTerm: (word, field) => terms.forArticle(word, !field?.startsWith('steps')),
      searchOptions: {
        tokenize: words,
        processTerm: (word) => terms.forQuestion(word),
        boost: { titleNl: 3, titleEn: 1.5, keywords: 2, stepsNl: 1, stepsEn: 0.5 },
        // Short terms match exactly; longer ones the articles do not contain allow a typo or two
        // ("wachtwoort", "loonstook"). A known term needs no fuzzy look-up: it is the costly part.
        fuzzy: (term) => (term.length >= 5 && !terms.hasStem(term) ? 0.2 : false),
        maxFuzzy: 2,
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    this.mini.addAll(docs);
  }

  get size(): number {
    return this.byId.size;
  }

  article(id: string): Article | null {
    return this.byId.get(id) ?? null;
  }

  /** The best matches, best first (the message extension lists them). */
  search(query: string, limit = 10): SearchHit[] {
    return this.rank(query, limit).map(({ article, score }) => ({ article, score }));
  }

  /** Up to `limit` articles good enough to offer before a person is asked; none when it is only a guess. */
  suggest(question: string, limit = 3): SearchHit[] {
    const hits = this.rank(question, limit);
    if (!hits.length || hits[0].score < MIN_SUGGEST_SCORE || hits[0].coverage < MIN_COVERAGE) return [];
    // Far weaker neighbours are noise next to a clear answer.
    return hits
      .filter((h) => h.coverage >= MIN_COVERAGE && h.score >= hits[0].score * 0.25)
      .map(({ article, score }) => ({ article, score }));
  }

  /** Hits with the share of the question's meaningful words each one matched. */
  private rank(query: string, limit: number): Array<SearchHit & { coverage: number }> {
    const text = query.slice(0, 300);
    const asked = words(text)
      .map((w) => this.terms.forQuestion(w))
      .filter((t) => t.length > 0);
    if (!asked.length) return [];
    return this.mini
      .search(text)
      .slice(0, limit)
      .map((r) => ({
        article: this.byId.get(String(r.id))!,
        score: r.score,
        coverage: asked.filter((terms) => terms.some((t) => r.queryTerms.includes(t))).length / asked.length,
      }));
  }
}

function toDoc(a: Article): Doc {
  return {
    id: a.id,
    titleNl: a.title.nl,
    titleEn: a.title.en,
    keywords: a.tags.join(' '),
    stepsNl: a.steps.nl.join('\n'),
    stepsEn: a.steps.en.join('\n'),
  };
}
