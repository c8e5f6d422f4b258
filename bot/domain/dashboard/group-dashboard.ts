import { type GroupRef, groupKey } from './anonymity';
import {
  type FollowUpFigures,
  followUpOf,
  type HelpFigures,
  helpOf,
  type Participation,
  participationOf,
  type ResultsFigures,
  resultsOf,
  type TrendPoint,
  trendOf,
  type Withheld,
} from './figures';
import type { TenantView } from './tenant-views';
import { type GrowthFigures, growthOf } from '../growth/growth';
import { FINISHER_KEYS } from './rollups';

/** Everything one group's dashboard shows; every part is null when withheld, with the reason beside it. */
export interface GroupDashboard {
  group: GroupRef & { name: string };
  threshold: number;
  /** Null: participation shown. Otherwise why nothing about this group is shown. */
  withheld: Withheld | null;
  participation: Participation | null;
  trend: TrendPoint[] | null;
  help: HelpFigures | null;
  results: ResultsFigures | null;
  resultsWithheld: Withheld | null;
  followUp: FollowUpFigures | null;
  followUpWithheld: Withheld | null;
  /** First scan against latest, once at least `threshold` people of the group have two (released with the results). */
  growth: GrowthFigures | null;
  growthWithheld: Withheld | null;
}

/**
 * One group's figures, all from the tenant's released snapshot (never a live read), with
 * the anonymity plan deciding which groups are shown. The only function that turns
 * released figures into a response, so every view and the export apply the same rules.
 */
export function groupDashboard(
  view: TenantView,
  group: GroupRef,
  name: string,
  domainOrder: string[],
  now: Date,
): GroupDashboard {
  const key = groupKey(group);
  const base = { group: { ...group, name }, threshold: view.threshold };
  if (!view.plan.participation.published.has(key)) {
    const why = view.plan.participation.suppressed.get(key) ?? 'below-threshold';
    return { ...base, withheld: why, participation: null, ...nothingReleased(why) };
  }
  const released = view.released.get(key) ?? null;
  const scan = released?.scan ?? null;
  const help = released?.help ?? null;
  const members = group.kind === 'tenant' ? view.shape.members : (view.shape.units[key]?.members ?? 0);
  const out: GroupDashboard = {
    ...base,
    withheld: null,
    participation: participationOf(members, scan),
    trend: trendOf(scan, help, now),
    help: helpOf(help, view.threshold),
    results: null,
    resultsWithheld: null,
    followUp: null,
    followUpWithheld: null,
    growth: null,
    growthWithheld: null,
  };
  if (!released || !view.plan.results.published.has(key)) {
    out.resultsWithheld = 'not-yet';
    out.followUpWithheld = 'not-yet';
    out.growthWithheld = 'not-yet';
    return out;
  }
  const releasedAt = released.at['scan.results'] ?? view.snapshot.takenAt;
  const s = released.scan;
  out.results = resultsOf(
    {
      completions: s.completions,
      respondents: s.respondents,
      value: { levels: s.levels, belowTarget: s.belowTarget, measured: s.measured },
      releasedAt,
    },
    domainOrder,
  );
  const followUpAt = ['intakeRequests', 'moduleStarters', 'moduleFinishers', ...FINISHER_KEYS]
    .map((f) => `scan.${f}`)
    .map((f) => released.at[f])
    .filter((x): x is string => !!x)
    .sort()
    .pop();
  out.followUp = followUpOf({
    completions: s.completions,
    respondents: s.respondents,
    value: {
      intakeRequests: s.intakeRequests,
      moduleStarters: s.moduleStarters,
      moduleFinishers: s.moduleFinishers,
      finishersConfirmed: s.finishersConfirmed ?? 0,
      finishersBySource: {
        self: s.finishersSelf ?? 0,
        event: s.finishersEvent ?? 0,
        import: s.finishersImport ?? 0,
        xapi: s.finishersXapi ?? 0,
      },
    },
    releasedAt: followUpAt ?? releasedAt,
  });
  const growth = s.growth;
  if (growth && growth.people >= view.threshold) out.growth = growthOf(growth, domainOrder, releasedAt);
  else out.growthWithheld = 'not-yet';
  return out;
}

/** Every figure of a group beyond participation withheld, for one reason. */
export function nothingReleased(why: Withheld) {
  return {
    trend: null,
    help: null,
    results: null,
    resultsWithheld: why,
    followUp: null,
    followUpWithheld: why,
    growth: null,
    growthWithheld: why,
  } as const;
}
