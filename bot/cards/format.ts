import type { Locale } from '../domain/org';

/** A date as people read it: "23 november 2026" / "23 November 2026". */
export function formatDate(date: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(date));
}
