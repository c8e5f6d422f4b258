import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { Item } from '../../domain/scan/content';
import { DEFAULT_TERMS } from '../../domain/terms/definitions';
import type { Terms } from '../../domain/terms/terms';

const SELF = new Set(['1', '2', '3', '4']);

/**
 * The words of one answer to a scan question, as the question card shows them: a
 * self-rating ("Zelfstandig"), true/false ("Juist"), a scenario's option, or "Weet ik niet".
 * Accepts the stored value (a number, a boolean or an option id) as well as the card's string.
 * An option names systems in the tenant's own words (`terms`).
 */
export function scanAnswerLabel(item: Item, value: unknown, locale: Locale, terms: Terms = DEFAULT_TERMS): string {
  const v = String(value);
  if (v === 'unknown') return t(locale, 'scan.answer.unknown');
  if (item.type === 'self' && SELF.has(v)) return t(locale, `scan.self.${v}` as MessageKey);
  if (item.type === 'knowledge' && (v === 'true' || v === 'false'))
    return t(locale, v === 'true' ? 'scan.answer.true' : 'scan.answer.false');
  const option = item.options?.find((o) => o.id === v);
  return option ? terms.apply(option.text[locale], locale) : v;
}

/** A point on the leadership scan's 1–5 scale ("Mee eens"). */
export function leadershipAnswerLabel(value: number, locale: Locale): string {
  return Number.isInteger(value) && value >= 1 && value <= 5
    ? t(locale, `leadership.scale.${value}` as MessageKey)
    : String(value);
}
