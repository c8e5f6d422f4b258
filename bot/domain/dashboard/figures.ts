import { medianFromBuckets } from '../help/help-aggregate';
import { enoughEvents, type ReleasedResults, type Suppression } from './anonymity';
import type { CompletionSource } from '../learning/completion';
import type { FollowUpValue, HelpGroupAggregate, ResultsValue, ScanGroupAggregate } from './dashboard-ports';

/** The programme's goals (Digivaardig in de gemeente): 95 % took the scan, 75 % followed their modules. */
export const PARTICIPATION_GOAL = 0.95;
export const FOLLOW_THROUGH_GOAL = 0.75;
export const TREND_MONTHS = 12;

export interface Participation {
  members: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  rate: number;
  goal: number;
}

export interface DomainFigure {
  domain: string;
  /** Respondents at level 1..4. */
  levels: number[];
  measured: number;
  belowTarget: number;
  atTargetRate: number | null;
}

export interface ResultsFigures {
  respondents: number;
  releasedAt: string;
  domains: DomainFigure[];
  /** The domains most respondents are below their target in: where to develop first. */
  topDevelopment: string[];
}

export interface FollowUpFigures {
  respondents: number;
  releasedAt: string;
  modules: {
    starters: number;
    finishers: number;
    followThroughRate: number;
    goal: number;
    /** Finishers with a completion someone else confirmed (attendance, an import, a learning platform), and that share of respondents. */
    confirmed: number;
    confirmedRate: number;
    /** People who finished an advised module from each source; one person may be under several. */
    bySource: Record<CompletionSource, number>;
  };
  funnel: { scanned: number; intake: number; training: number };
}

export interface HelpFigures {
  requests: number;
  accepted: number;
  resolved: number;
  /** Null when fewer than the threshold of events (a median of two is two people's story). */
  medianAcceptMinutes: number | null;
  medianResolveMinutes: number | null;
  averageRating: number | null;
  /** Questions solved by a knowledge article before a coach was asked. */
  articleSolved: number;
  /** Of all help questions (solved by an article, or sent to a coach), the share an article solved; null without any. */
  articleShare: number | null;
  /**
   * Median minutes to an answer, articles and coaches together: an article answers at once (0),
   * a coach when they accept. Null below the threshold of answers.
   */
  medianAnswerMinutes: number | null;
}

export interface TrendPoint {
  month: string;
  completions: number;
  helpRequests: number;
}

export type Withheld = Suppression | 'not-yet';

export function participationOf(members: number, scan: ScanGroupAggregate | null): Participation {
  const completed = scan?.respondents ?? 0;
  const inProgress = scan?.inProgress ?? 0;
  return {
    members,
    completed,
    inProgress,
    notStarted: Math.max(0, members - completed - inProgress),
    rate: members > 0 ? Math.min(1, completed / members) : 0,
    goal: PARTICIPATION_GOAL,
  };
}

export function resultsOf(release: ReleasedResults<ResultsValue>, domainOrder: string[]): ResultsFigures {
  const { levels, belowTarget, measured } = release.value;
  const known = new Set(domainOrder);
  const ids = [...domainOrder.filter((d) => d in levels), ...Object.keys(levels).filter((d) => !known.has(d))];
  const domains = ids.map((domain) => {
    const m = measured[domain] ?? 0;
    const below = belowTarget[domain] ?? 0;
    return {
      domain,
      levels: [0, 1, 2, 3].map((i) => levels[domain]?.[i] ?? 0),
      measured: m,
      belowTarget: below,
      atTargetRate: m > 0 ? (m - below) / m : null,
    };
  });
  const topDevelopment = domains
    .filter((d) => d.belowTarget > 0)
    .sort((a, b) => b.belowTarget / b.measured - a.belowTarget / a.measured || b.belowTarget - a.belowTarget)
    .slice(0, 3)
    .map((d) => d.domain);
  return { respondents: release.respondents, releasedAt: release.releasedAt, domains, topDevelopment };
}

export function followUpOf(release: ReleasedResults<FollowUpValue>): FollowUpFigures {
  const { intakeRequests, moduleStarters, moduleFinishers, finishersConfirmed, finishersBySource } = release.value;
  const n = release.respondents;
  return {
    respondents: n,
    releasedAt: release.releasedAt,
    modules: {
      starters: moduleStarters,
      finishers: moduleFinishers,
      followThroughRate: n > 0 ? Math.min(1, moduleFinishers / n) : 0,
      goal: FOLLOW_THROUGH_GOAL,
      confirmed: finishersConfirmed,
      confirmedRate: n > 0 ? Math.min(1, finishersConfirmed / n) : 0,
      bySource: finishersBySource,
    },
    funnel: { scanned: n, intake: intakeRequests, training: moduleStarters },
  };
}

export function helpOf(help: HelpGroupAggregate | null, threshold: number): HelpFigures {
  const accepted = help?.accepted ?? 0;
  const resolved = help?.resolved ?? 0;
  const ratings = help?.ratingCount ?? 0;
  return {
    requests: help?.requests ?? 0,
    accepted,
    resolved,
    medianAcceptMinutes:
      help && enoughEvents(accepted, threshold) ? jsonMinutes(medianFromBuckets(help.acceptMinutes)) : null,
    medianResolveMinutes:
      help && enoughEvents(resolved, threshold) ? jsonMinutes(medianFromBuckets(help.resolveMinutes)) : null,
    averageRating: help && enoughEvents(ratings, threshold) ? Math.round((help.ratingSum / ratings) * 10) / 10 : null,
    ...answerFigures(help, threshold),
  };
}

/** The knowledge base's share and the time to an answer, from the released counts (each released in steps of k). */
function answerFigures(
  help: HelpGroupAggregate | null,
  threshold: number,
): Pick<HelpFigures, 'articleSolved' | 'articleShare' | 'medianAnswerMinutes'> {
  const articleSolved = help?.articleSolved ?? 0;
  const questions = articleSolved + (help?.requests ?? 0);
  const answers = articleSolved + (help?.accepted ?? 0);
  // An article's answer falls in the first bucket (at most a minute): it is on screen with the question.
  const buckets = [...(help?.acceptMinutes ?? [])];
  buckets[0] = (buckets[0] ?? 0) + articleSolved;
  return {
    articleSolved,
    articleShare: questions > 0 ? articleSolved / questions : null,
    medianAnswerMinutes: help && enoughEvents(answers, threshold) ? jsonMinutes(medianFromBuckets(buckets)) : null,
  };
}

/** The last twelve months up to `now`, oldest first; months without activity count zero. */
export function trendOf(scan: ScanGroupAggregate | null, help: HelpGroupAggregate | null, now: Date): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (let back = TREND_MONTHS - 1; back >= 0; back--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const month = d.toISOString().slice(0, 7);
    points.push({
      month,
      completions: scan?.completionsByMonth?.[month] ?? 0,
      helpRequests: help?.byMonth?.[month]?.requests ?? 0,
    });
  }
  return points;
}

/** Infinity has no JSON form: the help buckets' last bound ("more than a week") becomes a week and a minute. */
export function jsonMinutes(minutes: number | null): number | null {
  return minutes === null ? null : Number.isFinite(minutes) ? minutes : 10081;
}
