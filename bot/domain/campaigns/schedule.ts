/**
 * When the monthly participation message goes out: the first working day of the month
 * (Monday to Friday, not a public holiday) at 10:00 in the tenant's time zone. Pure
 * functions of a date, so the calendar is tested without a clock.
 */

export interface CampaignCalendar {
  timeZone: string;
  /** Local send time, "HH:MM". */
  at: string;
  /** Public holidays of a year as "YYYY-MM-DD" (local dates). */
  holidays: (year: number) => Set<string>;
}

const DAY_MS = 24 * 3600 * 1000;

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday (Gregorian; the anonymous algorithm) as [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** A date `days` after Easter Sunday, as "YYYY-MM-DD". */
function afterEaster(year: number, days: number): string {
  const [m, d] = easterSunday(year);
  const at = new Date(Date.UTC(year, m - 1, d) + days * DAY_MS);
  return iso(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

/** Dutch public holidays on which municipalities are closed (Liberation Day only in lustrum years, so not listed). */
export function dutchHolidays(year: number): Set<string> {
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
  return new Set([
    iso(year, 1, 1),
    afterEaster(year, 1), // Easter Monday
    iso(year, 4, kingsDay),
    afterEaster(year, 39), // Ascension Day
    afterEaster(year, 50), // Whit Monday
    iso(year, 12, 25),
    iso(year, 12, 26),
  ]);
}

/** Belgian public holidays. */
export function belgianHolidays(year: number): Set<string> {
  return new Set([
    iso(year, 1, 1),
    afterEaster(year, 1),
    iso(year, 5, 1),
    afterEaster(year, 39),
    afterEaster(year, 50),
    iso(year, 7, 21),
    iso(year, 8, 15),
    iso(year, 11, 1),
    iso(year, 11, 11),
    iso(year, 12, 25),
  ]);
}

/** The calendar of a tenant's country: the Netherlands unless it is Belgium. */
export function calendarFor(country: string | undefined): CampaignCalendar {
  return country === 'BE'
    ? { timeZone: 'Europe/Brussels', at: '10:00', holidays: belgianHolidays }
    : { timeZone: 'Europe/Amsterdam', at: '10:00', holidays: dutchHolidays };
}

/** The first Monday-to-Friday of the month that is not a holiday (month 1–12). */
export function firstWorkingDay(year: number, month: number, holidays: (year: number) => Set<string>): number {
  const closed = holidays(year);
  for (let day = 1; day <= 31; day++) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(iso(year, month, day))) return day;
  }
  throw new Error(`no working day in ${year}-${month}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
export function zoneParts(at: Date, timeZone: string): { y: number; m: number; d: number; hh: number; mm: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    hh: Number(parts.hour),
    mm: Number(parts.minute),
  };
}

/** The offset of a time zone from UTC at a moment, in ms (Amsterdam: +1 h in winter, +2 h in summer). */
function offsetMs(at: Date, timeZone: string): number {
  const p = zoneParts(at, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm) - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** The moment a local wall-clock time happens in a time zone (a day's 10:00 is never in a DST gap). */
export function zonedTime(year: number, month: number, day: number, hhmm: string, timeZone: string): Date {
  const [hh, mm] = hhmm.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hh, mm);
  let at = wall - offsetMs(new Date(wall), timeZone);
  // The offset at the guess may differ from the offset at the answer around a DST change.
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** "YYYY-MM" of a moment in the calendar's time zone: the campaign's id. */
export function monthOf(at: Date, calendar: Pick<CampaignCalendar, 'timeZone'>): string {
  const p = zoneParts(at, calendar.timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}`;
}

/** When a month's campaign is due (month 1–12). */
export function campaignMoment(year: number, month: number, calendar: CampaignCalendar): Date {
  return zonedTime(year, month, firstWorkingDay(year, month, calendar.holidays), calendar.at, calendar.timeZone);
}

/**
 * The campaign due at `now`, if any: this month's, from its moment until `catchUpDays`
 * later (a server that was down on the day catches up; one deployed late in the month
 * waits for the next month instead of messaging everyone at once).
 */
export function dueCampaign(
  now: Date,
  calendar: CampaignCalendar,
  catchUpDays = 7,
): { month: string; at: Date } | null {
  const month = monthOf(now, calendar);
  const [y, m] = month.split('-').map(Number);
  const at = campaignMoment(y, m, calendar);
  const t = now.getTime();
  return t >= at.getTime() && t < at.getTime() + catchUpDays * DAY_MS ? { month, at } : null;
}

/** The next campaign's moment after `now` (this month's if it is still ahead, else next month's). */
export function nextCampaign(now: Date, calendar: CampaignCalendar): { month: string; at: Date } {
  const [y, m] = monthOf(now, calendar).split('-').map(Number);
  const here = campaignMoment(y, m, calendar);
  if (here.getTime() > now.getTime()) return { month: `${y}-${String(m).padStart(2, '0')}`, at: here };
  const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return { month: `${ny}-${String(nm).padStart(2, '0')}`, at: campaignMoment(ny, nm, calendar) };
}
