import type { HelpChannel, Outcome, TicketKind, Urgency } from './help-types';

/**
 * What a card action (or the tab) asks of the help flow, with named fields. Card data
 * is parsed into these at the edge (`bot/cards/verbs.ts`); the service still checks each
 * command against the stored ticket (someone else's, already handled).
 */

/** The request form's submit. The topic must be one of the scan's domains. */
export interface SubmitHelp {
  kind: TicketKind;
  topic: string;
  question: string;
  urgency: Urgency;
  channel: HelpChannel;
  where: string;
}

/** A step on one ticket that needs nothing else (cancel, reopen, give back). */
export interface TicketRef {
  ticketId: string;
}

/** The offered coach's accept (`seq` names the offer), or a pick-up from the escalated pool. */
export type AcceptTicket = TicketRef & ({ fromPool: true } | { fromPool: false; seq: number });

export interface DeclineOffer extends TicketRef {
  seq: number;
  reason?: string;
}

export interface ResolveTicket extends TicketRef {
  outcome: Outcome;
  /** Minutes spent, 1–480. */
  minutes: number;
}

export interface RateTicket extends TicketRef {
  /** 1–5. */
  rating: number;
  comment?: string;
}

/** A coach's settings, from `word digicoach` or the admin's form; topics and places are checked against the tenant. */
export interface CoachSettings {
  domains: string[];
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  /** HH:MM, start before end. */
  start: string;
  end: string;
  locationId?: string;
  departmentId?: string;
  takesIntakes: boolean;
}
