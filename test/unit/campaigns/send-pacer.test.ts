import assert from 'node:assert/strict';
import { SendPacer } from '../../../bot/domain/campaigns/send-pacer';
import { MemorySlotStore } from '../../fakes/memory-campaigns';
import { busiestSecond } from '../../helpers/rate';

/** Simulated time: sleeping moves the clock, so the test is exact and instant. */
function timeline() {
  let now = 1_000_000;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe("a tenant's campaign send rate shared by every instance", () => {
  it('lets two instances together send at the rate, never above it in any second', async () => {
    // Virtual time with real concurrency: both instances always have work and wait for slots at once.
    let now = 1_000_000;
    const timers: Array<{ at: number; wake: () => void }> = [];
    const sleep = (ms: number) => new Promise<void>((wake) => timers.push({ at: now + ms, wake }));
    const store = new MemorySlotStore();
    const pacers = [0, 1].map(() => new SendPacer({ store, ratePerSecond: 30, now: () => now, sleep }));
    const sent: number[] = [];
    const start = now;
    const workers = pacers.map(async (p) => {
      while (sent.length < 600) {
        await p.take('t1');
        sent.push(now);
      }
    });
    while (sent.length < 600) {
      await new Promise((r) => setImmediate(r));
      timers.sort((x, y) => x.at - y.at);
      const next = timers.shift();
      if (next) {
        now = Math.max(now, next.at);
        next.wake();
      }
    }
    for (const t of timers) t.wake();
    await Promise.all(workers);
    assert.ok(busiestSecond(sent) <= 30, `at most 30 in any second (got ${busiestSecond(sent)})`);
    const rate = sent.length / ((Math.max(...sent) - start) / 1000);
    assert.ok(rate >= 28, `close to the rate (${rate.toFixed(1)}/s)`);
  });

  it('paces each tenant on its own', async () => {
    const time = timeline();
    const pacer = new SendPacer({ store: new MemorySlotStore(), ratePerSecond: 10, ...time });
    const start = time.now();
    for (let i = 0; i < 10; i++) {
      await pacer.take('t1');
      await pacer.take('t2');
    }
    assert.ok(time.now() - start < 1100, 'twenty sends for two tenants at 10/s each take about a second');
  });

  it('does not save up unused time for a burst later', async () => {
    const time = timeline();
    const pacer = new SendPacer({ store: new MemorySlotStore(), ratePerSecond: 10, chunkMs: 1000, ...time });
    await pacer.take('t1');
    await time.sleep(5000);
    const sent: number[] = [];
    for (let i = 0; i < 20; i++) {
      await pacer.take('t1');
      sent.push(time.now());
    }
    assert.ok(busiestSecond(sent) <= 10, `no burst after an idle spell (${busiestSecond(sent)})`);
  });
});
