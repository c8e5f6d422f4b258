import type { Band, Dimension, LeadershipContent } from './leadership-content';

export interface DimensionScore {
  dimension: string;
  /** Mean on the 1–5 scale, reverse-scored items turned around. */
  mean: number;
  /** 0–100, for a bar: (mean − 1) / 4. */
  percent: number;
  band: Band;
  answered: number;
}

/** Below 2.5 on the 1–5 scale is "low", from 3.75 "high": the middle band is wide on purpose. */
export const LOW_BELOW = 2.5;
export const HIGH_FROM = 3.75;

export function bandOf(mean: number): Band {
  return mean < LOW_BELOW ? 'low' : mean >= HIGH_FROM ? 'high' : 'mid';
}

/** A profile per dimension from answers 1–5 (the service validated them). */
export function scoreLeadership(content: LeadershipContent, answers: Record<string, number>): DimensionScore[] {
  return content.dimensions.map((d: Dimension) => {
    const values = content.items
      .filter((i) => i.dimension === d.id && typeof answers[i.id] === 'number')
      .map((i) => (i.reverse ? 6 - answers[i.id] : answers[i.id]));
    const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
    const rounded = Math.round(mean * 100) / 100;
    return {
      dimension: d.id,
      mean: rounded,
      percent: values.length ? Math.round(((mean - 1) / 4) * 100) : 0,
      band: bandOf(mean),
      answered: values.length,
    };
  });
}
