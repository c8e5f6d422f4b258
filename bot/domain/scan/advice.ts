import type { Locale } from '../org';
import type { LearningModule, Level } from './content';

export interface Advice {
  /** The 2–3 domains to work on first. */
  focusDomains: string[];
  /** The top modules for them, best first. */
  modules: LearningModule[];
  /** The lowest results get an intake with a digicoach before training (the Ghent triage). */
  intakeOffered: boolean;
}

const MAX_FOCUS = 3;
const MAX_MODULES = 5;

/**
 * Training advice from the levels. The focus is only what is below the profile's target:
 * the domains furthest below first (then the lowest levels), at most three. Modules come
 * from those domains; someone with fewer than two gaps also gets modules to grow in the
 * lowest other domains, without calling those a focus. Per domain the modules fit the
 * person's level: Starters begin with the level-1 basics, everyone else with the level
 * above their own, up to the target. Among equals, a mix of formats and the reader's
 * language come first.
 */
export function adviseTraining(
  catalogue: readonly LearningModule[],
  levels: Record<string, Level>,
  targets: Record<string, Level>,
  locale: Locale,
  profileId?: string,
): Advice {
  const domains = Object.keys(levels);
  const gap = (d: string) => (targets[d] ?? 0) - levels[d];
  const below = domains
    .filter((d) => gap(d) > 0)
    .sort((a, b) => gap(b) - gap(a) || levels[a] - levels[b] || domains.indexOf(a) - domains.indexOf(b));
  const growing = domains
    .filter((d) => gap(d) <= 0 && levels[d] < 4)
    .sort((a, b) => levels[a] - levels[b] || domains.indexOf(a) - domains.indexOf(b));
  const focusDomains = below.slice(0, MAX_FOCUS);
  const planned = focusDomains.length >= 2 ? focusDomains : [...focusDomains, ...growing].slice(0, 2);
  // One domain alone gets most of the advice's room, so no module of its levels is left out for good.
  const perDomain = planned.length === 1 ? MAX_MODULES - 1 : 2;

  const modules: LearningModule[] = [];
  const formats = new Set<LearningModule['format']>();
  for (const domain of planned) {
    const [low, high] = levelRange(levels[domain], targets[domain]);
    // Pre-sorted per domain and language: a stable pass by fitting level keeps that order within a level.
    const buckets: Array<Array<{ m: LearningModule; level: Level }>> = [[], [], [], [], []];
    for (const m of sortedFor(catalogue, domain, locale)) {
      if (!forProfile(m, profileId)) continue;
      const level = fittingLevel(m, low, high);
      if (level !== null) buckets[level].push({ m, level });
    }
    const candidates = buckets.flat();
    for (const m of pickMixed(candidates, perDomain, formats)) {
      modules.push(m);
      formats.add(m.format);
    }
  }

  const starters = domains.filter((d) => levels[d] === 1 && gap(d) > 0).length;
  const average = domains.reduce((s, d) => s + levels[d], 0) / Math.max(1, domains.length);
  return { focusDomains, modules: modules.slice(0, MAX_MODULES), intakeOffered: starters >= 2 || average < 1.75 };
}

/** The module levels that fit someone at `level` aiming for `target`: the basics for a Starter, else the next level, up to the target. */
export function levelRange(level: Level, target: Level | undefined): [Level, Level] {
  const low = (level === 1 ? 1 : Math.min(4, level + 1)) as Level;
  const high = Math.max(low, Math.min(4, level + 1), target ?? low) as Level;
  return [low, high];
}

/**
 * A catalogue's modules of one domain in the order advice prefers among equals (the reader's
 * language, shortest, id), built once per catalogue and language: a tenant's catalogue is one
 * array until it changes, so the sorting is not repeated for every result.
 */
const sortedIndex = new WeakMap<readonly LearningModule[], Map<string, LearningModule[]>>();
function sortedFor(catalogue: readonly LearningModule[], domain: string, locale: Locale): LearningModule[] {
  let index = sortedIndex.get(catalogue);
  if (!index) sortedIndex.set(catalogue, (index = new Map<string, LearningModule[]>()));
  const key = `${domain}\u0000${locale}`;
  let list = index.get(key);
  if (!list) {
    list = catalogue.filter((m) => m.domain === domain).sort((a, b) => compareModules(a, b, locale));
    index.set(key, list);
  }
  return list;
}

/** The lowest of a module's levels within [low, high], or null when it serves none of them. */
export function fittingLevel(m: LearningModule, low: Level, high: Level): Level | null {
  for (const l of m.levels) if (l >= low && l <= high) return l;
  return null;
}

const forProfile = (m: LearningModule, profileId: string | undefined) =>
  !profileId || !m.profiles?.length || m.profiles.includes(profileId);

/** Among modules of one level: the reader's language first, then the shortest, then by id (stable advice). */
function compareModules(a: LearningModule, b: LearningModule, locale: Locale): number {
  return (
    Number(b.languages.includes(locale)) - Number(a.languages.includes(locale)) ||
    a.durationMinutes - b.durationMinutes ||
    a.id.localeCompare(b.id)
  );
}

/**
 * `count` candidates climbing the levels: the best of each level in turn (lowest first), then
 * the next of each, so a catalogue rich in basics still leads on to the next level. Within a
 * level, a module of a format not yet advised goes before one whose format is.
 */
function pickMixed(
  candidates: Array<{ m: LearningModule; level: Level }>,
  count: number,
  advised: Set<LearningModule['format']>,
): LearningModule[] {
  const queues: LearningModule[][] = [];
  for (const c of candidates) (queues[c.level] ??= []).push(c.m);
  const levels = queues.filter(Boolean);
  const chosen: LearningModule[] = [];
  const seen = new Set(advised);
  while (chosen.length < count && levels.some((q) => q.length)) {
    for (const queue of levels) {
      if (chosen.length >= count || !queue.length) continue;
      const fresh = queue.findIndex((m) => !seen.has(m.format));
      const [next] = queue.splice(fresh >= 0 ? fresh : 0, 1);
      chosen.push(next);
      seen.add(next.format);
    }
  }
  return chosen;
}
