import assert from 'node:assert/strict';
import { createLogger } from '../../bot/logger';
import { Scheduler } from '../../bot/domain/help/scheduler';
import type { Ticket } from '../../bot/domain/help/help-types';
import { CosmosTicketRepository, CosmosTimerRepository } from '../../bot/storage/cosmos-help';
import { withRunningApp } from '../helpers/app';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';

describe('the scheduler with several server instances', () => {
  let timers: CosmosTimerRepository;
  let tickets: CosmosTicketRepository;
  const log = createLogger('silent');
  const running = withRunningApp({ scheduler: false });
  before(async () => {
    timers = new CosmosTimerRepository(running.app.store.containers.schedule);
    tickets = new CosmosTicketRepository(running.app.store.containers.tickets);
  });

  const ticket = (ticketId: string, tenantId: string, extra: Partial<Ticket>): Ticket => ({
    ticketId,
    tenantId,
    kind: 'help',
    requester: { userId: `requester-${ticketId}`, name: 'Vrager', locale: 'nl-NL' },
    topic: 'devices',
    question: 'Mijn laptop start niet op',
    urgency: 'today',
    channel: 'chat',
    where: '',
    state: 'searching',
    offer: null,
    offerCount: 0,
    passedBy: [],
    coachId: null,
    coachName: null,
    events: [],
    createdAt: TUESDAY_MORNING,
    updatedAt: TUESDAY_MORNING,
    ...extra,
  });

  const timer = (ticketId: string, dueAt: string) => ({
    id: `timer:${ticketId}:1`,
    tenantId: 'tenant-a',
    kind: 'offer-timeout' as const,
    ticketId,
    seq: 1,
    dueAt,
    lease: null,
  });

  it('lets exactly one instance handle each due timer', async () => {
    const clock = new FakeClock(TUESDAY_MORNING);
    for (let i = 0; i < 20; i++)
      await timers.schedule(timer(`t${i}`, new Date(clock.now().getTime() - 1000).toISOString()));
    const handled: string[] = [];
    const handler = {
      offerTimedOut: async (_tenant: string, ticketId: string) => void handled.push(ticketId),
      routeTicket: async () => undefined,
    };
    const instances = [1, 2, 3].map((n) => new Scheduler({ timers, handler, clock, log, owner: `instance-${n}` }));
    const counts = await Promise.all(instances.map((s) => s.runDue()));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      20,
    );
    assert.equal(new Set(handled).size, 20);
    assert.equal(handled.length, 20, 'no timer handled twice');
    assert.equal((await timers.due(clock.now(), 100)).length, 0, 'handled timers are gone');
  });

  it('leaves timers that are not due yet', async () => {
    const clock = new FakeClock(TUESDAY_MORNING);
    await timers.schedule(timer('later', new Date(clock.now().getTime() + 60_000).toISOString()));
    const handled: string[] = [];
    const s = new Scheduler({
      timers,
      handler: { offerTimedOut: async (_t, id) => void handled.push(id), routeTicket: async () => undefined },
      clock,
      log,
    });
    assert.equal(await s.runDue(), 0);
    clock.advance(61_000);
    assert.equal(await s.runDue(), 1);
    assert.deepEqual(handled, ['later']);
  });

  it("takes over a crashed instance's claim once its lease has run out", async () => {
    const clock = new FakeClock(TUESDAY_MORNING);
    await timers.schedule(timer('crash', new Date(clock.now().getTime() - 1000).toISOString()));
    const crashing = new Scheduler({
      timers,
      handler: {
        offerTimedOut: async () => {
          throw new Error('instance died mid-way');
        },
        routeTicket: async () => undefined,
      },
      clock,
      log,
      owner: 'crashing',
      leaseMs: 60_000,
    });
    assert.equal(await crashing.runDue(), 0);
    const handled: string[] = [];
    const healthy = new Scheduler({
      timers,
      handler: { offerTimedOut: async (_t, id) => void handled.push(id), routeTicket: async () => undefined },
      clock,
      log,
      owner: 'healthy',
    });
    assert.equal(await healthy.runDue(), 0, 'the lease still holds');
    clock.advance(61_000);
    assert.equal(await healthy.runDue(), 1, 'after the lease expires another instance handles it');
    assert.deepEqual(handled, ['crash']);
  });

  it('routes each new ticket its instance did not route in time exactly once, across instances and tenants', async () => {
    const clock = new FakeClock(TUESDAY_MORNING);
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    const future = new Date(clock.now().getTime() + 60_000).toISOString();
    for (let i = 0; i < 12; i++)
      await tickets.create(ticket(`due-${i}`, i % 2 ? 'tenant-a' : 'tenant-b', { routeDueAt: past }));
    await tickets.create(ticket('in-grace', 'tenant-a', { routeDueAt: future }));
    await tickets.create(ticket('routed', 'tenant-a', { state: 'offered' }));
    await tickets.create(ticket('searching-again', 'tenant-a', {})); // a decline put it back: its route timer covers it
    const routed: string[] = [];
    const handler = {
      offerTimedOut: async () => undefined,
      // As the help service does: the first offer (or escalation) removes the due time.
      routeTicket: async (tenantId: string, ticketId: string) => {
        routed.push(ticketId);
        const current = (await tickets.get(tenantId, ticketId))!;
        const { routeDueAt: _done, ...rest } = current.value;
        await tickets.replace({ ...rest, state: 'escalated' }, current.etag);
      },
    };
    const instances = [1, 2, 3].map(
      (n) => new Scheduler({ timers, tickets, handler, clock, log, owner: `instance-${n}` }),
    );
    await Promise.all(instances.map((s) => s.runDue()));
    assert.deepEqual(
      routed.sort(),
      Array.from({ length: 12 }, (_, i) => `due-${i}`).sort(),
      'each overdue ticket routed by one instance, nothing else',
    );
    clock.advance(120_000);
    routed.length = 0;
    await Promise.all(instances.map((s) => s.runDue()));
    assert.deepEqual(routed, ['in-grace'], 'later: only the one whose grace time ran out since');
  });

  it('routes a new ticket again once the lease of an instance that died routing it has run out', async () => {
    const clock = new FakeClock(TUESDAY_MORNING);
    await tickets.create(
      ticket('route-crash', 'tenant-c', { routeDueAt: new Date(clock.now().getTime() - 1000).toISOString() }),
    );
    const crashing = new Scheduler({
      timers,
      tickets,
      handler: {
        offerTimedOut: async () => undefined,
        routeTicket: async () => {
          throw new Error('instance died mid-way');
        },
      },
      clock,
      log,
      leaseMs: 60_000,
    });
    assert.equal(await crashing.runDue(), 0);
    const routed: string[] = [];
    const healthy = new Scheduler({
      timers,
      tickets,
      handler: { offerTimedOut: async () => undefined, routeTicket: async (_t, id) => void routed.push(id) },
      clock,
      log,
    });
    assert.equal(await healthy.runDue(), 0, 'the lease still holds');
    clock.advance(61_000);
    assert.equal(await healthy.runDue(), 1, 'after the lease another instance routes it');
    assert.deepEqual(routed, ['route-crash']);
  });
});
