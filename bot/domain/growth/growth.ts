import type { Level } from '../scan/content';

/**
 * Growth of a group ("nulmeting → eenmeting"): for every person with at least two scans,
 * their first result against their latest. Additive counts only, so a department is the
 * sum of its teams and the release model can treat them like every other figure.
 */
export interface GrowthCounts {
  /** People with at least two measurements. */
  people: number;
  /** Of them, how many are at a higher level in at least one domain measured both times. */
  upAny: number;
  /** Per domain: people measured in it both times, the sums of their first and latest levels, and how many went up. */
  measured: Record<string, number>;
  before: Record<string, number>;
  after: Record<string, number>;
  up: Record<string, number>;
}

/** What a completed retake changes: the person's first levels, and the latest levels it replaces (null on the second scan). */
export interface GrowthChange {
  first: Record<string, Level>;
  replaced: Record<string, Level> | null;
  latest: Record<string, Level>;
}

export function emptyGrowth(): GrowthCounts {
  return { people: 0, upAny: 0, measured: {}, before: {}, after: {}, up: {} };
}

/** Applies a retake: the pair (first, replaced) leaves, the pair (first, latest) arrives. */
export function applyGrowth(counts: GrowthCounts, change: GrowthChange): void {
  if (change.replaced) addPair(counts, change.first, change.replaced, -1);
  else counts.people += 1;
  addPair(counts, change.first, change.latest, +1);
}

function addPair(c: GrowthCounts, first: Record<string, Level>, latest: Record<string, Level>, sign: 1 | -1): void {
  let wentUp = false;
  for (const [domain, before] of Object.entries(first)) {
    const after = latest[domain];
    if (after === undefined) continue; // a domain of another profile: not measured twice
    c.measured[domain] = Math.max(0, (c.measured[domain] ?? 0) + sign);
    c.before[domain] = Math.max(0, (c.before[domain] ?? 0) + sign * before);
    c.after[domain] = Math.max(0, (c.after[domain] ?? 0) + sign * after);
    if (after > before) {
      c.up[domain] = Math.max(0, (c.up[domain] ?? 0) + sign);
      wentUp = true;
    }
  }
  if (wentUp) c.upAny = Math.max(0, c.upAny + sign);
}

export function sumGrowth(list: Array<GrowthCounts | undefined>): GrowthCounts {
  const out = emptyGrowth();
  for (const g of list) {
    if (!g) continue;
    out.people += g.people ?? 0;
    out.upAny += g.upAny ?? 0;
    for (const key of ['measured', 'before', 'after', 'up'] as const)
      for (const [d, v] of Object.entries(g[key] ?? {})) out[key][d] = (out[key][d] ?? 0) + v;
  }
  return out;
}

export interface GrowthDomain {
  domain: string;
  measured: number;
  /** Mean change of level from the first to the latest scan, one decimal (+0.4: up 0.4 of a level). */
  meanChange: number;
  /** Share of the people measured in this domain who are a level higher now. */
  upRate: number;
}

export interface GrowthFigures {
  people: number;
  upAnyRate: number;
  domains: GrowthDomain[];
  releasedAt: string;
}

/**
 * The figures a view shows, from released counts (the release model already held them to 0
 * or at least k people). Growth is shown as a change only, never as the mean level at the
 * first scan: the sum of first levels of the people who retook, taken from an earlier release
 * of the results that still held them with one scan, leaves the first levels of whoever did
 * not retake, possibly one person. A change adds no such sum (see the README's privacy section).
 */
export function growthOf(counts: GrowthCounts, domainOrder: string[], releasedAt: string): GrowthFigures {
  const known = new Set(domainOrder);
  const ids = [
    ...domainOrder.filter((d) => (counts.measured[d] ?? 0) > 0),
    ...Object.keys(counts.measured).filter((d) => !known.has(d) && counts.measured[d] > 0),
  ];
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    people: counts.people,
    upAnyRate: counts.people > 0 ? counts.upAny / counts.people : 0,
    releasedAt,
    domains: ids.map((domain) => {
      const m = counts.measured[domain];
      return {
        domain,
        measured: m,
        meanChange: round(((counts.after[domain] ?? 0) - (counts.before[domain] ?? 0)) / m),
        upRate: (counts.up[domain] ?? 0) / m,
      };
    }),
  };
}
