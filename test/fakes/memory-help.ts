import { AppError } from '../../bot/domain/errors';
import type {
  CoachRepository,
  HelpAggregates,
  HelpEvent,
  TicketRepository,
  Timer,
  TimerRepository,
} from '../../bot/domain/help/help-ports';
import type { HelpNotifier } from '../../bot/domain/help/help-service';
import type { Coach, Ticket } from '../../bot/domain/help/help-types';
import type { Versioned } from '../../bot/domain/scan/scan-types';

const conflict = () => new AppError('conflict', 409, 'error.conflict');
const clone = <T>(v: T): T => structuredClone(v);

/** Records in memory with Cosmos' ETag rules: a replace with a stale ETag is a conflict. */
class VersionedMap<T> {
  private seq = 0;
  readonly items = new Map<string, { value: T; etag: string }>();

  put(key: string, value: T): Versioned<T> {
    const etag = `"${++this.seq}"`;
    this.items.set(key, { value: clone(value), etag });
    return { value: clone(value), etag };
  }

  get(key: string): Versioned<T> | null {
    const found = this.items.get(key);
    return found ? { value: clone(found.value), etag: found.etag } : null;
  }

  replace(key: string, value: T, etag: string): Versioned<T> {
    if (this.items.get(key)?.etag !== etag) throw conflict();
    return this.put(key, value);
  }

  values(): T[] {
    return [...this.items.values()].map((v) => clone(v.value));
  }
}

export class MemoryTicketRepository implements TicketRepository {
  readonly store = new VersionedMap<Ticket>();
  async create(ticket: Ticket) {
    // As in Cosmos: a ticket id that exists already is refused (a repeated submit finds the first).
    if (this.store.get(`${ticket.tenantId}|${ticket.ticketId}`)) throw new AppError('conflict', 409, 'error.conflict');
    return this.store.put(`${ticket.tenantId}|${ticket.ticketId}`, ticket);
  }
  async get(tenantId: string, ticketId: string) {
    return this.store.get(`${tenantId}|${ticketId}`);
  }
  async replace(ticket: Ticket, etag: string) {
    return this.store.replace(`${ticket.tenantId}|${ticket.ticketId}`, ticket, etag);
  }
  async forRequester(tenantId: string, userId: string, limit: number) {
    return this.store
      .values()
      .filter((t) => t.tenantId === tenantId && t.requester.userId === userId)
      .slice(0, limit);
  }
  async forCoach(tenantId: string, coachId: string, limit: number) {
    return this.store
      .values()
      .filter((t) => t.tenantId === tenantId && t.coachId === coachId)
      .slice(0, limit);
  }
  async dueForRouting(now: Date, limit: number) {
    return [...this.store.items.values()]
      .filter(({ value: t }) => t.state === 'searching' && t.routeDueAt && Date.parse(t.routeDueAt) <= now.getTime())
      .slice(0, limit)
      .map(({ value, etag }) => ({ value: clone(value), etag }));
  }
}

export class MemoryCoachRepository implements CoachRepository {
  readonly store = new VersionedMap<Coach>();
  private readonly seededTenants = new Set<string>();
  async list(tenantId: string) {
    return [...this.store.items.keys()].filter((k) => k.startsWith(`${tenantId}|`)).map((k) => this.store.get(k)!);
  }
  async get(tenantId: string, userId: string) {
    return this.store.get(`${tenantId}|${userId}`);
  }
  async createIfMissing(coach: Coach) {
    if (this.store.get(`${coach.tenantId}|${coach.userId}`)) return false;
    this.store.put(`${coach.tenantId}|${coach.userId}`, coach);
    return true;
  }
  async replace(coach: Coach, etag: string) {
    return this.store.replace(`${coach.tenantId}|${coach.userId}`, coach, etag);
  }
  async upsert(coach: Coach) {
    this.store.put(`${coach.tenantId}|${coach.userId}`, coach);
  }
  async seeded(tenantId: string) {
    return this.seededTenants.has(tenantId);
  }
  async markSeeded(tenantId: string) {
    this.seededTenants.add(tenantId);
  }
}

/** Offer time-outs in memory; `due` hands out what a sweep would (leases are not contended here). */
export class MemoryTimerRepository implements TimerRepository {
  readonly store = new VersionedMap<Timer>();
  async schedule(timer: Timer) {
    this.store.put(`${timer.tenantId}|${timer.id}`, timer);
  }
  async cancel(tenantId: string, id: string) {
    this.store.items.delete(`${tenantId}|${id}`);
  }
  async due(now: Date, limit: number) {
    return [...this.store.items.keys()]
      .map((k) => this.store.get(k)!)
      .filter((t) => Date.parse(t.value.dueAt) <= now.getTime())
      .slice(0, limit);
  }
  async claim(timer: Timer, etag: string, owner: string, until: Date) {
    try {
      return this.store.replace(
        `${timer.tenantId}|${timer.id}`,
        { ...timer, lease: { owner, until: until.toISOString() } },
        etag,
      );
    } catch {
      return null;
    }
  }
  async complete(timer: Timer) {
    this.store.items.delete(`${timer.tenantId}|${timer.id}`);
  }
}

export class RecordingHelpAggregates implements HelpAggregates {
  readonly events: HelpEvent[] = [];
  async record(_tenantId: string, _scopes: unknown[], event: HelpEvent) {
    this.events.push(event);
  }
}

/** What the help flow would tell people, in order: offers to coaches, closed offers, the requester's updates. */
export class RecordingNotifier implements HelpNotifier {
  readonly offers: Array<{ ticketId: string; coachId: string }> = [];
  readonly closed: Array<{ coachId: string; why: string }> = [];
  readonly requesterUpdates: Array<{ state: Ticket['state']; notify: boolean }> = [];
  readonly escalations: Array<{ pool: string[]; coordinatorId: string | null }> = [];
  async offer(ticket: Ticket, coach: Coach) {
    this.offers.push({ ticketId: ticket.ticketId, coachId: coach.userId });
    return `offer-card-${this.offers.length}`;
  }
  async offerClosed(_ticket: Ticket, coachId: string, _activityId: unknown, why: string) {
    this.closed.push({ coachId, why });
  }
  async requester(ticket: Ticket, notify: boolean) {
    this.requesterUpdates.push({ state: ticket.state, notify });
  }
  async rating() {}
  async escalation(_ticket: Ticket, coachIds: string[], coordinatorId: string | null) {
    this.escalations.push({ pool: coachIds, coordinatorId });
  }
  readonly contactEscalations: Array<{ ticketId: string; contactIds: string[] }> = [];
  async contactEscalation(ticket: Ticket, contactIds: string[]) {
    this.contactEscalations.push({ ticketId: ticket.ticketId, contactIds });
  }
}
