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
