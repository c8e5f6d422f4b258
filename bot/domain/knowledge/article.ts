import type { Locale } from '../org';

/** A short how-to: a title and a few numbered steps, Dutch first and English second. */
export interface Article {
  id: string;
  /** The scan domain it belongs to (seeds/scan/domains.json), also the help topic when routed to a coach. */
  domain: string;
  title: Record<Locale, string>;
  steps: Record<Locale, string[]>;
  /** Search words beyond the title and steps, in both languages. */
  tags: string[];
  /** Where it comes from: the shared starter set or a tenant's own. */
  source: 'shared' | 'tenant';
}

/** Words that mean the same to our users ("loonstrook", "salarisstrook", "loonfiche"). */
export type SynonymGroups = string[][];

export interface KnowledgeContent {
  articles: Article[];
  synonyms: SynonymGroups;
}

const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Checks articles read from content files or the store; a bad article names itself and
 * what is wrong, so an editor's mistake stops the start instead of showing a half card.
 */
export function parseArticles(raw: unknown, source: Article['source'], domains: readonly string[]): Article[] {
  if (!Array.isArray(raw)) throw new Error('knowledge: articles must be a list');
  const seen = new Set<string>();
  return raw.map((value, i) => {
    const a = value as Partial<Record<keyof Article, unknown>>;
    const where = `knowledge article ${typeof a.id === 'string' ? a.id : `#${i}`}`;
    const problems: string[] = [];
    if (typeof a.id !== 'string' || !ID.test(a.id)) problems.push('id must be lower-case letters, digits and dashes');
    else if (seen.has(a.id)) problems.push('id is used twice');
    if (typeof a.domain !== 'string' || !domains.includes(a.domain))
      problems.push(`domain must be one of ${domains.join(', ')}`);
    const title = a.title as Record<string, unknown> | undefined;
    const steps = a.steps as Record<string, unknown> | undefined;
    for (const locale of ['nl', 'en'] as const) {
      if (typeof title?.[locale] !== 'string' || !title[locale].trim()) problems.push(`title.${locale} is missing`);
      const list = steps?.[locale];
      if (
        !Array.isArray(list) ||
        list.length === 0 ||
        list.length > 8 ||
        list.some((s) => typeof s !== 'string' || !s.trim())
      )
        problems.push(`steps.${locale} must be 1 to 8 lines of text`);
    }
    if (!Array.isArray(a.tags) || a.tags.some((t) => typeof t !== 'string'))
      problems.push('tags must be a list of words');
    if (problems.length) throw new Error(`${where}: ${problems.join('; ')}`);
    seen.add(a.id as string);
    return {
      id: a.id as string,
      domain: a.domain as string,
      title: { nl: title!.nl as string, en: title!.en as string },
      steps: { nl: steps!.nl as string[], en: steps!.en as string[] },
      tags: a.tags as string[],
      source,
    };
  });
}

export function parseSynonyms(raw: unknown): SynonymGroups {
  const groups = (raw as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups) || groups.some((g) => !Array.isArray(g) || g.some((w) => typeof w !== 'string')))
    throw new Error('knowledge: synonyms.json must hold { groups: string[][] }');
  return groups as SynonymGroups;
}
