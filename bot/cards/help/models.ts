import type { Coach, HelpChannel, Outcome, Ticket, TicketState, Urgency } from '../../domain/help/help-types';

/**
 * What the help cards show. Builders are pure: (model, locale) → Adaptive Card 1.5.
 * Every action carries the ticket id `t` (and the offer's `seq` where an offer is
 * answered) so stale or forged taps can be recognised.
 */

export interface Option {
  id: string;
  name: string;
}

/** `hulp`: topic (a domain), one-line question, urgency, how, where (prefilled). Verb `knowledge.ask` (an intake: `help.submit`). */
export interface HelpRequestModel {
  domains: Option[];
  where: string;
  /** Pre-selected topic (e.g. from the scan's weakest domain), if any. */
  topic?: string;
  /** An intake request from the scan result uses the same card with kind 'intake'. */
  kind: 'help' | 'intake';
  /** The question already asked (`hulp <vraag>`, or "Toch een digicoach" after articles), prefilled. */
  question?: string;
}

/** The requester's status card, replaced in place as the ticket moves. */
export interface RequesterStatusModel {
  ticket: Ticket;
  topicName: string;
  /** One-tap Teams chat link with the coach, once accepted (null if the coach has no e-mail/UPN). */
  chatUrl: string | null;
  /** Cancel while nobody helps yet; reopen within 7 days of resolving. */
  canCancel: boolean;
  canReopen: boolean;
  /** A short news message (a new chat message that notifies); the full card is updated in place. */
  compact?: boolean;
}

/** The 1:1 offer to one coach: Accept (`help.accept` {t, seq}) / Decline (`help.decline` {t, seq}, optional reason input `reason`). */
export interface CoachOfferModel {
  ticket: Ticket;
  topicName: string;
  requesterName: string;
  /** Plain-language reasons this coach was chosen (already localized by the caller? no: reason codes, see routing.ts). */
  reasons: string[];
  minutesToAnswer: number;
}

/** After accepting: Resolve (`help.resolve` {t}: inputs `outcome` solved|service-desk|training, `minutes` 1–480) or Give back (`help.giveBack` {t}). */
export interface CoachAssignedModel {
  ticket: Ticket;
  topicName: string;
  requesterName: string;
  chatUrl: string | null;
}

/** The coach's offer card when it is no longer theirs to answer. */
export interface CoachOfferClosedModel {
  ticket: Ticket;
  topicName: string;
  why: 'declined' | 'timed-out' | 'taken' | 'cancelled' | 'resolved' | 'given-back';
}

/** To the department's coaches and the programme coordinator after several offers without acceptance. Coaches may pick it up (`help.accept` {t, pool: true}). */
export interface EscalationModel {
  ticket: Ticket;
  topicName: string;
  offers: number;
  forCoach: boolean;
  /** To a contact person of the requester's department (told before the coordinator). */
  forContact?: boolean;
}

/** To the requester after resolving: `help.rate` {t} with inputs `rating` 1–5 and optional `comment`. */
export interface RatingModel {
  ticket: Ticket;
  coachName: string;
  topicName: string;
}

export interface TicketSummary {
  ticketId: string;
  state: TicketState;
  topicName: string;
  question: string;
  otherPartyName: string | null;
  createdAt: string;
  minutesToAccept: number | null;
  minutesToResolve: number | null;
  /** The minutes the coach said they spent when resolving (shown to the coach). */
  minutesSpent: number | null;
  rating: number | null;
}

export interface CoachStats {
  handled: number;
  medianMinutesToAccept: number | null;
  medianMinutesToResolve: number | null;
  averageRating: number | null;
  ratings: number;
  available: boolean;
  openTickets: number;
  maxOpenTickets: number;
  weekCount: number;
  weeklyCapacity: number;
}

/** `mijn tickets`: my questions, and for coaches the tickets I help with plus my own figures. */
export interface MyTicketsModel {
  asRequester: TicketSummary[];
  asCoach: TicketSummary[];
  coachStats: CoachStats | null;
}

/** `word digicoach`: skills (multi-select domains), location, department (if unknown), max open tickets, weekly capacity, working days and hours, takes intakes. Verb `help.register`, inputs: `domains` (comma-separated), `locationId`, `departmentId`, `maxOpenTickets`, `weeklyCapacity`, `days` (comma-separated 1–7), `start`, `end` (HH:MM), `takesIntakes` ('true'|'false'). */
export interface CoachRegistrationModel {
  domains: Option[];
  locations: Option[];
  departments: Option[];
  current: Pick<
    Coach,
    | 'domains'
    | 'locationId'
    | 'departmentId'
    | 'maxOpenTickets'
    | 'weeklyCapacity'
    | 'workingHours'
    | 'takesIntakes'
    | 'approval'
  > | null;
  /** Hide the department question when the directory knows it. */
  departmentKnown: boolean;
  /** The location the directory gives the colleague: chosen already for a new coach. */
  ownLocationId?: string;
}

export type { HelpChannel, Outcome, Urgency };
