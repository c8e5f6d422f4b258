import { type HelpAggregate, helpAggregateId, MINUTE_BUCKETS } from '../domain/help/help-aggregate';
import type { HelpAggregates, HelpEvent, HelpScope } from '../domain/help/help-ports';
import type { Container } from '@azure/cosmos';
import { CounterBuffer } from './counter-buffer';

/** Anonymous help counters per group in the `aggregates` container (see HelpAggregate). */
export class CosmosHelpAggregates implements HelpAggregates {
  private readonly buffer: CounterBuffer;

  constructor(container: Container, now: () => Date, onError?: (err: unknown, id: string) => void) {
    this.buffer = new CounterBuffer(container, now, onError);
  }

  /** Resolves when every queued change is stored (tests, shutdown). */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  /** Resolves once stored; the group commit keeps concurrent changes to one counter from conflicting. */
  async record(tenantId: string, scopes: HelpScope[], event: HelpEvent): Promise<void> {
    await Promise.all(
      scopes.map((scope) => {
        const id = helpAggregateId(scope);
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

function empty(id: string, tenantId: string, scope: HelpScope): HelpAggregate {
  return {
    id,
    tenantId,
    scope,
    requests: 0,
    intakes: 0,
    offers: 0,
    declines: 0,
    timeouts: 0,
    escalations: 0,
    accepted: 0,
    resolved: 0,
    cancelled: 0,
    reopened: 0,
    outcomes: { solved: 0, 'service-desk': 0, training: 0 },
    minutesSpent: 0,
    ratingCount: 0,
    ratingSum: 0,
    acceptMinutes: MINUTE_BUCKETS.map(() => 0),
    resolveMinutes: MINUTE_BUCKETS.map(() => 0),
    byMonth: {},
    updatedAt: '',
  };
}

const bucketOf = (minutes: number) => MINUTE_BUCKETS.findIndex((upper) => minutes <= upper);

function apply(agg: HelpAggregate, e: HelpEvent): void {
  switch (e.type) {
    case 'requested':
      agg.requests++;
      if (e.intake) agg.intakes++;
      (agg.byMonth[e.month] ??= { requests: 0, resolved: 0 }).requests++;
      return;
    case 'offered':
      agg.offers++;
      return;
    case 'declined':
      agg.declines++;
      return;
    case 'timed-out':
      agg.timeouts++;
      return;
    case 'escalated':
      agg.escalations++;
      return;
    case 'cancelled':
      agg.cancelled++;
      return;
    case 'reopened':
      agg.reopened++;
      return;
    case 'accepted':
      agg.accepted++;
      agg.acceptMinutes[bucketOf(e.minutesToAccept)]++;
      return;
    case 'resolved':
      agg.resolved++;
      agg.outcomes[e.outcome]++;
      agg.minutesSpent += e.minutesSpent;
      agg.resolveMinutes[bucketOf(e.minutesToResolve)]++;
      (agg.byMonth[e.month] ??= { requests: 0, resolved: 0 }).resolved++;
      return;
    case 'rated':
      agg.ratingCount++;
      agg.ratingSum += e.rating;
      return;
    case 'article-solved':
      agg.articleSolved = (agg.articleSolved ?? 0) + 1;
  }
}
