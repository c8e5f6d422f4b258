import type { Item, Level } from './content';

/**
 * The measurement model behind the scan: a latent-class item-response model. A person
 * has one of four levels per domain; level L sits at skill θ_L = L - 2.5 and an item of
 * difficulty d at b = d - 3, so a person at level d usually handles items of
 * difficulty ≤ d. The scan keeps a probability for each of the four levels and updates
 * it with every answer (Bayes): the question is "which level", not "how skilled exactly".
 *
 * - Knowledge and scenario items: P(correct) = g + (1 - g)·σ(a(θ - b)), with g the
 *   chance of a lucky guess. "Weet ik niet" counts as not correct — not knowing is
 *   information too. A confident self-rating next to failed checks therefore lands
 *   lower than the claims alone: over-rating oneself shows.
 * - Self-ratings (1..4) follow a graded response model.
 * - "Weet ik niet" on a self-rating carries no information.
 *
 * The slopes are set for the synthetic respondents of test/bench/scan-adaptivity.ts;
 * with real answers from a pilot they should be re-estimated per item.
 */
export const LEVELS: Level[] = [1, 2, 3, 4];
export const LEVEL_THETA = LEVELS.map((l) => l - 2.5);
const A_CHECK = 1.8;
const A_SELF = 2.6;
const SELF_STEPS = [-1.0, 0, 1.1];

/** A self-rating (1–4), a true/false check, a scenario option's id, or 'unknown' ("weet ik niet"). */
export type AnswerValue = 1 | 2 | 3 | 4 | boolean | string;
export type LevelPosterior = [number, number, number, number];
export interface Answered {
  item: Item;
  value: AnswerValue;
}

export const logistic = (x: number) => 1 / (1 + Math.exp(-x));
export const itemLocation = (item: Pick<Item, 'difficulty'>) => item.difficulty - 3;

export function guessRate(item: Item): number {
  if (item.type === 'scenario') return 1 / Math.max(2, item.options?.length ?? 3);
  return 0.3;
}

export function pCorrect(item: Item, theta: number): number {
  const g = guessRate(item);
  return g + (1 - g) * logistic(A_CHECK * (theta - itemLocation(item)));
}

/** P(rating = k) for k = 1..4 at θ (graded response model). */
export function selfRatingProbabilities(item: Item, theta: number): [number, number, number, number] {
  const b = itemLocation(item);
  const atLeast = SELF_STEPS.map((s) => logistic(A_SELF * (theta - b - s)));
  return [1 - atLeast[0], atLeast[0] - atLeast[1], atLeast[1] - atLeast[2], atLeast[2]];
}

export function isCorrect(item: Item, value: AnswerValue): boolean {
  return value !== 'unknown' && value === item.answer;
}

/** Likelihood of one answer at θ; 1 when the answer carries no information. */
export function likelihood(item: Item, value: AnswerValue, theta: number): number {
  if (item.type === 'self') {
    if (typeof value !== 'number') return 1;
    return Math.max(1e-9, selfRatingProbabilities(item, theta)[value - 1]);
  }
  const p = pCorrect(item, theta);
  return isCorrect(item, value) ? p : 1 - p;
}

/** Probability of each level given one domain's answers (uniform prior). */
export function posterior(answers: Answered[]): LevelPosterior {
  return update([0.25, 0.25, 0.25, 0.25], answers);
}

function update(prior: number[], answers: Answered[]): LevelPosterior {
  const post = [...prior];
  for (const { item, value } of answers) {
    const atLevel = levelLikelihoods(item, value);
    for (let i = 0; i < post.length; i++) post[i] *= atLevel[i];
  }
  return normalise(post);
}

/**
 * `likelihood(item, value, θ_L)` for the four levels, computed once per item and answer
 * value: the scan asks for the same numbers on every turn (posteriors, and the
 * information of every candidate item). The table is rebuilt if the fields the model
 * reads (type, difficulty, answer, number of options) differ from when it was built.
 */
interface LikelihoodTable {
  type: Item['type'];
  difficulty: number;
  answer: Item['answer'];
  optionCount: number | undefined;
  /** The outcomes `information` weighs: the four ratings, or the correct answer and "weet ik niet". */
  outcomes: readonly AnswerValue[];
  byValue: Map<AnswerValue, readonly number[]>;
}
const likelihoodTables = new WeakMap<Item, LikelihoodTable>();
const SELF_OUTCOMES: readonly AnswerValue[] = [1, 2, 3, 4];

