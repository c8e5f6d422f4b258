/**
 * The server under test for dashboard.ts, in its own process (run with --expose-gc): one
 * app on the embedded store holding one generated organisation per size (each its own
 * tenant), written through the repositories (directory, org shape, aggregate import). Prints
 * one line `READY {json}`. On stdin, `rss` answers `RSS <bytes>` after a garbage collection;
 * closing stdin stops it.
 *
 * Every organisation is generated before the app starts: generating 50,000 people blocks
 * the event loop for seconds, and with the store's keep-alive connections already open that
 * made the store drop a connection as it was being reused (`read ECONNRESET`).
 *
 *   node --import tsx --expose-gc test/bench/dashboard-server.ts <employees,...> <dataDir>
 */
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { startApp } from '../../bot/wiring/app';
import { loadConfig } from '../../bot/config';
import { buildOrgShape } from '../../bot/domain/dashboard/org-shape';
import { createLogger } from '../../bot/logger';
import type { CosmosStore } from '../../bot/storage/cosmos';
import { CosmosDashboardStore } from '../../bot/storage/cosmos-dashboard';
import { CosmosDashboardImport } from '../../bot/storage/cosmos-dashboard-import';
import { CosmosDirectory } from '../../bot/storage/cosmos-directory';
import { type GeneratedOrg, generateOrg } from './dashboard-org';

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** Writes one organisation through the repositories; returns what the client needs of it. */
async function write(store: CosmosStore, org: GeneratedOrg, now: Date) {
  const started = Date.now();
  const directory = new CosmosDirectory(store.containers.tenants);
  await directory.createTenantIfMissing(org.tenant);
  await inBatches(org.units, 64, (u) => directory.createUnitIfMissing(u));
  await inBatches(org.people, 64, (p) => directory.createPersonIfMissing(p));
  await new CosmosDashboardStore(store.containers.aggregates).putOrgShape(
    buildOrgShape(org.tenant.tenantId, org.people, org.units, now.toISOString()),
  );
  const importer = new CosmosDashboardImport(store.containers.aggregates);
  await importer.putScanAggregates(org.scan, 64);
  await importer.putHelpAggregates(org.help, 64);
  const summary = {
    tenantId: org.tenant.tenantId,
    adminId: org.adminId,
    employees: org.people.length,
    teams: org.leaders.length,
    departments: org.units.filter((u) => u.kind === 'department').map((u) => u.id),
    locations: org.units.filter((u) => u.kind === 'location').map((u) => u.id),
    leaders: org.leaders.filter((l) => l.members >= 5).slice(0, 200),
    documents: org.people.length + org.units.length + org.scan.length + org.help.length + 2,
    writeSeconds: (Date.now() - started) / 1000,
  };
  // Drop the generator's copies before anyone measures memory.
  org.people.length = 0;
  org.scan.length = 0;
  org.help.length = 0;
  return summary;
}

async function main(): Promise<void> {
  const [sizesArg, dataDir] = process.argv.slice(2);
  const sizes = sizesArg.split(',').map(Number);
  const config = loadConfig(
    {
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
    },
    'bench',
  );
  const now = new Date();
  const orgs = sizes.map((size) => generateOrg(size, randomUUID(), now));
  const app = await startApp(config, createLogger(config.logLevel), { scheduler: false });
  const tenants = [];
  for (const org of orgs) tenants.push(await write(app.store, org, now));
  gc();
  process.stdout.write(`READY ${JSON.stringify({ url: app.url, pid: process.pid, tenants })}\n`);

  const input = readline.createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() === 'rss') {
      gc();
      process.stdout.write(`RSS ${process.memoryUsage().rss}\n`);
    }
  });
  input.on('close', () => {
    void app.stop().then(() => process.exit(0));
  });
}

main().catch((err) => {
  process.stderr.write(`dashboard server failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
