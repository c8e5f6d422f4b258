import assert from 'node:assert/strict';
import { createLogger } from '../../bot/logger';
import { Scheduler } from '../../bot/domain/help/scheduler';
import { CosmosTimerRepository } from '../../bot/storage/cosmos-help';
import { withRunningApp } from '../helpers/app';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';

describe('the scheduler with several server instances', () => {
  let timers: CosmosTimerRepository;
  const log = createLogger('silent');
  const running = withRunningApp({ scheduler: false });
  before(async () => {
    timers = new CosmosTimerRepository(running.app.store.containers.schedule);
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
});
