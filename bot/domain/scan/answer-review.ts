import type { ContentIndex, Item } from './content';
import type { AnswerValue } from './model';
import type { ScanResult } from './scan-types';

export interface ReviewedItem {
  item: Item;
  /** What the person answered ("unknown": weet ik niet). */
  given: AnswerValue;
  correct: boolean;
}

/** One page of a result's knowledge and scenario checks, with the right answers (self-ratings have none). */
export interface AnswerReview {
  resultId: string;
  page: number;
  pages: number;
  /** Checks answered in the scan, and how many of them right. */
  total: number;
  right: number;
  items: ReviewedItem[];
  /** The tenant's retention period removed the answers: nothing left to show. */
  removed: boolean;
}

/** Few per card, so a card stays short on a phone. */
export const REVIEW_PAGE_SIZE = 3;

/** The checks of a result in the order they were asked, page by page. */
export function reviewPage(result: ScanResult, index: ContentIndex, page: number): AnswerReview {
  const checks: ReviewedItem[] = [];
  for (const answer of result.answers ?? []) {
    const item = index.itemsById.get(answer.itemId);
    if (!item || item.type === 'self' || item.answer === undefined) continue;
    checks.push({ item, given: answer.value, correct: answer.value === item.answer });
  }
  const pages = Math.max(1, Math.ceil(checks.length / REVIEW_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return {
    resultId: result.resultId,
    page: current,
    pages,
    total: checks.length,
    right: checks.filter((c) => c.correct).length,
    items: checks.slice((current - 1) * REVIEW_PAGE_SIZE, current * REVIEW_PAGE_SIZE),
    removed: Boolean(result.answersRemovedAt),
  };
}
