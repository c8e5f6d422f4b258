import type { ContentIndex, Item, Level } from './content';
import { type AnswerValue, type LevelPosterior, classify, information, posterior, restAgreesAtLeast } from './model';

export type ScanMode = 'adaptive' | 'full';

export interface GivenAnswer {
  itemId: string;
  value: AnswerValue;
}

/**
 * When a domain's level is clear enough. Tuned with the simulation in
 * test/bench/scan-adaptivity.ts: the adaptive scan must agree with the full scan on
 * ≥ 95 % of domain levels while asking ≤ 30 % of its items. The cap is high on
 * purpose: the few people whose answers keep pointing two ways get more questions,
 * the many clear cases stop early.
 */
export const STOP_RULE = {
  minItems: 3,
  minChecks: 1,
  maxItems: 24,
  /** Stop when one level is at least this probable… */
  certainty: 0.975,
  /** …or, after this many items, when the full scan would very probably (see fullScanWouldAgree) give the same level. */
  minForPrediction: 4,
  agreement: 0.965,
} as const;

/**
 * Exposure control, so the checks (whose right answers could be passed on) don't leak
 * through the office: when a knowledge or scenario item is the most informative next
 * question, the one asked is drawn from the few checks that are nearly as informative
 * (a "randomesque" choice). The draw is a hash of the seed (the scan session) and the
 * answers so far, so a resumed scan or "Vorige" gives the same question again.
 * Without a seed the engine takes the most informative item.
 */
export const EXPOSURE = {
  /** Draw among at most this many checks… */
  candidates: 5,
  /** …that carry at least this share of the best item's information. */
  minShare: 0.5,
} as const;

/** Rough items per domain used for the "question 7 of about 25" estimate. */
const EXPECTED_PER_DOMAIN = 7;

interface DomainState {
  domain: string;
  asked: Array<{ item: Item; value: AnswerValue }>;
  post: LevelPosterior;
  done: boolean;
}

/** The scan as a pure function of the answers so far: the next question, or the result. */
export class ScanEngine {
  /** `seed` varies the choice among equally good items per scan (see EXPOSURE); the same seed, the same scan. */
  constructor(
    private readonly index: ContentIndex,
    private readonly mode: ScanMode,
    private readonly seed = '',
  ) {}

  /** Items of a full scan for the profile, in the order they are asked. */
  fullItems(profileId: string): Item[] {
    return this.index
      .profileDomains(profileId)
      .flatMap((d) => [...this.index.itemsFor(profileId, d)].sort(byDifficultyThenId));
  }

  next(profileId: string, answers: GivenAnswer[]): Item | null {
    return this.step(profileId, answers).next;
  }

  /** The next question (null: the scan is complete) and its "question n of ~total", from one pass over the answers. */
  step(profileId: string, answers: GivenAnswer[]): { next: Item | null; position: number; estimatedTotal: number } {
    const { open, position, estimatedTotal } = this.walk(profileId, answers);
    const next = open && 'asked' in open ? this.pickItem(profileId, open) : open;
    return { next, position, estimatedTotal };
  }

  /** Level per domain from the answers given (used for the result and the simulation). */
  levels(profileId: string, answers: GivenAnswer[]): Record<string, Level> {
    return Object.fromEntries(
      [...this.domainStates(profileId, answers, 'none')].map((s) => [s.domain, classify(s.post)]),
    );
  }

  /** "Question n of ~total": a stable, honest estimate. */
  progress(profileId: string, answers: GivenAnswer[]): { position: number; estimatedTotal: number } {
    const { position, estimatedTotal } = this.walk(profileId, answers);
    return { position, estimatedTotal };
  }

  /** Where the scan stands: the first unfinished domain (full mode: the next item) and the estimate. */
  private walk(
    profileId: string,
    answers: GivenAnswer[],
  ): { open: DomainState | Item | null; position: number; estimatedTotal: number } {
    const position = answers.length + 1;
    if (this.mode === 'full') {
      const answered = new Set(answers.map((a) => a.itemId));
      const items = this.fullItems(profileId);
      return { open: items.find((i) => !answered.has(i.id)) ?? null, position, estimatedTotal: items.length };
    }
    let open: DomainState | null = null;
    let remaining = 0;
    for (const state of this.domainStates(profileId, answers, 'lazy')) {
      if (state.done) continue;
      open ??= state;
      remaining += Math.max(1, EXPECTED_PER_DOMAIN - state.asked.length);
    }
    return { open, position, estimatedTotal: Math.max(position, answers.length + remaining) };
  }

