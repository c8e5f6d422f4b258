import type { Locale } from '../org';

/**
 * The municipality's own words for the systems its people use. Content writes a
 * placeholder such as `{zaaksysteem}`; a card shows the tenant's word ("JOIN") or the
 * default ("het zaaksysteem"). Pure: the bot's cards and the tab's preview share it.
 */
export interface TermDefinition {
  id: string;
  label: Record<Locale, string>;
  hint: Record<Locale, string>;
  /** With its article, so a sentence reads fine with the default and with a bare name. */
  default: Record<Locale, string>;
}

/** A tenant's own word for a term; English falls back to the Dutch word (a name is usually the same). */
export interface OwnWord {
  nl: string;
  en?: string;
}

export type OwnWords = Record<string, OwnWord>;

/** `{zaaksysteem}`: lower-case letters and dashes, so the bot's `{count}`-style parameters stay apart by name only. */
export const TERM_PLACEHOLDER = /\{([a-z][a-z-]*)\}/g;

export const TERM_WORD_MAX = 40;

/**
 * What an admin may type as a word: letters, digits, spaces and a few joining marks.
 * No markup or Markdown (`*`, `_`, `[`, `<`, `#`, `` ` ``…), no braces, no line breaks:
 * the word lands in card text that is rendered as Markdown.
 */
const WORD = /^[\p{L}\p{N}](?:[\p{L}\p{N} .'’&/+-]*[\p{L}\p{N}.])?$/u;

export function isValidTermWord(value: string): boolean {
  return value.length <= TERM_WORD_MAX && WORD.test(value) && !/\s{2,}/.test(value);
}

/** Fills every known placeholder in `text` with `word(id)`; an unknown one stays visible, so tests catch it. */
export function applyTerms(text: string, word: (id: string) => string | undefined): string {
  if (!text.includes('{')) return text;
  return text.replace(TERM_PLACEHOLDER, (whole, id: string, offset: number) => {
    const w = word(id);
    if (w === undefined) return whole;
    return startsSentence(text, offset) ? capitalise(w) : w;
  });
}

/** A placeholder at the start of the text or after a full stop, question or exclamation mark. */
function startsSentence(text: string, offset: number): boolean {
  const before = text.slice(0, offset).trimEnd();
  return before === '' || /[.?!]$/.test(before);
}

/** "het intranet" → "Het intranet"; a name with capitals of its own ("iPlein") is left as it is. */
function capitalise(word: string): string {
  return /^[a-z\u00e0-\u00ff]+(\s|$)/.test(word) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** The words of one tenant: its own where set, else the defaults. */
export class Terms {
  private readonly byId: Map<string, TermDefinition>;

  constructor(
    readonly definitions: TermDefinition[],
    private readonly own: OwnWords = {},
  ) {
    this.byId = new Map(definitions.map((d) => [d.id, d]));
  }

  /** The word a card shows for a term; undefined for an unknown id. */
  word(id: string, locale: Locale): string | undefined {
    const def = this.byId.get(id);
    if (!def) return undefined;
    const own = this.own[id];
    if (own) return locale === 'en' ? (own.en ?? own.nl) : own.nl;
    return def.default[locale];
  }

  /** The text with the tenant's words in it. */
  apply(text: string, locale: Locale): string {
    return applyTerms(text, (id) => this.word(id, locale));
  }
}

/** The placeholders a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(TERM_PLACEHOLDER)].map((m) => m[1]);
}
