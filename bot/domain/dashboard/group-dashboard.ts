import { isConflict } from '../errors';
import type { Clock } from '../ports';
import { type GroupRef, groupKey, releaseFor } from './anonymity';
import type { DashboardStore, GroupRelease, ScanGroupAggregate } from './dashboard-ports';
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
}

export interface GroupDashboardDeps {
  store: DashboardStore;
  clock: Clock;
}

/**
 * One group's figures, read from its pre-aggregated records (at most three point reads), with
 * the tenant's anonymity plan deciding what may be shown. The only function that turns
 * aggregates into a response, so every view and the export apply the same rules.
 */
export async function groupDashboard(
  deps: GroupDashboardDeps,
  view: TenantView,
  group: GroupRef,
  name: string,
  domainOrder: string[],
): Promise<GroupDashboard> {
  const key = groupKey(group);
  const base = { group: { ...group, name }, threshold: view.threshold };
  if (!view.plan.participation.published.has(key)) {
    const why = view.plan.participation.suppressed.get(key) ?? 'below-threshold';
    return {
      ...base,
      withheld: why,
      participation: null,
      trend: null,
      help: null,
      results: null,
      resultsWithheld: why,
      followUp: null,
      followUpWithheld: why,
    };
  }
  // Teams and the tenant are read fresh; departments and locations are the view's sums of their teams.
  const rollup = group.kind === 'department' || group.kind === 'location' ? (view.rollups.get(key) ?? null) : undefined;
  const [scan, help, stored] = await Promise.all([
    rollup === undefined ? deps.store.scanAggregate(view.tenantId, group) : (rollup?.scan ?? null),
    rollup === undefined ? deps.store.helpAggregate(view.tenantId, group) : (rollup?.help ?? null),
    view.plan.results.published.has(key) ? deps.store.getRelease(view.tenantId, group) : Promise.resolve(null),
  ]);
  const members = group.kind === 'tenant' ? view.shape.members : (view.shape.units[key]?.members ?? 0);
  const out: GroupDashboard = {
    ...base,
    withheld: null,
    participation: participationOf(members, scan),
    trend: trendOf(scan, help, deps.clock.now()),
    help: helpOf(help, view.threshold),
    results: null,
    resultsWithheld: view.plan.results.suppressed.get(key) ?? null,
    followUp: null,
    followUpWithheld: view.plan.results.suppressed.get(key) ?? null,
  };
  if (!view.plan.results.published.has(key) || !scan) {
    out.resultsWithheld ??= 'not-yet';
    out.followUpWithheld ??= 'not-yet';
    return out;
  }
  const release = await currentRelease(deps, view, group, scan, stored);
  if (release.results) out.results = resultsOf(release.results, domainOrder);
  else out.resultsWithheld = 'not-yet';
  if (release.followUp) out.followUp = followUpOf(release.followUp);
  else out.followUpWithheld = 'not-yet';
  return out;
}

/** The group's releases, advanced when enough happened since the last one; a concurrent writer's release wins. */
async function currentRelease(
  deps: GroupDashboardDeps,
  view: TenantView,
  group: GroupRef,
  scan: ScanGroupAggregate,
  stored: { value: GroupRelease; etag: string } | null,
): Promise<GroupRelease> {
  const now = deps.clock.now().toISOString();
  const k = view.threshold;
  const previous = stored?.value ?? { tenantId: view.tenantId, group, results: null, followUp: null };
  const results = releaseFor(
    previous.results,
    {
      completions: scan.completions,
      respondents: scan.respondents,
      value: { levels: scan.levels, belowTarget: scan.belowTarget, measured: scan.measured },
    },
    k,
    now,
  );
  const followUpEvents = scan.intakeRequests + scan.moduleStarters + scan.moduleFinishers;
  const followUp = releaseFor(
    previous.followUp,
    {
      completions: followUpEvents,
      respondents: scan.respondents,
      value: {
        intakeRequests: scan.intakeRequests,
        moduleStarters: scan.moduleStarters,
        moduleFinishers: scan.moduleFinishers,
      },
    },
    k,
    now,
  );
  if (!results.isNew && !followUp.isNew) return previous;
  const next: GroupRelease = { ...previous, results: results.release, followUp: followUp.release };
  try {
    await deps.store.saveRelease(next, stored?.etag ?? null);
    return next;
  } catch (err) {
    if (!isConflict(err)) throw err;
    return (await deps.store.getRelease(view.tenantId, group))?.value ?? previous;
  }
}
