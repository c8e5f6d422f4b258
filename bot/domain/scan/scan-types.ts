import type { Level } from './content';
import type { GivenAnswer, ScanMode } from './engine';
import type { AnswerValue } from './model';
import type { GrowthChange } from '../growth/growth';
import type { CompletionSource } from '../learning/completion';

export interface StoredAnswer extends GivenAnswer {
  at: string;
}

/** A user's current scan: one document per user, replaced when a new scan starts. */
export interface ScanSession {
  sessionId: string;
  tenantId: string;
  userId: string;
  contentVersion: string;
  profileId: string;
  mode: ScanMode;
  status: 'in-progress' | 'completed';
  answers: StoredAnswer[];
  /** The question on the user's card; null once completed. */
  pendingItemId: string | null;
  startedAt: string;
  updatedAt: string;
  pausedAt?: string;
  /**
   * What completing this scan needs of the person's result before it, read once when the
   * scan began (null: there was none), so the turn that completes the scan does not query
   * the results again. Sessions stored before this existed lack it and are read the old way.
   */
  previous?: PreviousResult | null;
}

/** The part of a person's latest result a new result is compared with (growth, level changes). */
export interface PreviousResult {
  resultId: string;
  levels: Record<string, Level>;
  targets: Record<string, Level>;
  /** The person's first result (their growth baseline). */
  baseline: NonNullable<ScanResult['baseline']>;
}

/** What the scan concluded; the owner's answers are kept with it for their own export only. */
export interface ScanResult {
  resultId: string;
  sessionId: string;
  tenantId: string;
  userId: string;
  contentVersion: string;
  profileId: string;
  mode: ScanMode;
  startedAt: string;
  completedAt: string;
  itemsAsked: number;
  levels: Record<string, Level>;
  targets: Record<string, Level>;
  previousLevels: Record<string, Level> | null;
  /** The person's first scan (the "nulmeting"), kept on every retake so growth never needs an older document. */
  baseline?: { resultId: string; completedAt: string; levels: Record<string, Level> };
  focusDomains: string[];
  adviceModuleIds: string[];
  intakeOffered: boolean;
  intakeRequestedAt?: string;
  answers: StoredAnswer[];
  /** Set when the tenant's retention period removed the answers (levels and advice stay). */
  answersRemovedAt?: string;
}

export type ModuleState = 'started' | 'finished';
export interface ModuleProgress {
  tenantId: string;
  userId: string;
  /** A finished module keeps where its completion came from (absent in older records: the employee's own tick). */
  modules: Record<string, { state: ModuleState; at: string; sources?: CompletionSource[] }>;
  /** The dashboards' counters this person already counts in (see learning/completion.ts); absent in older records. */
  counted?: Array<'started' | 'finished' | 'confirmed' | CompletionSource>;
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Where scans live: per user, a few point operations per answer. */
export interface ScanRepository {
  getSession(tenantId: string, userId: string): Promise<Versioned<ScanSession> | null>;
  /** Writes a new session over the user's previous one. */
  putSession(session: ScanSession): Promise<Versioned<ScanSession>>;
  /** Replaces the session only if unchanged since read; throws a conflict AppError otherwise. */
  replaceSession(session: ScanSession, etag: string): Promise<Versioned<ScanSession>>;
  latestResult(tenantId: string, userId: string): Promise<Versioned<ScanResult> | null>;
  /** False when the result was already stored (a repeated completion). */
  createResult(result: ScanResult): Promise<boolean>;
  replaceResult(result: ScanResult, etag: string): Promise<void>;
  getModuleProgress(tenantId: string, userId: string): Promise<Versioned<ModuleProgress> | null>;
  saveModuleProgress(progress: ModuleProgress, etag: string | null): Promise<void>;
  /** Every result of the user, newest first (for their own export). */
  results(tenantId: string, userId: string): Promise<ScanResult[]>;
  /** The scans (their sessions) completed at or after `since` (ISO time), in every tenant. */
  completedSince(since: string): Promise<Array<{ tenantId: string; userId: string; sessionId: string }>>;
  /** Whether the result with this id is stored (a point read). */
  hasResult(tenantId: string, userId: string, resultId: string): Promise<boolean>;
  /** Removes the user's session, results and module progress (their right to erasure). */
  deleteAll(tenantId: string, userId: string): Promise<number>;
}

/** The groups a user's figures count towards (never fewer people than the anonymity threshold are shown). */
export interface AggregateScope {
  kind: 'tenant' | 'department' | 'location' | 'team' | 'profile';
  id: string;
}

export type AggregateEvent =
  | { type: 'scan-started' }
  | {
      type: 'scan-completed';
      levels: Record<string, Level>;
      targets: Record<string, Level>;
      previous: { levels: Record<string, Level>; targets: Record<string, Level> } | null;
      month: string;
      itemsAsked: number;
      /** Set on a retake: the person's first levels against their latest (see growth.ts). */
      growth?: GrowthChange | null;
    }
  | { type: 'intake-requested' }
  | {
      type: 'module-progress';
      firstStarted: boolean;
      firstFinished: boolean;
      /** The first completion confirmed by someone else (event, import, xAPI) of this person. */
      firstConfirmed?: boolean;
      /** The sources this person finished an advised module from for the first time. */
      firstSources?: CompletionSource[];
    };

/** Pre-aggregated, anonymous counts per group, updated as things happen (the dashboards read them). */
export interface ScanAggregates {
  record(tenantId: string, scopes: AggregateScope[], event: AggregateEvent): Promise<void>;
}

export type { AnswerValue };
