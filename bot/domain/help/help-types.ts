import type { CoachProfile } from '../org';

export type Urgency = 'now' | 'today' | 'week';
export type HelpChannel = 'chat' | 'call' | 'in-person';
export type Outcome = 'solved' | 'service-desk' | 'training';
export type TicketKind = 'help' | 'intake';

export type TicketState = 'searching' | 'offered' | 'escalated' | 'accepted' | 'resolved' | 'rated' | 'cancelled';
/** A request still waiting for a coach: looking for one, offered to one, or escalated. The requester can cancel it. */
export const OPEN_STATES: ReadonlySet<TicketState> = new Set(['searching', 'offered', 'escalated']);
/** Ticket states in which the help is over (only the requester can reopen a resolved one, for a few days). */
export const CLOSED_STATES: ReadonlySet<TicketState> = new Set(['resolved', 'rated', 'cancelled']);

export type TicketEventType =
  | 'created'
  | 'offered'
  | 'declined'
  | 'timed-out'
  | 'accepted'
  | 'given-back'
  | 'chat-started'
  | 'resolved'
  | 'rated'
  | 'cancelled'
  | 'reopened'
  | 'escalated';

/** One step of a ticket, with its timestamp. The list is append-only: timings are derived from it. */
export interface TicketEvent {
  type: TicketEventType;
  at: string;
  /** The user who acted (requester or coach), when a person acted. */
  by?: string;
  coachId?: string;
  /** Why this coach was offered the ticket (ranking reasons). */
  reasons?: string[];
  reason?: string;
  outcome?: Outcome;
  minutes?: number;
  rating?: number;
}

export interface Requester {
  userId: string;
  name: string;
  email?: string;
  teamId?: string;
  departmentId?: string;
  locationId?: string;
  locale: string;
}

export interface CurrentOffer {
  coachId: string;
  offeredAt: string;
  dueAt: string;
  /** Increases with every offer, so a late time-out of an earlier offer changes nothing. */
  seq: number;
  /** The coach's offer card, to update it in place. */
  activityId?: string | null;
}

export interface Ticket {
  ticketId: string;
  tenantId: string;
  kind: TicketKind;
  requester: Requester;
  topic: string;
  question: string;
  urgency: Urgency;
  channel: HelpChannel;
  where: string;
  state: TicketState;
  offer: CurrentOffer | null;
  offerCount: number;
  /** Coaches who declined, timed out or gave this ticket back: never offered it again. */
  passedBy: string[];
  coachId: string | null;
  coachName: string | null;
  coachActivityId?: string | null;
  /** When the programme coordinator was told (after the department's contact persons had their turn). */
  coordinatorToldAt?: string;
  /** The requester's status card, updated in place as the ticket moves. */
  requesterActivityId?: string | null;
  /**
   * Set while a new ticket waits for its first routing: when any instance's sweep routes it
   * if the instance that stored it has not (it stopped). The ticket carries its own due time,
   * so a submit is one write; the first offer or escalation removes it.
   */
  routeDueAt?: string;
  outcome?: Outcome;
  minutesSpent?: number;
  rating?: number;
  comment?: string;
  events: TicketEvent[];
  createdAt: string;
  updatedAt: string;
}

/** A digicoach as routing sees them: the directory profile plus their live load. */
export interface Coach extends CoachProfile {
  tenantId: string;
  userId: string;
  name: string;
  email?: string;
  teamId?: string;
  departmentId?: string;
  locationId?: string;
  openTickets: number;
  /** Offers waiting for this coach's answer; they count against the maximum too, so bursts spread. */
  pendingOffers: number;
  /** ISO week ("2026-W48") the weekCount belongs to. */
  weekKey: string;
  weekCount: number;
  lastOfferedAt: string | null;
  registeredAt: string;
  /** Absent: approved (coaches from before approval existed, the demo's and the admin's own). */
  approval?: CoachApproval;
  /** Accepted questions of earlier ISO weeks (at most the last 8), for the coordinator's load view. */
  weekHistory?: Record<string, number>;
}

export type CoachApproval =
  | { state: 'pending'; since: string }
  | { state: 'approved' | 'rejected'; by: string; at: string };

/** Only approved coaches get offers, escalations and appear in "wie is mijn digicoach". */
export const isApproved = (c: Pick<Coach, 'approval'>): boolean => !c.approval || c.approval.state === 'approved';

/** Derived timings of a ticket (never typed in). */
export interface TicketTimings {
  secondsToAccept: number | null;
  secondsToResolve: number | null;
}

export function timingsOf(ticket: Pick<Ticket, 'events'>): TicketTimings {
  const created = ticket.events.find((e) => e.type === 'created' || e.type === 'reopened');
  const lastStart = [...ticket.events].reverse().find((e) => e.type === 'created' || e.type === 'reopened') ?? created;
  const accepted = [...ticket.events].reverse().find((e) => e.type === 'accepted');
  const resolved = [...ticket.events].reverse().find((e) => e.type === 'resolved');
  const seconds = (from?: TicketEvent, to?: TicketEvent) =>
    from && to && to.at >= from.at ? Math.round((Date.parse(to.at) - Date.parse(from.at)) / 1000) : null;
  return { secondsToAccept: seconds(lastStart, accepted), secondsToResolve: seconds(lastStart, resolved) };
}
