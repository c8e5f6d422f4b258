import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import type { Clock } from '../ports';
import { isConflict } from '../errors';
import type { TicketRepository, TimerRepository } from './help-ports';

export interface DueHandler {
  offerTimedOut(tenantId: string, ticketId: string, seq: number): Promise<void>;
  /** A ticket whose routing is overdue: a new one its own instance did not route within the grace time (which ended at `dueAt`), or a route timer's. */
  routeTicket(tenantId: string, ticketId: string, dueAt: Date): Promise<void>;
  /** An escalation's second step (the coordinator's turn); see HelpService.coordinatorDue. */
  coordinatorDue?(tenantId: string, ticketId: string): Promise<void>;
}

/**
 * Picks up persisted due times (offer time-outs, new tickets not routed in time). Several server instances may sweep at
 * once: each timer is claimed with an ETag lease, so exactly one instance handles it;
 * a crashed instance's lease expires and the timer is handled by the next sweep. A new
 * ticket carries its own due time (`routeDueAt`) and is claimed the same way, on the ticket.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly deps: {
      timers: TimerRepository;
      /** New tickets whose first routing is overdue (absent: only timers are swept). */
      tickets?: Pick<TicketRepository, 'dueForRouting' | 'replace'>;
      handler: DueHandler;
      clock: Clock;
      log: Log;
      owner?: string;
      leaseMs?: number;
      batch?: number;
    },
    readonly owner = deps.owner ?? randomUUID(),
  ) {}

  /** Handles every timer due now; returns how many this instance handled. */
  async runDue(): Promise<number> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  start(intervalMs = 5000): void {
    this.timer = setInterval(
      () => void this.runDue().catch((err) => this.deps.log.error({ err }, 'scheduler sweep failed')),
      intervalMs,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.timers.due(now, this.deps.batch ?? 50);
    let handled = 0;
    for (const { value: timer, etag } of due) {
      if (timer.lease && Date.parse(timer.lease.until) > now.getTime()) continue; // another instance is on it
      const claimed = await this.deps.timers.claim(
        timer,
        etag,
        this.owner,
        new Date(now.getTime() + (this.deps.leaseMs ?? 60_000)),
      );
      if (!claimed) continue;
      try {
        if (timer.kind === 'route')
          await this.deps.handler.routeTicket(timer.tenantId, timer.ticketId, new Date(timer.dueAt));
        else if (timer.kind === 'coordinator-escalation')
          await this.deps.handler.coordinatorDue?.(timer.tenantId, timer.ticketId);
        else await this.deps.handler.offerTimedOut(timer.tenantId, timer.ticketId, timer.seq);
        await this.deps.timers.complete(timer);
        handled++;
      } catch (err) {
        // The lease runs out and a later sweep tries again.
        this.deps.log.error({ err, ticketId: timer.ticketId, tenantId: timer.tenantId }, 'due timer failed');
      }
    }
    return handled + (await this.sweepRoutes(now));
  }

  /**
   * New tickets still waiting for their first routing past their due time. The claim moves the
   * ticket's due time past a lease with its ETag: one instance routes it, and if that one stops
   * too, the ticket is due again once the lease is over. Routing removes the due time.
   */
  private async sweepRoutes(now: Date): Promise<number> {
    const tickets = this.deps.tickets;
    if (!tickets) return 0;
    let handled = 0;
    for (const { value: ticket, etag } of await tickets.dueForRouting(now, this.deps.batch ?? 50)) {
      const until = new Date(now.getTime() + (this.deps.leaseMs ?? 60_000)).toISOString();
      try {
        await tickets.replace({ ...ticket, routeDueAt: until }, etag);
      } catch (err) {
        if (!isConflict(err)) this.deps.log.error({ err, ticketId: ticket.ticketId }, 'route claim failed');
        continue; // another instance claimed or routed it meanwhile
      }
      try {
        await this.deps.handler.routeTicket(ticket.tenantId, ticket.ticketId, new Date(ticket.routeDueAt ?? now));
        handled++;
      } catch (err) {
        // The lease runs out and a later sweep tries again.
        this.deps.log.error({ err, ticketId: ticket.ticketId, tenantId: ticket.tenantId }, 'due route failed');
      }
    }
    return handled;
  }
}
