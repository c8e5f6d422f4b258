import { isConflict } from '../errors';
import type { Log } from '../log';
import type { Clock } from '../ports';
import { stillDayBefore } from './event-time';
import type { EventRepository, LearningEvent } from './event-types';
import type { EventNotifier, EventService } from './event-service';

/**
 * The day-before reminder, exactly once per person and event, by any number of instances.
 *
 * 1. An instance takes a due event with a lease (a conditional write of `reminderLease`);
 *    while the lease runs no other instance works on it.
 * 2. Per confirmed participant it writes `reminder: 'sending'` (conditional), then hands the
 *    card to the throttled outbound queue, then writes `sent`, `failed` or `skipped`.
 * 3. An entry found in `sending` by a new lease holder was being sent when its instance
 *    stopped: it may have arrived, so it becomes `failed` and is never sent again.
 * 4. When nobody is left, `dueAt` is cleared, so the event is not read again.
 * A reminder is only sent while the event's own day has not begun (locally); a participant who
 * signs up after the reminders went out gets none (they just signed up).
 */
export class EventReminders {
  constructor(
    private readonly deps: {
      repo: EventRepository;
      events: EventService;
      notifier: EventNotifier;
      clock: Clock;
      log: Log;
      leaseMs?: number;
    },
  ) {}

  /** Handles every due event now; how many reminders were sent. */
  async runDue(): Promise<number> {
    let sent = 0;
    for (const due of await this.deps.repo.dueReminders(this.deps.clock.now(), 50)) {
      try {
        sent += await this.remind(due.value.tenantId, due.value.eventId);
      } catch (err) {
        this.deps.log.warn(
          { err, eventId: due.value.eventId },
          'events: reminders for an event failed; tried again later',
        );
      }
    }
    return sent;
  }

  private get owner(): string {
    return this.deps.events.instance;
  }

  private async remind(tenantId: string, eventId: string): Promise<number> {
    const { events } = this.deps;
    const now = () => this.deps.clock.now();
    const leaseMs = this.deps.leaseMs ?? 120_000;
    let mine = false;
    try {
      await events.change(tenantId, eventId, (e) => {
        if (!e.dueAt || Date.parse(e.dueAt) > now().getTime()) return null;
        if (e.reminderLease && Date.parse(e.reminderLease.until) > now().getTime()) return null;
        mine = true;
        return {
          ...e,
          reminderLease: { owner: this.owner, until: new Date(now().getTime() + leaseMs).toISOString() },
          // Left in `sending` by an instance that stopped: delivery unknown, never again.
          signups: e.signups.map((s) => (s.reminder === 'sending' ? { ...s, reminder: 'failed' } : s)),
        };
      });
    } catch (err) {
      if (isConflict(err)) return 0;
      throw err;
    }
    if (!mine) return 0;
    let sent = 0;
    for (;;) {
      let userId: string | null = null;
      let event: LearningEvent | null = null;
      event = await events.change(tenantId, eventId, (e) => {
        if (e.reminderLease?.owner !== this.owner) throw new Error('event reminder lease lost');
        const open = e.status === 'scheduled' && stillDayBefore(now(), new Date(e.startsAt), e.timeZone);
        const next = e.signups.find((s) => s.status === 'confirmed' && !s.reminder);
        if (!next) return { ...e, dueAt: null, reminderLease: null };
        if (!open)
          return {
            ...e,
            dueAt: null,
            reminderLease: null,
            signups: e.signups.map((s) =>
              s.status === 'confirmed' && !s.reminder ? { ...s, reminder: 'skipped' } : s,
            ),
          };
        userId = next.userId;
        return {
          ...e,
          // Each step renews the lease, so a long list keeps it while the instance lives.
          reminderLease: { owner: this.owner, until: new Date(now().getTime() + leaseMs).toISOString() },
          signups: e.signups.map((s) => (s.userId === next.userId ? { ...s, reminder: 'sending' } : s)),
        };
      });
      if (!userId) return sent;
      const to: string = userId;
      const view = events.view(event, { tenantId, userId: to }, false);
      let outcome: 'sent' | 'failed' | 'skipped';
      try {
        outcome = await this.deps.notifier.remind(tenantId, to, view);
      } catch (err) {
        this.deps.log.warn({ err, eventId }, 'events: a reminder failed');
        outcome = 'failed';
      }
      if (outcome === 'sent') sent += 1;
      await events.change(tenantId, eventId, (e) => ({
        ...e,
        signups: e.signups.map((s) => (s.userId === to && s.reminder === 'sending' ? { ...s, reminder: outcome } : s)),
      }));
    }
  }
}
