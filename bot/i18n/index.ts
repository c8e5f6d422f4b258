import type { Locale } from '../domain/org';
import { en } from './en';
import { type MessageKey, nl } from './nl';

export type { MessageKey };
const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

/** Translates a key, filling `{name}` placeholders. Unknown placeholders stay visible, so tests catch them. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? nl[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in nl;
}

/** A message that depends on a count: the catalogues hold `<key>.one` and `<key>.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** `<key>.one` for exactly 1, `<key>.other` for any other count (0 too): the same rule in Dutch and English. */
export function pluralKey(key: PluralKey, count: number): MessageKey {
  return `${key}.${count === 1 ? 'one' : 'other'}` as MessageKey;
}

/** Translates a counted message ("1 uitslag", "2 uitslagen"), filling `{count}` and the other placeholders. */
export function tn(
  locale: Locale,
  key: PluralKey,
  count: number,
  params: Record<string, string | number> = {},
): string {
  return t(locale, pluralKey(key, count), { ...params, count });
}
