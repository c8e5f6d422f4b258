import type { Locale } from '../org';
import type { ContentIndex, LearningModule, Level } from './content';

export interface Advice {
  /** The 2–3 domains to work on first. */
  focusDomains: string[];
  /** The top modules for them, best first. */
  modules: LearningModule[];
  /** The lowest results get an intake with a digicoach before training (the Ghent triage). */
  intakeOffered: boolean;
}

const MAX_FOCUS = 3;
const MODULES_PER_DOMAIN = 2;
const MAX_MODULES = 5;

/**
 * Training advice from the levels: the domains furthest below the profile's target
 * come first (then the lowest levels), and for each the modules that take the person
 * one step up, in their language where possible.
 */
export function adviseTraining(
  index: ContentIndex,
  levels: Record<string, Level>,
  targets: Record<string, Level>,
  locale: Locale,
): Advice {
  const domains = Object.keys(levels);
  const gap = (d: string) => (targets[d] ?? 0) - levels[d];
  const below = domains
    .filter((d) => gap(d) > 0)
    .sort((a, b) => gap(b) - gap(a) || levels[a] - levels[b] || domains.indexOf(a) - domains.indexOf(b));
  // Everyone gets something to grow in: without gaps, the lowest levels below expert.
  const growing = domains
    .filter((d) => gap(d) <= 0 && levels[d] < 4)
    .sort((a, b) => levels[a] - levels[b] || domains.indexOf(a) - domains.indexOf(b));
  const focusDomains = [...below, ...growing].slice(0, below.length >= 2 ? Math.min(MAX_FOCUS, below.length) : 2);

  const modules: LearningModule[] = [];
  for (const domain of focusDomains) {
    const next = (levels[domain] + 1) as Level;
    const candidates = index.content.modules
      .filter((m) => m.domain === domain && m.level >= next && m.level <= Math.max(next, targets[domain] ?? next))
      .sort(
        (a, b) =>
          a.level - b.level ||
          Number(b.languages.includes(locale)) - Number(a.languages.includes(locale)) ||
          a.durationMinutes - b.durationMinutes ||
          a.id.localeCompare(b.id),
      );
    modules.push(...candidates.slice(0, MODULES_PER_DOMAIN));
  }

  const starters = domains.filter((d) => levels[d] === 1 && gap(d) > 0).length;
  const average = domains.reduce((s, d) => s + levels[d], 0) / Math.max(1, domains.length);
  return { focusDomains, modules: modules.slice(0, MAX_MODULES), intakeOffered: starters >= 2 || average < 1.75 };
}
