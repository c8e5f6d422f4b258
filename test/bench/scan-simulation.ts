import { type ContentIndex, type Item } from '../../bot/domain/scan/content';
import { ScanEngine, type GivenAnswer } from '../../bot/domain/scan/engine';
import { type AnswerValue, itemLocation, logistic, guessRate } from '../../bot/domain/scan/model';

/** A deterministic pseudo-random generator so every run of the simulation is comparable. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * A synthetic respondent: a true skill per domain, answer noise, and sometimes
 * over-confidence in self-ratings. It answers from a model that deliberately differs
 * from the scoring model (other slopes, jittered difficulties), so the simulation does
 * not flatter the engine.
 */
export class Respondent {
  readonly theta: Record<string, number> = {};
  readonly overconfidence: number;
  private readonly jitter = new Map<string, number>();

  readonly level: Record<string, number> = {};

  /**
   * `spread` is how far a person may sit from the middle of their level band:
   * 0.25 = "a true level per domain"; 'population' = skills spread continuously
   * (many people near a level boundary: the harder case).
   */
  constructor(
    domains: string[],
    private readonly random: () => number,
    spread: number | 'population' = 0.25,
  ) {
    for (const d of domains) {
      if (spread === 'population') this.theta[d] = normal(random) * 1.1;
      else this.theta[d] = Math.floor(random() * 4) - 1.5 + normal(random) * spread;
    }
    this.overconfidence = random() < 0.3 ? 0.5 + random() * 0.7 : 0;
  }

  private readonly given = new Map<string, AnswerValue>();

  /** A person gives the same answer to the same question in both scans; the noise is between questions. */
  answer(item: Item): AnswerValue {
    if (!this.given.has(item.id)) this.given.set(item.id, this.respond(item));
    return this.given.get(item.id)!;
  }

  private respond(item: Item): AnswerValue {
    const theta = this.theta[item.domain];
    if (!this.jitter.has(item.id)) this.jitter.set(item.id, normal(this.random) * 0.25);
    const b = itemLocation(item) + this.jitter.get(item.id)!;
    if (item.type === 'self') {
      if (this.random() < 0.03) return 'unknown';
      const latent = 1.4 * (theta + this.overconfidence - b) + normal(this.random) * 0.8;
      return latent < -1.4 ? 1 : latent < 0 ? 2 : latent < 1.6 ? 3 : 4;
    }
    const p = guessRate(item) + (1 - guessRate(item)) * logistic(1.8 * (theta - b));
    if (this.random() < p) return item.answer as AnswerValue;
    if (item.type === 'knowledge') return this.random() < 0.4 ? 'unknown' : !item.answer;
    const wrong = (item.options ?? []).filter((o) => o.id !== item.answer);
    return this.random() < 0.2 ? 'unknown' : (wrong[Math.floor(this.random() * wrong.length)]?.id ?? 'unknown');
  }
}

/** Runs one respondent through a scan and returns the answers. */
export function takeScan(engine: ScanEngine, profileId: string, person: Respondent): GivenAnswer[] {
  const answers: GivenAnswer[] = [];
  for (let item = engine.next(profileId, answers); item; item = engine.next(profileId, answers)) {
    answers.push({ itemId: item.id, value: person.answer(item) });
  }
  return answers;
}

export interface Exposure {
  share: number;
  itemId: string;
  profileId: string;
}

export interface SimulationReport {
  respondents: number;
  fullItems: number;
  adaptiveItemsMean: number;
  adaptiveItemsP95: number;
  itemRatio: number;
  agreement: number;
  /**
   * The largest share of a profile's respondents that saw one item in the adaptive scan:
   * for checks (knowledge and scenario items, whose right answers could be passed on)
   * and for self-ratings (which have no right answer to leak).
   */
  maxExposure: Record<'checks' | 'self', Exposure>;
  agreementWithTruth: { adaptive: number; full: number };
  minutesAt20s: number;
}

/** Every respondent takes the full scan and, with the same answering behaviour, the adaptive scan. */
export function simulate(
  index: ContentIndex,
  respondents: number,
  seed = 42,
  spread: number | 'population' = 0.25,
): SimulationReport {
  const random = rng(seed);
  const full = new ScanEngine(index, 'full');
  let agree = 0;
  let domainsTotal = 0;
  let truthAdaptive = 0;
  let truthFull = 0;
  const counts: number[] = [];
  let fullCount = 0;
  const seen = new Map<string, Map<string, number>>();
  const perProfile = new Map<string, number>();
  for (let r = 0; r < respondents; r++) {
    const profile = index.content.profiles[r % index.content.profiles.length];
    const person = new Respondent(index.profileDomains(profile.id), random, spread);
    // Each respondent's scan has its own seed, as each real scan session has.
    const adaptive = new ScanEngine(index, 'adaptive', `respondent-${seed}-${r}`);
    const fullAnswers = takeScan(full, profile.id, person);
    const adaptiveAnswers = takeScan(adaptive, profile.id, person);
    perProfile.set(profile.id, (perProfile.get(profile.id) ?? 0) + 1);
    const exposure = seen.get(profile.id) ?? new Map<string, number>();
    for (const a of adaptiveAnswers) exposure.set(a.itemId, (exposure.get(a.itemId) ?? 0) + 1);
    seen.set(profile.id, exposure);
    fullCount += fullAnswers.length;
    counts.push(adaptiveAnswers.length);
    const fullLevels = full.levels(profile.id, fullAnswers);
    const adaptiveLevels = adaptive.levels(profile.id, adaptiveAnswers);
    for (const d of Object.keys(fullLevels)) {
      domainsTotal++;
      if (fullLevels[d] === adaptiveLevels[d]) agree++;
      const truth = 1 + [-1, 0, 1].filter((c) => person.theta[d] >= c).length;
      if (fullLevels[d] === truth) truthFull++;
      if (adaptiveLevels[d] === truth) truthAdaptive++;
    }
  }
  counts.sort((a, b) => a - b);
  const maxExposure: Record<'checks' | 'self', Exposure> = {
    checks: { share: 0, itemId: '', profileId: '' },
    self: { share: 0, itemId: '', profileId: '' },
  };
  for (const [profileId, items] of seen) {
    for (const [itemId, n] of items) {
      const share = n / perProfile.get(profileId)!;
      const kind = index.itemsById.get(itemId)?.type === 'self' ? 'self' : 'checks';
      if (share > maxExposure[kind].share) maxExposure[kind] = { share, itemId, profileId };
    }
  }
  const mean = counts.reduce((s, c) => s + c, 0) / counts.length;
  return {
    respondents,
    fullItems: fullCount / respondents,
    adaptiveItemsMean: mean,
    adaptiveItemsP95: counts[Math.floor(counts.length * 0.95)],
    itemRatio: mean / (fullCount / respondents),
    agreement: agree / domainsTotal,
    maxExposure,
    agreementWithTruth: { adaptive: truthAdaptive / domainsTotal, full: truthFull / domainsTotal },
    minutesAt20s: (mean * 20) / 60,
  };
}
