/**
 * Content gaps: help questions no article answered, counted per normalised text so the
 * programme team sees which articles are missing. Stored without any user id; a question
 * is kept as typed words only (lower case, no accents, no digits, no e-mail addresses or
 * links), at most 80 characters.
 *
 * The rule for showing: a question is listed only once at least `GAP_MIN_COUNT` searches
 * found nothing for the same normalised text. One person's rare question can carry a
 * name or a detail that identifies them; the same words typed three times are a pattern,
 * not a person. A question that stays below the minimum is forgotten after
 * `GAP_FORGET_WEEKS` weeks without a new search, and the list keeps at most `GAP_MAX`
 * questions, so rare ones do not pile up.
 */
export const GAP_MIN_COUNT = 3;
export const GAP_FORGET_WEEKS = 12;
export const GAP_MAX = 300;

export type GapCounts = Record<string, { count: number; lastWeek: string }>;

export interface ContentGap {
  query: string;
  count: number;
  lastWeek: string;
}

/** The question as counted: null when nothing meaningful is left. */
export function normaliseGap(question: string): string | null {
  const text = question
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/[^a-z\s]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return text.length >= 3 ? text : null;
}

/** Weeks between two ISO week keys ("2026-W48"), counted as 52 a year (pruning needs no more precision). */
function weeksBetween(from: string, to: string): number {
  const n = (w: string) => {
    const m = /^(\d{4})-W(\d{2})$/.exec(w);
    return m ? Number(m[1]) * 52 + Number(m[2]) : 0;
  };
  return n(to) - n(from);
}

/** Counts one gap and forgets rare old ones; changes `gaps` in place (a counter document). */
export function countGap(gaps: GapCounts, query: string, week: string): void {
  const entry = (gaps[query] ??= { count: 0, lastWeek: week });
  entry.count++;
  if (week > entry.lastWeek) entry.lastWeek = week;
  for (const [q, g] of Object.entries(gaps))
    if (g.count < GAP_MIN_COUNT && weeksBetween(g.lastWeek, week) > GAP_FORGET_WEEKS) delete gaps[q];
  const keys = Object.keys(gaps);
  if (keys.length <= GAP_MAX) return;
  // Over the limit: the rarest, then the longest unseen, go first.
  keys
    .sort((a, b) => gaps[a].count - gaps[b].count || gaps[a].lastWeek.localeCompare(gaps[b].lastWeek))
    .slice(0, keys.length - GAP_MAX)
    .forEach((q) => q !== query && delete gaps[q]);
}

/** What the programme team sees: only questions at or above the minimum, most searched first. */
export function visibleGaps(gaps: GapCounts, min = GAP_MIN_COUNT): ContentGap[] {
  return Object.entries(gaps)
    .filter(([, g]) => g.count >= min)
    .map(([query, g]) => ({ query, count: g.count, lastWeek: g.lastWeek }))
    .sort((a, b) => b.count - a.count || b.lastWeek.localeCompare(a.lastWeek) || a.query.localeCompare(b.query))
    .slice(0, 50);
}
