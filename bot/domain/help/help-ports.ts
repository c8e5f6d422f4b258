import type { Versioned } from '../scan/scan-types';
import type { Coach, Ticket } from './help-types';
import type { Availability } from './routing';
import type { AggregateScope } from '../scan/scan-types';

export interface CoachRepository {
  list(tenantId: string): Promise<Array<Versioned<Coach>>>;
  get(tenantId: string, userId: string): Promise<Versioned<Coach> | null>;
  createIfMissing(coach: Coach): Promise<boolean>;
  /** Throws a conflict AppError when the coach changed since read. */
  replace(coach: Coach, etag: string): Promise<Versioned<Coach>>;
  upsert(coach: Coach): Promise<void>;
  /** Whether the demo's coaches were seeded in this tenant once already (so a coach removed since stays removed). */
  seeded(tenantId: string): Promise<boolean>;
  markSeeded(tenantId: string, at: string): Promise<void>;
}

export interface TicketRepository {
  create(ticket: Ticket): Promise<Versioned<Ticket>>;
  get(tenantId: string, ticketId: string): Promise<Versioned<Ticket> | null>;
  /** Throws a conflict AppError when the ticket changed since read: two clicks, one outcome. */
  replace(ticket: Ticket, etag: string): Promise<Versioned<Ticket>>;
  forRequester(tenantId: string, userId: string, limit: number): Promise<Ticket[]>;
  forCoach(tenantId: string, coachId: string, limit: number): Promise<Ticket[]>;
  /** Tickets of all tenants still waiting for their first routing, due by `now` (the scheduler's sweep). */
  dueForRouting(now: Date, limit: number): Promise<Array<Versioned<Ticket>>>;
}

/**
 * A persisted due time, claimed by exactly one server instance through an ETag lease: an
 * offer's time-out, or `route`: a ticket put back to searching by a decline or give-back, whose
 * next offer a sweep makes if the step stops half-way. (A new ticket carries its own due time,
 * `Ticket.routeDueAt`.)
 */
export interface Timer {
  id: string;
  tenantId: string;
  /** An offer's time-out, a new ticket to route, or the coordinator's turn in an escalation the contact persons had first. */
  kind: 'offer-timeout' | 'route' | 'coordinator-escalation';
  ticketId: string;
  /** The offer a time-out belongs to; 0 for `route`. */
  seq: number;
  dueAt: string;
  lease: { owner: string; until: string } | null;
}

export interface TimerRepository {
  schedule(timer: Timer): Promise<void>;
  cancel(tenantId: string, id: string): Promise<void>;
  /** Due timers of all tenants (the scheduler's sweep), oldest first. */
  due(now: Date, limit: number): Promise<Array<Versioned<Timer>>>;
  /** Takes the lease if the timer is unchanged since read; null when another instance was first. */
  claim(timer: Timer, etag: string, owner: string, until: Date): Promise<Versioned<Timer> | null>;
  complete(timer: Timer): Promise<void>;
}

/** Teams presence (Graph) for coaches; the development adapter reports everyone as available. */
export interface Presence {
  availability(tenantId: string, userIds: string[]): Promise<Map<string, Availability>>;
}

export type HelpEvent =
  | { type: 'requested'; intake: boolean; month: string }
  | { type: 'offered' }
  | { type: 'declined' }
  | { type: 'timed-out' }
  | { type: 'escalated' }
  | { type: 'accepted'; minutesToAccept: number }
  | {
      type: 'resolved';
      minutesToResolve: number;
      minutesSpent: number;
      outcome: 'solved' | 'service-desk' | 'training';
      month: string;
    }
  | { type: 'rated'; rating: number }
  /** "Dit hielp me": a help question solved by a knowledge article before any coach was asked (answered at once). */
  | { type: 'article-solved' }
  | { type: 'cancelled' }
  | { type: 'reopened' };

export type HelpScope = AggregateScope | { kind: 'coach-department' | 'coach-location'; id: string };

export interface HelpAggregates {
  record(tenantId: string, scopes: HelpScope[], event: HelpEvent): Promise<void>;
}

export const everyoneAvailable: Presence = {
  availability: async (_tenantId, userIds) => new Map(userIds.map((id) => [id, 'available' as const])),
};