  /**
   * Domains are asked one after another, so a domain is only evaluated for stopping
   * while it is the current one ('lazy'): domains after the first unfinished one are
   * reported unfinished without the cost of deciding.
   */
  private *domainStates(profileId: string, answers: GivenAnswer[], stop: 'lazy' | 'none'): Generator<DomainState> {
    let open = false;
    // The answers grouped by their item's domain, in the order given.
    const byDomain = new Map<string, DomainState['asked']>();
    for (const a of answers) {
      const item = this.index.itemsById.get(a.itemId);
      if (!item) continue;
      const asked = byDomain.get(item.domain);
      if (asked) asked.push({ item, value: a.value });
      else byDomain.set(item.domain, [{ item, value: a.value }]);
    }
    for (const domain of this.index.profileDomains(profileId)) {
      const asked = byDomain.get(domain) ?? [];
      const post = posterior(asked);
      const done = stop === 'none' ? true : !open && this.isDone(profileId, domain, asked, post);
      if (!done) open = true;
      yield { domain, asked, post, done };
    }
  }

  private isDone(profileId: string, domain: string, asked: DomainState['asked'], post: LevelPosterior): boolean {
    const available = this.index.itemsFor(profileId, domain).length;
    if (asked.length >= Math.min(STOP_RULE.maxItems, available)) return true;
    const checks = asked.filter((a) => a.item.type !== 'self').length;
    if (asked.length < STOP_RULE.minItems || checks < STOP_RULE.minChecks) return false;
    if (Math.max(...post) >= STOP_RULE.certainty) return true;
    // The full scan rarely ends at a level that is not already the clear favourite: don't play it out.
    if (asked.length < STOP_RULE.minForPrediction || Math.max(...post) < PREDICTION_FROM) return false;
    const remaining = this.index.itemsFor(profileId, domain).filter((i) => !asked.some((a) => a.item === i));
    return fullScanWouldAgree(remaining, post, asked);
  }

  /** One of the most informative unasked items (see EXPOSURE); checks first until enough of them were asked. */
  private pickItem(profileId: string, state: DomainState): Item | null {
    const askedIds = new Set(state.asked.map((a) => a.item.id));
    const unasked = this.index.itemsFor(profileId, state.domain).filter((i) => !askedIds.has(i.id));
    const checks = state.asked.filter((a) => a.item.type !== 'self').length;
    const needCheck = checks < STOP_RULE.minChecks && state.asked.length >= STOP_RULE.minItems - STOP_RULE.minChecks;
    const pool = needCheck ? unasked.filter((i) => i.type !== 'self') : unasked;
    const ranked = (pool.length ? pool : unasked)
      .map((item) => ({ item, info: information(item, state.post) }))
      .sort((a, b) => b.info - a.info || a.item.id.localeCompare(b.item.id));
    if (ranked.length === 0) return null;
    // A self-rating has no right answer to pass on: the best one is asked.
    if (!this.seed || ranked[0].item.type === 'self') return ranked[0].item;
    const floor = ranked[0].info * EXPOSURE.minShare;
    const candidates = ranked.filter((c) => c.item.type !== 'self' && c.info >= floor).slice(0, EXPOSURE.candidates);
    const draw = hash(`${this.seed}|${state.domain}|${state.asked.map((a) => a.item.id).join(',')}`);
    return candidates[draw % candidates.length].item;
  }
}

/** Predictions of the rest of the scan drawn per decision (more: steadier, slower). */
const PREDICTION_SAMPLES = 60;
/** Below this probability of the favourite level the rest of the scan is not played out. */
const PREDICTION_FROM = 0.6;
/** The turn's next question and its progress estimate ask the same: remember the last few answers. */
const predictions = new Map<string, boolean>();

/**
 * Whether asking every remaining item of the domain (as the full scan does) would very
 * probably (STOP_RULE.agreement) end at the level the answers point to now: the rest of
 * the scan is played out up to PREDICTION_SAMPLES times, each time for a level drawn from
 * the current posterior, with answers drawn from the model. The draws are seeded by the
 * answers so far, so the decision is a pure function of them.
 */
function fullScanWouldAgree(remaining: Item[], post: LevelPosterior, asked: DomainState['asked']): boolean {
  const key = `${asked.map((a) => `${a.item.id}=${String(a.value)}`).join('|')}#${remaining.map((i) => i.id).join(',')}`;
  const known = predictions.get(key);
  if (known !== undefined) return known;
  let state = hash(key);
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const agrees = restAgreesAtLeast(remaining, post, random, PREDICTION_SAMPLES, STOP_RULE.agreement);
  if (predictions.size >= 1000) predictions.clear();
  predictions.set(key, agrees);
  return agrees;
}

/** FNV-1a: a small, stable string hash (the same on every server and after a restart). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function byDifficultyThenId(a: Item, b: Item): number {
  return a.difficulty - b.difficulty || a.id.localeCompare(b.id);
}
