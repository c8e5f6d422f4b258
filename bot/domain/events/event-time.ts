import { zonedTime, zoneParts } from '../campaigns/schedule';

/** Wall-clock date and times as an organiser types them: 'YYYY-MM-DD', 'HH:MM' (24 h) in the tenant's time zone. */
export interface LocalSlot {
  date: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of a moment, 'YYYY-MM-DD'. */
export function localDate(at: Date, timeZone: string): string {
  const p = zoneParts(at, timeZone);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** The local date and time of a moment, as the tab and the cards show it. */
export function localSlot(startsAt: Date, endsAt: Date, timeZone: string): LocalSlot {
  const s = zoneParts(startsAt, timeZone);
  const e = zoneParts(endsAt, timeZone);
  return { date: localDate(startsAt, timeZone), start: `${pad(s.hh)}:${pad(s.mm)}`, end: `${pad(e.hh)}:${pad(e.mm)}` };
}

/** The moments of a local slot; null when the date does not exist or the end is not after the start. */
export function slotMoments(slot: LocalSlot, timeZone: string): { startsAt: Date; endsAt: Date } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(slot.date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const startsAt = zonedTime(y, mo, d, slot.start, timeZone);
  const endsAt = zonedTime(y, mo, d, slot.end, timeZone);
  return endsAt > startsAt ? { startsAt, endsAt } : null;
}

/** When the reminder goes out: 10:00 local on the calendar day before the event (month and year ends, DST included). */
export const REMINDER_AT = '10:00';
export function reminderMoment(startsAt: Date, timeZone: string): Date {
  const [y, m, d] = localDate(startsAt, timeZone).split('-').map(Number);
  // Date.UTC rolls day 0 back into the previous month (and year): the calendar day before.
  const before = new Date(Date.UTC(y, m - 1, d - 1));
  return zonedTime(before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate(), REMINDER_AT, timeZone);
}

/** A reminder "the day before" still makes sense while the event's own day has not begun locally. */
export function stillDayBefore(now: Date, startsAt: Date, timeZone: string): boolean {
  return localDate(now, timeZone) < localDate(startsAt, timeZone);
}
