import { emptyGrowth, sumGrowth } from '../growth/growth';
import type { HelpGroupAggregate, ScanGroupAggregate } from './dashboard-ports';

/**
 * Departments and locations as sums of their teams' aggregates: every count in the
 * aggregates is additive (per-level counts, per-month counts, time buckets), so the sum
 * is exactly what a department-wide aggregate of the same people would hold.
 */
/** The split of the module finishers (confirmed, and per source); older aggregates lack them and count zero. */
export const FINISHER_KEYS = [
  'finishersConfirmed',
  'finishersSelf',
  'finishersEvent',
  'finishersImport',
  'finishersXapi',
] as const;
const FINISHER_ZEROS = Object.fromEntries(FINISHER_KEYS.map((k) => [k, 0])) as Record<
  (typeof FINISHER_KEYS)[number],
  number
>;

export function emptyScan(): ScanGroupAggregate {
  return {
    respondents: 0,
    inProgress: 0,
    completions: 0,
    completionsByMonth: {},
    levels: {},
    belowTarget: {},
    measured: {},
    intakeRequests: 0,
    moduleStarters: 0,
    moduleFinishers: 0,
    growth: emptyGrowth(),
    ...FINISHER_ZEROS,
  };
}

export function sumScan(list: ScanGroupAggregate[]): ScanGroupAggregate {
  const out = emptyScan();
  out.growth = sumGrowth(list.map((a) => a.growth));
  for (const a of list) {
    out.respondents += a.respondents ?? 0;
    out.inProgress += a.inProgress ?? 0;
    out.completions += a.completions ?? 0;
    out.intakeRequests += a.intakeRequests ?? 0;
    out.moduleStarters += a.moduleStarters ?? 0;
    out.moduleFinishers += a.moduleFinishers ?? 0;
    for (const key of FINISHER_KEYS) out[key] = (out[key] ?? 0) + (a[key] ?? 0);
    addRecord(out.completionsByMonth, a.completionsByMonth);
    addRecord(out.belowTarget, a.belowTarget);
    addRecord(out.measured, a.measured);
    for (const [domain, counts] of Object.entries(a.levels ?? {})) {
      const row = (out.levels[domain] ??= [0, 0, 0, 0]);
      counts.forEach((n, i) => (row[i] = (row[i] ?? 0) + n));
    }
  }
  return out;
}

export function emptyHelp(): HelpGroupAggregate {
  return {
    requests: 0,
    intakes: 0,
    offers: 0,
    declines: 0,
    timeouts: 0,
    escalations: 0,
    accepted: 0,
    resolved: 0,
    ratingCount: 0,
    ratingSum: 0,
    articleSolved: 0,
    acceptMinutes: [],
    resolveMinutes: [],
    byMonth: {},
  };
}

export function sumHelp(list: HelpGroupAggregate[]): HelpGroupAggregate {
  const out = emptyHelp();
  for (const h of list) {
    for (const key of [
      'requests',
      'intakes',
      'offers',
      'declines',
      'timeouts',
      'escalations',
      'accepted',
      'resolved',
      'ratingCount',
      'ratingSum',
    ] as const)
      out[key] += h[key] ?? 0;
    out.articleSolved = (out.articleSolved ?? 0) + (h.articleSolved ?? 0);
    out.acceptMinutes = addArrays(out.acceptMinutes, h.acceptMinutes ?? []);
    out.resolveMinutes = addArrays(out.resolveMinutes, h.resolveMinutes ?? []);
    for (const [month, m] of Object.entries(h.byMonth ?? {})) {
      const row = (out.byMonth[month] ??= { requests: 0, resolved: 0 });
      row.requests += m.requests;
      row.resolved += m.resolved;
    }
  }
  return out;
}

/** What `whole` holds beyond `part` (the tenant's people in no team), never below zero. */
export function subtractScan(whole: ScanGroupAggregate, part: ScanGroupAggregate): ScanGroupAggregate {
  return clamp(sumScan([whole, negateScan(part)]));
}

export function subtractHelp(whole: HelpGroupAggregate, part: HelpGroupAggregate): HelpGroupAggregate {
  return clamp(sumHelp([whole, negateHelp(part)]));
}

function negateScan(a: ScanGroupAggregate): ScanGroupAggregate {
  return negate(sumScan([a]));
}

function negateHelp(a: HelpGroupAggregate): HelpGroupAggregate {
  return negate(sumHelp([a]));
}

/** Every number in a (summed, so fully populated) aggregate, mapped. */
function mapNumbers<T>(value: T, f: (n: number) => number): T {
  if (typeof value === 'number') return f(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapNumbers(v, f)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapNumbers(v, f)])) as T;
  return value;
}

const negate = <T>(a: T): T => mapNumbers(a, (n) => -n);
const clamp = <T>(a: T): T => mapNumbers(a, (n) => Math.max(0, n));

function addRecord(target: Record<string, number>, source: Record<string, number> | undefined): void {
  for (const [k, v] of Object.entries(source ?? {})) target[k] = (target[k] ?? 0) + v;
}

function addArrays(a: number[], b: number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}
