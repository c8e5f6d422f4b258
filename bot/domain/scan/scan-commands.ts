import type { ModuleState } from './scan-types';

/**
 * What a card action asks of the scan, with named fields. The wire names on the cards
 * (`s`, `i`, `n`, `cv`) are mapped to these at the edge (`bot/cards/verbs.ts`); the
 * service still checks each command against the stored session (stale or someone else's).
 */

/** The intro's "start" for a chosen job profile. */
export interface BeginScan {
  profileId: string;
}

/**
 * An answer from the card that asked the question: whose session, which item at which
 * position, on which content. Whether `value` is one of the item's answers depends on the item.
 */
export interface AnswerQuestion {
  sessionId: string;
  itemId: string;
  /** The question's number on the card (answers so far + 1). */
  position: number;
  contentVersion: string;
  value: string;
}

/** "Vorige": only from the card of the current question. */
export interface GoBack {
  sessionId: string;
  position: number;
}

export interface PauseScan {
  sessionId: string;
}

export interface MarkModule {
  moduleId: string;
  state: ModuleState;
}

/** "Ja, graag een intake" on the result that offered it. */
export interface RequestIntake {
  resultId: string;
}

/** "Bekijk je antwoorden" on a result: which result, and which page of its checks. */
export interface ReviewAnswers {
  resultId: string;
  page: number;
}
