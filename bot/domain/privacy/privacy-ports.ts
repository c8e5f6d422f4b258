import type { Locale } from '../org';
import type { Versioned } from '../scan/scan-types';
import type { Ticket } from '../help/help-types';

/**
 * A person's tickets, every page of them (a query per page with a continuation token,
 * never OFFSET/LIMIT): the export and the erasure must see all, not the latest hundred.
 */
export interface PersonalTickets {
  /** Tickets the user asked. */
  asRequester(tenantId: string, userId: string): AsyncIterable<Array<Versioned<Ticket>>>;
  /** Tickets the user handled, was offered, declined or let time out as a digicoach. */
  asCoach(tenantId: string, userId: string): AsyncIterable<Array<Versioned<Ticket>>>;
}

/**
 * The words behind stored answer codes, in the user's language, so the export can be
 * read without the app (AVG: an intelligible form): "inf-11: a" becomes the question
 * and the answer as the user saw them.
 */
export interface AnswerTexts {
  /** For answers given on one version of the scan content; null for an item that version does not have. */
  scan(
    contentVersion: string,
    locale: Locale,
  ): Promise<(itemId: string, value: unknown) => { question: string; answer: string } | null>;
  /** For the leadership scan's statements and its 1–5 scale. */
  leadership(locale: Locale): (itemId: string, value: number) => { statement: string; answer: string } | null;
}

/**
 * Shared records that name who did something for a group: a team reminder's record keeps
 * who sent it next to the team's 7-day limit. On erasure the name goes and the record
 * (the limit) stays.
 */
export interface TeamReminderSenders {
  /** Replaces the user as sender of every team reminder record of the tenant; returns how many. */
  forgetSender(tenantId: string, userId: string): Promise<number>;
}
