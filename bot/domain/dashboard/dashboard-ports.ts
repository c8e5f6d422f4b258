import type { GrowthCounts } from '../growth/growth';
import type { HelpAggregate } from '../help/help-aggregate';
import type { CompletionSource } from '../learning/completion';
import type { GroupRef } from './anonymity';
import type { OrgShape } from './org-shape';
import type { Snapshot } from './release';

/** The part of a scan aggregate (`scan|<kind>|<id>`) the dashboards read. */
export interface ScanGroupAggregate {
  respondents: number;
  inProgress: number;
  completions: number;
  completionsByMonth: Record<string, number>;
  levels: Record<string, number[]>;
  belowTarget: Record<string, number>;
  measured: Record<string, number>;
  intakeRequests: number;
  moduleStarters: number;
  moduleFinishers: number;
  /** Absent on aggregates stored before growth was counted: none. */
  growth?: GrowthCounts;
  /** Finishers with a completion confirmed by someone else, and per source (see learning/completion.ts). */
  finishersConfirmed?: number;
  finishersSelf?: number;
  finishersEvent?: number;
  finishersImport?: number;
  finishersXapi?: number;
}

export type HelpGroupAggregate = Pick<
  HelpAggregate,
  | 'requests'
  | 'intakes'
  | 'offers'
  | 'declines'
  | 'timeouts'
  | 'escalations'
  | 'accepted'
  | 'resolved'
  | 'ratingCount'
  | 'ratingSum'
  | 'articleSolved'
  | 'acceptMinutes'
  | 'resolveMinutes'
  | 'byMonth'
>;

export type CoachScope = { kind: 'coach-department' | 'coach-location'; id: string };

export interface ResultsValue {
  levels: Record<string, number[]>;
  belowTarget: Record<string, number>;
  measured: Record<string, number>;
}

export interface FollowUpValue {
  intakeRequests: number;
  moduleStarters: number;
  moduleFinishers: number;
  finishersConfirmed: number;
  finishersBySource: Record<CompletionSource, number>;
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Every team's aggregates of a tenant, read in one query per kind when the tenant's view is (re)built. */
export interface TeamAggregates {
  scan: Map<string, ScanGroupAggregate>;
  help: Map<string, HelpGroupAggregate>;
}

/** Reads the pre-aggregated records (never a person's data) and keeps the org shape and the released snapshot. */
export interface DashboardStore {
  getOrgShape(tenantId: string): Promise<OrgShape | null>;
  putOrgShape(shape: OrgShape): Promise<void>;
  scanAggregate(tenantId: string, group: GroupRef): Promise<ScanGroupAggregate | null>;
  helpAggregate(tenantId: string, scope: GroupRef | CoachScope): Promise<HelpGroupAggregate | null>;
  teamAggregates(tenantId: string): Promise<TeamAggregates>;
  /** The tenant's released snapshot (see release.ts), with its ETag. */
  getSnapshot(tenantId: string): Promise<Versioned<Snapshot> | null>;
  /** Creates (etag null) or replaces the snapshot; a concurrent writer makes it throw a conflict AppError. */
  saveSnapshot(snapshot: Snapshot, etag: string | null): Promise<void>;
}
