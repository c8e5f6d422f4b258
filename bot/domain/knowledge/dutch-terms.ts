import { StemmerNl } from '@nlpjs/lang-nl';
import { STOPWORDS } from './stopwords';
import type { SynonymGroups } from './article';

const stemmer = new StemmerNl();

/** Lower case without accents ("geïnstalleerd" → "geinstalleerd"); "e-mail" and "wi-fi" as one word. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(e|wi)-(mail|fi)/g, '$1$2');
}

/** Words of a text: letters and digits, split on everything else (markdown, punctuation, dashes). */
export function words(text: string): string[] {
  return normalize(text).match(/[a-z0-9]+/g) ?? [];
}

const stemCache = new Map<string, string>();

/** Dutch stem of a word; cached, because the articles repeat their words and the stemmer is the slow part. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer.stemWord(word);
    // Questions bring new words forever: keep the cache bounded.
    if (stemCache.size >= 100_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

const MIN_PART = 4;

/**
 * Dutch turns phrases into one word ("teamsvergadering", "bestandsnaam", "wachtwoordherstel").
 * The vocabulary of the articles tells where such a word can be cut: a known left part (also
 * with the linking "s"), then a known right part or again a compound. Null when no cut works.
 */
export function decompound(word: string, known: (w: string) => boolean, depth = 0): string[] | null {
  if (word.length < 2 * MIN_PART || depth > 2) return null;
  for (let cut = word.length - MIN_PART; cut >= MIN_PART; cut--) {
    const left = word.slice(0, cut);
    const right = word.slice(cut);
    const leftKnown = known(left) ? left : left.endsWith('s') && known(left.slice(0, -1)) ? left.slice(0, -1) : null;
    if (!leftKnown || leftKnown.length < MIN_PART) continue;
    if (known(right)) return [leftKnown, right];
    const rest = decompound(right, known, depth + 1);
    if (rest) return [leftKnown, ...rest];
  }
  return null;
}

/**
 * Turns words into search terms, the same way for the articles and for the questions:
 * stopwords out, Dutch stems, an article word of a synonym group brings the whole group,
 * and words the articles do not contain are tried as compounds, diminutives
 * ("loonstrookje") and past participles ("gedeeld").
 */
export class DutchTerms {
  private readonly groupOf = new Map<string, number>();
  private readonly groupStems: string[][];
  private readonly stems = new Set<string>();

  constructor(vocabularyText: Iterable<string>, synonyms: SynonymGroups) {
    this.groupStems = synonyms.map((group, i) => {
      for (const w of group) for (const part of words(w)) this.groupOf.set(part, i);
      return [...new Set(group.flatMap(words).map(stem))];
    });
    for (const text of vocabularyText) for (const w of words(text)) if (!STOPWORDS.has(w)) this.stems.add(stem(w));
    for (const group of this.groupStems) for (const s of group) this.stems.add(s);
  }

  /** Is this search term (a stem) in the articles' vocabulary as it is? */
  readonly hasStem = (term: string): boolean => this.stems.has(term);

  /** Does the vocabulary of the articles (and the synonyms) hold this word's stem? */
  readonly known = (word: string): boolean => this.stems.has(stem(word));

  /**
   * Terms to index for one word of an article. Synonyms are added for the title and keywords
   * only: the steps mention "send" and "file" in passing, and should not pull in whole groups.
   */
  forArticle(word: string, expandSynonyms: boolean): string[] {
    if (STOPWORDS.has(word)) return [];
    const terms = [stem(word), ...(expandSynonyms ? this.synonymStems(word) : [])];
    if (word.length >= 8) for (const part of decompound(word, this.known) ?? []) terms.push(stem(part));
    return unique(terms);
  }

  /** Terms to search for one word of a question. */
  forQuestion(word: string): string[] {
    if (STOPWORDS.has(word)) return [];
    // Synonyms need no expansion here: every article word already brought its whole group into the index.
    const own = stem(word);
    const terms = [own];
    if (!this.stems.has(own)) {
      for (const alt of [diminutiveBase(word), participleBase(word)]) if (alt && this.known(alt)) terms.push(stem(alt));
      for (const part of decompound(word, this.known) ?? []) terms.push(stem(part));
    }
    return unique(terms);
  }

  private synonymStems(word: string): string[] {
    const group = this.groupOf.get(word) ?? this.groupOf.get(stem(word));
    return group === undefined ? [] : this.groupStems[group];
  }
}

/** "loonstrookje" → "loonstrook", "mailtje" → "mail". */
function diminutiveBase(word: string): string | null {
  const m = /^(.{3,}?)(tje|pje|etje|je)$/.exec(word);
  if (!m) return null;
  return m[1];
}

/** "gedeeld" → "deel", "gewijzigd" → "wijzig", "geprint" → "print". */
function participleBase(word: string): string | null {
  const m = /^ge(.{3,})[dt]$/.exec(word);
  return m ? m[1] : null;
}

function unique(terms: string[]): string[] {
  return [...new Set(terms.filter(Boolean))];
}
