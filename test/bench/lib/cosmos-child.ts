/**
 * The embedded Cosmos server alone, in a process of its own and memory only (no snapshots
 * to disk): a benchmark's instances then reach their store over the network as they would
 * reach Azure Cosmos DB, and the store's work does not pause their event loop. Prints one
 * line `READY {"endpoint","key","ca"}`; closing stdin stops it.
 *
 *   node --import tsx test/bench/lib/cosmos-child.ts
 */
import { createLogger } from '../../../bot/logger';
import { startEmbeddedCosmos } from '../../../bot/storage/embedded/embedded-cosmos';
import { tempDir } from '../../helpers/app';

async function main(): Promise<void> {
  const certs = tempDir('dv-bench-cosmos-');
  const cosmos = await startEmbeddedCosmos({ certDir: certs.dir, dataDir: null, port: 0, log: createLogger('silent') });
  const ca = String((cosmos.agent.options as { ca?: unknown }).ca);
  process.stdout.write(`READY ${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key, ca })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void cosmos.stop().finally(() => {
      certs.remove();
      process.exit(0);
    });
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
