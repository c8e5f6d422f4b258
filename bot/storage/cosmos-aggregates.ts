import type { Container } from '@azure/cosmos';
import type { Level } from '../domain/scan/content';
import type { AggregateEvent, AggregateScope, ScanAggregates } from '../domain/scan/scan-types';
import type { CompletionSource } from '../domain/learning/completion';
import { readOrNull } from './cosmos';
import { applyGrowth, emptyGrowth, type GrowthCounts } from '../domain/growth/growth';
import { CounterBuffer } from './counter-buffer';

/** Anonymous counts for one group. Never holds a user id or an answer. */
export interface ScanAggregate {
  id: string;
  tenantId: string;
  scope: AggregateScope;
  /** Users who have a scan in progress now. */
  inProgress: number;
  /** Users with at least one completed scan. */
  respondents: number;
  completions: number;
  completionsByMonth: Record<string, number>;
  itemsAsked: number;
  /** Per domain, how many respondents are at level 1..4 (their latest scan). */
  levels: Record<string, [number, number, number, number]>;
  /** Per domain, how many respondents are below their profile's target. */
  belowTarget: Record<string, number>;
  /** Per domain, how many respondents have it in their profile. */
  measured: Record<string, number>;
  intakeRequests: number;
  moduleStarters: number;
  moduleFinishers: number;
  /** First scan against latest, for people with two or more scans (see growth.ts). */
  growth?: GrowthCounts;
  /** Of the module finishers: people with at least one completion confirmed by someone else. */
  finishersConfirmed?: number;
  /** People with at least one advised module finished from each source (one person may count under several). */
  finishersSelf?: number;
  finishersEvent?: number;
  finishersImport?: number;
  finishersXapi?: number;
  updatedAt: string;
}

/** The counter of each completion source. */
export const FINISHERS_BY_SOURCE = {
  self: 'finishersSelf',
  event: 'finishersEvent',
  import: 'finishersImport',
  xapi: 'finishersXapi',
} as const satisfies Record<CompletionSource, keyof ScanAggregate>;

/** Increments per-group counters in the `aggregates` container (partition /tenantId), with ETags. */
export class CosmosScanAggregates implements ScanAggregates {
  private readonly buffer: CounterBuffer;

  constructor(
    private readonly container: Container,
    now: () => Date,
    onError?: (err: unknown, id: string) => void,
  ) {
    this.buffer = new CounterBuffer(container, now, onError);
  }

  /** Resolves when every queued change is stored (tests, shutdown). */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  static docId(scope: AggregateScope): string {
    return `scan|${scope.kind}|${scope.id}`;
  }

  async get(tenantId: string, scope: AggregateScope): Promise<ScanAggregate | null> {
    return readOrNull<ScanAggregate>(this.container, CosmosScanAggregates.docId(scope), tenantId);
  }

  /** Resolves once stored; the group commit keeps concurrent changes to one counter from conflicting. */
  async record(tenantId: string, scopes: AggregateScope[], event: AggregateEvent): Promise<void> {
    await Promise.all(
      scopes.map((scope) => {
        const id = CosmosScanAggregates.docId(scope);
        return this.buffer.add(
          id,
          tenantId,
          () => empty(id, tenantId, scope),
          (agg) => apply(agg, event),
        );
      }),
    );
  }
}

function empty(id: string, tenantId: string, scope: AggregateScope): ScanAggregate {
  return {
    id,
    tenantId,
    scope,
    inProgress: 0,
    respondents: 0,
    completions: 0,
    completionsByMonth: {},
    itemsAsked: 0,
    levels: {},
    belowTarget: {},
    measured: {},
    intakeRequests: 0,
    moduleStarters: 0,
    moduleFinishers: 0,
    growth: emptyGrowth(),
    finishersConfirmed: 0,
    finishersSelf: 0,
    finishersEvent: 0,
    finishersImport: 0,
    finishersXapi: 0,
    updatedAt: '',
  };
}

function apply(agg: ScanAggregate, event: AggregateEvent): void {
  switch (event.type) {
    case 'scan-started':
      agg.inProgress += 1;
      return;
    case 'intake-requested':
      agg.intakeRequests += 1;
      return;
    case 'module-progress':
      if (event.firstStarted) agg.moduleStarters += 1;
      if (event.firstFinished) agg.moduleFinishers += 1;
      if (event.firstConfirmed) agg.finishersConfirmed = (agg.finishersConfirmed ?? 0) + 1;
      for (const source of event.firstSources ?? []) {
        const key = FINISHERS_BY_SOURCE[source];
        agg[key] = (agg[key] ?? 0) + 1;
      }
      return;
    case 'scan-completed': {
      agg.inProgress = Math.max(0, agg.inProgress - 1);
      agg.completions += 1;
      agg.itemsAsked += event.itemsAsked;
      agg.completionsByMonth[event.month] = (agg.completionsByMonth[event.month] ?? 0) + 1;
      if (event.previous) count(agg, event.previous.levels, event.previous.targets, -1);
      else agg.respondents += 1;
      count(agg, event.levels, event.targets, +1);
      if (event.growth) applyGrowth((agg.growth ??= emptyGrowth()), event.growth);
    }
  }
}

function count(agg: ScanAggregate, levels: Record<string, Level>, targets: Record<string, Level>, sign: 1 | -1): void {
  for (const [domain, level] of Object.entries(levels)) {
    const row = (agg.levels[domain] ??= [0, 0, 0, 0]);
    row[level - 1] = Math.max(0, row[level - 1] + sign);
    agg.measured[domain] = Math.max(0, (agg.measured[domain] ?? 0) + sign);
    if (level < (targets[domain] ?? 0)) agg.belowTarget[domain] = Math.max(0, (agg.belowTarget[domain] ?? 0) + sign);
  }
}
