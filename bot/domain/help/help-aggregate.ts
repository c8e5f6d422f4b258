import type { AggregateScope } from '../scan/scan-types';

/**
 * Upper bounds (minutes) of the buckets in which response times are counted, so
 * dashboards can show medians without storing any individual ticket's timing.
 */
export const MINUTE_BUCKETS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080, Number.POSITIVE_INFINITY];

/**
 * Anonymous help figures for one group, in the `aggregates` container (partition
 * /tenantId), id `help|<scope.kind>|<scope.id>`. Requester-side scopes (tenant,
 * department, location, team of the person asking) count requests and outcomes;
 * coach-side scopes (`coach-department`, `coach-location`) count the coach network's
 * offers, declines and time-outs. Never holds a user id, a question or a comment.
 */
export interface HelpAggregate {
  id: string;
  tenantId: string;
  scope: AggregateScope | { kind: 'coach-department' | 'coach-location'; id: string };
  requests: number;
  intakes: number;
  offers: number;
  declines: number;
  timeouts: number;
  escalations: number;
  accepted: number;
  resolved: number;
  cancelled: number;
  reopened: number;
  outcomes: { solved: number; 'service-desk': number; training: number };
  minutesSpent: number;
  ratingCount: number;
  ratingSum: number;
  /** Questions solved by a knowledge article ("Dit hielp me"); absent in records from before it was counted. */
  articleSolved?: number;
  /** Counts per MINUTE_BUCKETS bucket of time from request to accept. */
  acceptMinutes: number[];
  /** Counts per MINUTE_BUCKETS bucket of time from request to resolve. */
  resolveMinutes: number[];
  byMonth: Record<string, { requests: number; resolved: number }>;
  updatedAt: string;
}

export const helpAggregateId = (scope: HelpAggregate['scope']) => `help|${scope.kind}|${scope.id}`;

/** Median from bucket counts: the upper bound of the bucket holding the middle value (null when empty). */
export function medianFromBuckets(counts: number[]): number | null {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= total / 2) return MINUTE_BUCKETS[i];
  }
  return null;
}
