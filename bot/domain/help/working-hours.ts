import type { CoachProfile } from '../org';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday (1 = Monday … 7 = Sunday) and minutes since midnight in a time zone. */
function localTime(at: Date, timeZone: string): { day: number; minutes: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + (m || 0);
};

/** Parsed "HH:MM" bounds per working-hours object: ranking reads them for thousands of coaches per call. */
const parsed = new WeakMap<CoachProfile['workingHours'], { start: number; end: number }>();
function bounds(hours: CoachProfile['workingHours']): { start: number; end: number } {
  let b = parsed.get(hours);
  if (!b) parsed.set(hours, (b = { start: toMinutes(hours.start), end: toMinutes(hours.end) }));
  return b;
}

export type LocalClock = (timeZone: string) => { day: number; minutes: number };

/**
 * The local time of one moment in every time zone asked for, each worked out once:
 * ranking thousands of coaches then costs one time-zone conversion per zone, not per coach.
 */
export function localClockAt(at: Date): LocalClock {
  const seen = new Map<string, { day: number; minutes: number }>();
  return (timeZone) => {
    let local = seen.get(timeZone);
    if (!local) seen.set(timeZone, (local = localTime(at, timeZone)));
    return local;
  };
}

/** Whether a moment (`at`, or a LocalClock for it) falls within the coach's working days and hours, in their own time zone. */
export function withinWorkingHours(hours: CoachProfile['workingHours'], at: Date | LocalClock): boolean {
  const zone = hours.timeZone || 'Europe/Amsterdam';
  const { day, minutes } = typeof at === 'function' ? at(zone) : localTime(at, zone);
  const { start, end } = bounds(hours);
  return minutes >= start && minutes < end && hours.days.includes(day);
}

/** ISO week key ("2026-W48") of a date, for the coach's weekly count. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