function tableOf(item: Item): LikelihoodTable {
  let table = likelihoodTables.get(item);
  if (
    !table ||
    table.type !== item.type ||
    table.difficulty !== item.difficulty ||
    table.answer !== item.answer ||
    table.optionCount !== item.options?.length
  ) {
    table = {
      type: item.type,
      difficulty: item.difficulty,
      answer: item.answer,
      optionCount: item.options?.length,
      outcomes: item.type === 'self' ? SELF_OUTCOMES : [item.answer as AnswerValue, 'unknown'],
      byValue: new Map(),
    };
    likelihoodTables.set(item, table);
  }
  return table;
}

function levelLikelihoods(item: Item, value: AnswerValue, table = tableOf(item)): readonly number[] {
  let atLevel = table.byValue.get(value);
  if (!atLevel) {
    atLevel = LEVEL_THETA.map((theta) => likelihood(item, value, theta));
    table.byValue.set(value, atLevel);
  }
  return atLevel;
}

/** The reported level: the most probable one (ties go to the lower level: no flattering). */
export function classify(post: LevelPosterior): Level {
  let best = 0;
  for (let i = 1; i < post.length; i++) if (post[i] > post[best] + 1e-12) best = i;
  return LEVELS[best];
}

/** How much an item is expected to reduce uncertainty about the level (mutual information, in nats). */
export function information(item: Item, post: LevelPosterior): number {
  const table = tableOf(item);
  let expectedAfter = 0;
  for (const value of table.outcomes) {
    const atLevel = levelLikelihoods(item, value, table);
    // joint[i] = post[i]·P(value | level i), summed and normalised in the same order as `normalise` and `entropy`.
    for (let i = 0; i < post.length; i++) joint[i] = post[i] * atLevel[i];
    let pValue = 0;
    for (let i = 0; i < post.length; i++) pValue += joint[i];
    if (pValue > 0) {
      let sum = 0;
      for (let i = 0; i < post.length; i++) {
        const x = joint[i] / pValue;
        if (x > 0) sum += x * Math.log(x);
      }
      expectedAfter += pValue * -sum;
    }
  }
  return entropy(post) - expectedAfter;
}

/** Scratch space for `information` (one level vector at a time). */
const joint: number[] = [0, 0, 0, 0];

function entropy(p: number[]): number {
  return -p.reduce((s, x) => (x > 0 ? s + x * Math.log(x) : s), 0);
}

function normalise(p: number[]): LevelPosterior {
  const total = p.reduce((s, x) => s + x, 0);
  return p.map((x) => x / total) as LevelPosterior;
}

/**
 * Whether at least `share` of `samples` played-out futures, in which every item of
 * `remaining` is answered, end at the level `post` points to now. Each future draws a
 * level from `post` and answers from the model at that level; `random` makes the draws
 * (seed it for a pure result). It stops as soon as the answer is certain, usually after a
 * few futures that end elsewhere: the same answer as playing all of them, for less work.
 */
export function restAgreesAtLeast(
  remaining: readonly Item[],
  post: LevelPosterior,
  random: () => number,
  samples: number,
  share: number,
): boolean {
  const needed = Math.ceil(share * samples - 1e-9);
  return playOut(remaining, post, random, samples, needed) >= needed;
}

/** Plays the rest out up to `samples` times; stops early once `needed` agreements are reached or out of reach. */
function playOut(
  remaining: readonly Item[],
  post: LevelPosterior,
  random: () => number,
  samples: number,
  needed: number,
): number {
  const current = classify(post);
  const future: LevelPosterior = [0, 0, 0, 0];
  let same = 0;
  for (let s = 0; s < samples && same < needed && same + (samples - s) >= needed; s++) {
    let u = random();
    let level = 0;
    while (level < 3 && u >= post[level]) u -= post[level++];
    for (let i = 0; i < 4; i++) future[i] = post[i];
    for (const item of remaining) {
      const table = tableOf(item);
      let v = random();
      let chosen = table.outcomes[table.outcomes.length - 1];
      for (const outcome of table.outcomes) {
        const p = levelLikelihoods(item, outcome, table)[level];
        if (v < p) {
          chosen = outcome;
          break;
        }
        v -= p;
      }
      // Unnormalised on purpose: classify only compares, and 120 likelihoods ≥ 1e-9 cannot underflow.
      const atLevel = levelLikelihoods(item, chosen, table);
      for (let i = 0; i < 4; i++) future[i] *= atLevel[i];
    }
    if (classify(future) === current) same++;
  }
  return same;
}
