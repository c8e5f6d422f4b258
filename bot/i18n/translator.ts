import type { Locale } from '../domain/org';

/**
 * One translation API for the bot's cards and the tab's pages, so a text behaves the same
 * wherever it is read: `t` fills `{name}` placeholders, `tn` picks a counted variant, and
 * `isKey` checks keys built from data. Both catalogues use the same plural convention:
 * `<key>.one` for exactly one, `<key>.other` for every other count (0 too), in Dutch and
 * English alike. Pure and dependency-free: the tab bundles it.
 */
export type Params = Record<string, string | number>;

/** The BCP 47 tag each language formats with. */
export const LOCALE_TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Keys that have both a `.one` and an `.other` variant, named by their common base. */
export type PluralBase<K extends string> = {
  [P in K]: P extends `${infer Base}.one` ? (`${Base}.other` extends K ? Base : never) : never;
}[K];

/** Plain functions (no `this`), so callers can pass them around. */
export interface Translator<K extends string> {
  t: (locale: Locale, key: K, params?: Params) => string;
  /** The key of the variant for `count`, for callers that pass the key on (cards built later). */
  pluralKey: (key: PluralBase<K>, count: number) => K;
  /** A counted text ("1 uitslag", "2 uitslagen"); `{count}` is filled with `count`. */
  tn: (locale: Locale, key: PluralBase<K>, count: number, params?: Params) => string;
  isKey: (key: string) => key is K;
}

export interface TranslatorOptions {
  /**
   * How a number in a placeholder is written. `locale` writes it the reader's way (3,8 and
   * 1.234 in Dutch); `plain` keeps it as is, for catalogues whose numbers include years or ids.
   */
  numbers: 'locale' | 'plain';
}

/** Writes a number the reader's way: 3,8 in Dutch, 3.8 in English, at most one decimal. */
export function formatNumber(locale: Locale, n: number, options: Intl.NumberFormatOptions = {}): string {
  return n.toLocaleString(LOCALE_TAG[locale], { maximumFractionDigits: 1, ...options });
}

/** Builds the API over a Dutch catalogue and its translations; a key missing in English falls back to Dutch. */
export function translator<K extends string>(
  catalogues: { nl: Record<K, string> } & Record<Locale, Record<K, string>>,
  options: TranslatorOptions,
): Translator<K> {
  const write = (locale: Locale, value: string | number) =>
    typeof value === 'string' ? value : options.numbers === 'locale' ? formatNumber(locale, value) : String(value);
  const t = (locale: Locale, key: K, params: Params = {}) =>
    (catalogues[locale][key] ?? catalogues.nl[key]).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? write(locale, params[name]) : whole,
    );
  const plurals: Record<Locale, Intl.PluralRules> = {
    nl: new Intl.PluralRules(LOCALE_TAG.nl),
    en: new Intl.PluralRules(LOCALE_TAG.en),
  };
  // Dutch and English have only "one" and "other"; the rules also say 1.0 is "other" in neither.
  const pluralKey = (key: PluralBase<K>, count: number, locale: Locale = 'nl') =>
    `${key}.${plurals[locale].select(count) === 'one' ? 'one' : 'other'}` as K;
  return {
    t,
    pluralKey: (key, count) => pluralKey(key, count),
    tn: (locale, key, count, params = {}) => t(locale, pluralKey(key, count, locale), { ...params, count }),
    isKey: (key): key is K => key in catalogues.nl,
  };
}
