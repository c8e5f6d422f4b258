import assert from 'node:assert/strict';
import { RoutingWorker } from '../../../../bot/domain/help/routing-worker';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Routing tasks that record how many run at once and stay open until released. */
function recorder() {
  let running = 0;
  const log = { started: 0, maxAtOnce: 0 };
  const gates: Array<() => void> = [];
  const task = () => async () => {
    running++;
    log.started++;
    log.maxAtOnce = Math.max(log.maxAtOnce, running);
    await new Promise<void>((release) => gates.push(release));
    running--;
  };
  const releaseAll = () => gates.splice(0).forEach((release) => release());
  return { log, task, releaseAll };
}

describe('the routing worker yields to submit turns', () => {
  it('starts nothing while a burst of submits is being answered, then routes up to its width once it is quiet', async () => {
    const worker = new RoutingWorker({ size: 4, quietGapMs: 30, maxWaitMs: 5000 });
    const { log, task, releaseAll } = recorder();
    worker.submitStarted();
    const done = Array.from({ length: 10 }, () => worker.add(task()));
    await sleep(60);
    assert.equal(log.started, 0, 'no routing while a submit is under way');
    worker.submitEnded();
    assert.equal(log.started, 0, 'nor right after it: another submit of the burst may follow');
    await sleep(100);
    assert.equal(log.started, 4, 'quiet: four at once');
    let finished = 0;
    for (const d of done) void d.then(() => finished++);
    while (finished < done.length) {
      releaseAll();
      await sleep(5);
    }
    assert.equal(log.started, 10, 'every routing ran');
    assert.equal(log.maxAtOnce, 4, 'never more than four at once');
  });

  it('under a steady stream of submits, still routes: one at a time, each after waiting its longest', async () => {
    const worker = new RoutingWorker({ size: 4, quietGapMs: 30, maxWaitMs: 50 });
    const { log, task, releaseAll } = recorder();
    worker.submitStarted(); // never ends during this test: submits keep coming
    const done = Array.from({ length: 3 }, () => worker.add(task()));
    assert.equal(log.started, 0, 'waits first');
    await sleep(100);
    assert.equal(log.started, 1, 'then one, not more, while submits go on');
    for (let i = 0; i < 3; i++) {
      releaseAll();
      await sleep(20);
    }
    await Promise.all(done);
    assert.equal(log.started, 3, 'every routing ran');
    assert.equal(log.maxAtOnce, 1);
    worker.submitEnded();
  });

  it("passes a routing's failure on to whoever queued it", async () => {
    const worker = new RoutingWorker({ size: 2, quietGapMs: 10, maxWaitMs: 100 });
    await assert.rejects(
      worker.add(async () => {
        throw new Error('store unreachable');
      }),
      /store unreachable/,
    );
  });
});
