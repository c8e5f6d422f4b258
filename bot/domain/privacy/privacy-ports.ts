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
