/**
 * A slow, independent reference for the nearest-coach ranking, written from the
 * documented criteria (issue "Help from the nearest digicoach", "The nearest coach"),
 * not from routing.ts: filter the coaches who can take the ticket now, then sort all
 * of them with a comparator and take the first.
 *
 * Can take it: not the requester; not anyone who declined, timed out or gave this
 * ticket back (passedBy); the coach's own switch is on; takes intakes if it is an
 * intake; open tickets plus pending offers below the maximum; within their working
 * days and hours in their own time zone; not shown busy/away/offline in Teams
 * (unknown or missing presence does not exclude).
 *
 * Order: the preferred coach (reopening) first; nearest (same team, department,
 * location, organisation); skilled in the topic; under the weekly capacity; lowest
 * load — open tickets plus pending offers against the maximum, then this week's count
 * against the capacity; least recently offered (never offered first); then the lowest
 * user id, so the answer is deterministic.
 */
import type { Coach } from '../../../bot/domain/help/help-types';
import type { RoutingInput } from '../../../bot/domain/help/routing';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** ISO weekday (1–7) and minutes after midnight in a time zone, via the calendar date (not the weekday name). */
function wallClock(at: Date, timeZone: string): { weekday: number; minutes: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const jsDay = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return { weekday: jsDay === 0 ? 7 : jsDay, minutes: parts.hour * 60 + parts.minute };
}

function atWork(hours: Coach['workingHours'], at: Date): boolean {
  const { weekday, minutes } = wallClock(at, hours.timeZone || 'Europe/Amsterdam');
  const [sh, sm] = hours.start.split(':').map(Number);
  const [eh, em] = hours.end.split(':').map(Number);
  return hours.days.includes(weekday) && minutes >= sh * 60 + sm && minutes < eh * 60 + em;
}

/** ISO 8601 week of the UTC date: the week belongs to the year of its Thursday. */
export function referenceIsoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  const thursday = new Date(day.getTime() + (4 - weekday) * 86400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * 86400_000)) + 1;
  return `${thursday.getUTCFullYear()}-W${week < 10 ? '0' : ''}${week}`;
}

export function referenceCanTake(c: Coach, input: RoutingInput): boolean {
  const t = input.ticket;
  if (c.userId === t.requester.userId) return false;
  if (t.passedBy.indexOf(c.userId) >= 0) return false;
  if (c.available !== true) return false;
  if (t.kind === 'intake' && c.takesIntakes !== true) return false;
  if (!(c.openTickets + (c.pendingOffers || 0) < c.maxOpenTickets)) return false;
  if (!atWork(c.workingHours, input.now)) return false;
  const p = input.presence ? input.presence.get(c.userId) : undefined;
  if (p === 'busy' || p === 'away' || p === 'offline') return false;
  return true;
}

export interface ReferenceChoice {
  userId: string | null;
  candidates: number;
  /** The sort keys of the winner and the runner-up, to explain a mismatch. */
  explain: (userId: string) => Record<string, unknown> | null;
}

export function referenceChoose(input: RoutingInput): ReferenceChoice {
  const t = input.ticket;
  const week = referenceIsoWeek(input.now);
  const keys = new Map<string, Record<string, number | string>>();
  const keyOf = (c: Coach) => {
    const weekCount = c.weekKey === week ? c.weekCount : 0;
    const proximity =
      t.requester.teamId !== undefined && t.requester.teamId === c.teamId
        ? 0
        : t.requester.departmentId !== undefined && t.requester.departmentId === c.departmentId
          ? 1
          : t.requester.locationId !== undefined && t.requester.locationId === c.locationId
            ? 2
            : 3;
    return {
      preferred: input.preferCoachId && input.preferCoachId === c.userId ? 0 : 1,
      proximity,
      skill: c.domains.indexOf(t.topic) >= 0 ? 0 : 1,
      overWeek: weekCount >= c.weeklyCapacity ? 1 : 0,
      openLoad: (c.openTickets + (c.pendingOffers || 0)) / Math.max(1, c.maxOpenTickets),
      weekLoad: weekCount / Math.max(1, c.weeklyCapacity),
      lastOffered: c.lastOfferedAt ? new Date(c.lastOfferedAt).getTime() : 0,
      userId: c.userId,
    };
  };
  const order = ['preferred', 'proximity', 'skill', 'overWeek', 'openLoad', 'weekLoad', 'lastOffered', 'userId'];
  const eligible = input.coaches.filter((c) => referenceCanTake(c, input));
  for (const c of eligible) keys.set(c.userId, keyOf(c));
  const sorted = [...eligible].sort((a, b) => {
    const ka = keys.get(a.userId)!;
    const kb = keys.get(b.userId)!;
    for (const k of order) {
      if (ka[k] < kb[k]) return -1;
      if (ka[k] > kb[k]) return 1;
    }
    return 0;
  });
  return {
    userId: sorted[0]?.userId ?? null,
    candidates: eligible.length,
    explain: (userId) => {
      const c = input.coaches.find((x) => x.userId === userId);
      return c ? { eligible: referenceCanTake(c, input), ...keyOf(c) } : null;
    },
  };
}
