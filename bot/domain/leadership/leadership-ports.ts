import type { DimensionScore } from './leadership-scoring';

/** One leader's own leadership scan: private, read only through the owner's endpoints. */
export interface LeadershipAnswers {
  tenantId: string;
  userId: string;
  /** Item id → 1..5 as given (reverse scoring happens when scoring). */
  answers: Record<string, number>;
  startedAt: string;
  updatedAt: string;
  /** Set once every item is answered; moves on when a completed scan is changed. */
  completedAt: string | null;
  /**
   * The profile kept when the retention period removed the per-item answers
   * (`answers` is then empty): the leader's result stays readable.
   */
  scores?: DimensionScore[];
  answersRemovedAt?: string;
}

export interface LeadershipRepository {
  get(tenantId: string, userId: string): Promise<{ value: LeadershipAnswers; etag: string } | null>;
  /** Creates (etag null) or replaces with the ETag; a concurrent change throws a conflict AppError. */
  save(doc: LeadershipAnswers, etag: string | null): Promise<void>;
  delete(tenantId: string, userId: string): Promise<void>;
}
