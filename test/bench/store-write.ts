/**
 * What durability costs per write on the embedded store: point upserts of a document the
 * size of a scan session half-way through a scan, through the real SDK, against the
 * embedded server memory-only and with its journal on disk (each write fdatasync'd before
 * the answer; concurrent writes share one sync). Targets:
 *   1. one write at a time (an answer turn's single write): p95 ≤ memory-only p95 + 5 ms;
 *   2. 32 writes in flight: journal throughput ≥ 0.8× memory-only (group commit: one sync
 *      serves every write that arrived while the previous one ran).
 *
 *   npx tsx test/bench/store-write.ts [--writes=500] [--concurrent=32] [--burst=3000]
 */
import { performance } from 'node:perf_hooks';
import type { Container } from '@azure/cosmos';
import { createLogger } from '../../bot/logger';
import { createCosmosClient, openCosmosStore } from '../../bot/storage/cosmos';
import { startEmbeddedCosmos } from '../../bot/storage/embedded/embedded-cosmos';
import { tempDir } from '../helpers/app';
import { line, machine, numArg, stats, Targets } from './lib/report';

const WRITES = numArg('writes', 500);
const CONCURRENT = Math.max(1, numArg('concurrent', 32));
const BURST = numArg('burst', 3000);
const log = createLogger('silent');

/** About the size of a stored session with 20 answers (2.4 kB). */
function sessionDoc(userKey: string, n: number): Record<string, unknown> {
  return {
    id: 'session',
    userKey,
    docType: 'session',
    tenantId: 'bench',
    userId: userKey,
    status: 'in-progress',
    profileId: 'algemeen',
    contentVersion: 'v1',
    startedAt: '2026-03-02T09:00:00.000Z',
    answers: Array.from({ length: 20 }, (_, i) => ({
      itemId: `item-${String(i).padStart(3, '0')}-informatie-zoeken`,
      value: String((i + n) % 4),
      at: '2026-03-02T09:01:00.000Z',
    })),
    position: n,
  };
}

async function measure(durable: boolean) {
  const dir = tempDir('dv-bench-store-');
  const cosmos = await startEmbeddedCosmos({
    certDir: dir.dir,
    dataDir: durable ? `${dir.dir}/cosmos` : null,
    port: 0,
    log,
  });
  const store = await openCosmosStore({
    kind: 'embedded',
    client: createCosmosClient(cosmos),
    databaseId: 'bench',
    log,
  });
  const scans: Container = store.containers.scans;
  for (let i = 0; i < 50; i++) await scans.items.upsert(sessionDoc(`warm-${i}`, i)); // warm up TLS and the JIT
  const single: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const t0 = performance.now();
    await scans.items.upsert(sessionDoc(`u-${i % 100}`, i));
    single.push(performance.now() - t0);
  }
  const inFlight: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next < BURST) {
        const n = next++;
        const s = performance.now();
        await scans.items.upsert(sessionDoc(`b-${n % 1000}`, n));
        inFlight.push(performance.now() - s);
      }
    }),
  );
  const perSecond = BURST / ((performance.now() - t0) / 1000);
  store.client.dispose();
  await cosmos.stop();
  dir.remove();
  return { single: stats(single), inFlight: stats(inFlight), perSecond };
}

async function main(): Promise<void> {
  console.log(`Embedded store writes (${machine()})`);
  const memory = await measure(false);
  const journal = await measure(true);
  console.log(line('memory only, one at a time', memory.single));
  console.log(line('journal, one at a time', journal.single));
  console.log(line(`memory only, ${CONCURRENT} in flight`, memory.inFlight));
  console.log(line(`journal, ${CONCURRENT} in flight`, journal.inFlight));
  console.log(
    `  throughput ${CONCURRENT} in flight: memory only ${memory.perSecond.toFixed(0)}/s, journal ${journal.perSecond.toFixed(0)}/s`,
  );
  const targets = new Targets();
  const added = journal.single.p95 - memory.single.p95;
  targets.check(
    added <= 5,
    'one write at a time: journal p95 ≤ memory-only p95 + 5 ms',
    `${journal.single.p95.toFixed(2)} ms vs ${memory.single.p95.toFixed(2)} ms (+${added.toFixed(2)} ms, p50 +${(journal.single.p50 - memory.single.p50).toFixed(2)} ms)`,
  );
  targets.check(
    journal.perSecond >= 0.8 * memory.perSecond,
    `${CONCURRENT} writes in flight: journal throughput ≥ 0.8× memory-only`,
    `${journal.perSecond.toFixed(0)}/s (memory only ${memory.perSecond.toFixed(0)}/s)`,
  );
  targets.finish();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
