/**
 * A bot under test in its own process, so that it has its own event loop as in
 * production and the benchmark's client does not share it. Started by bot-process.ts:
 *
 *   bot-child.ts echo                          the bare botbuilder floor
 *   bot-child.ts app <dataDir> [no-scheduler]  Digivaardig (startApp, embedded store, demo organisation),
 *                                              and beside it the write floor: the echo bot plus one point
 *                                              write of a document of `floorBytes` to the app's own store
 *
 * Tells the parent its URL over IPC, then answers `requests` (embedded Cosmos HTTP
 * requests so far), `stored` (what the scans container holds for some users), `totals` (per tenant:
 * stored scans against the tenant aggregate) and `stop`.
 */
import type * as AppModule from '../../../bot/wiring/app';
import type * as ConfigModule from '../../../bot/config';
import type * as LoggerModule from '../../../bot/logger';
import type * as EmbeddedModule from '../../../bot/storage/embedded/embedded-cosmos';
import { startEchoBot } from './echo-bot';

type App = AppModule.App;

export interface StoredScan {
  session: { status: string; answers: Array<{ itemId: string; value: unknown }> } | null;
  results: Array<{ sessionId: string; answers: Array<{ itemId: string; value: unknown }> }>;
}

/** Per tenant: what the scans container holds, and what the tenant's anonymous aggregate counted. */
export interface TenantTotals {
  results: number;
  inProgress: number;
  aggregate: { completions: number; inProgress: number } | null;
}

type Request = {
  id: number;
  cmd: 'requests' | 'settle' | 'stored' | 'totals' | 'floor' | 'stop';
  args?: unknown;
};

async function main(): Promise<void> {
  const [kind, dataDir, schedulerFlag] = process.argv.slice(2);
  let app: App | null = null;
  let stop: () => Promise<void>;
  let url: string;
  let floor: { url: string; stop(): Promise<void> } | null = null;
  let floorBytes = 2000;
  let floorWrites = 0;
  if (kind === 'echo') {
    const echo = await startEchoBot();
    ({ url, stop } = echo);
  } else {
    // Required only here, so the echo floor does not load (or depend on) the app's code.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { loadConfig } = require('../../../bot/config') as typeof ConfigModule;
    const { createLogger } = require('../../../bot/logger') as typeof LoggerModule;
    const { startApp } = require('../../../bot/wiring/app') as typeof AppModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const config = loadConfig(
      {
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        DATA_DIR: dataDir,
      },
      'bench',
    );
    const started = await startApp(config, createLogger(config.logLevel), {
      scheduler: schedulerFlag !== 'no-scheduler',
    });
    app = started;
    // The same store, the same SDK client, a document of the answer turn's size, one write per tap.
    const scans = started.store.containers.scans;
    floor = await startEchoBot(0, () => {
      const n = floorWrites++ % 20;
      const doc = { id: `floor-${n}`, userKey: `floor|${n}`, docType: 'floor', pad: '' };
      doc.pad = 'x'.repeat(Math.max(0, floorBytes - JSON.stringify(doc).length));
      return scans.items.upsert(doc);
    });
    url = started.url;
    stop = async () => {
      await floor?.stop();
      await started.stop();
    };
  }

  const handlers: Record<Request['cmd'], (args: unknown) => Promise<unknown> | unknown> = {
    requests: () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- read in the child's own module instance, after the app started
      (require('../../../bot/storage/embedded/embedded-cosmos') as typeof EmbeddedModule).embeddedRequestCount(),
    // Counters and proactive messages are written after the turn: wait for them (so they are not counted in the next turn).
    settle: async () => (app ? app.settle() : undefined),
    stored: async (keys) => stored(app!, keys as string[]),
    totals: async () => totals(app!),
    // The write floor's URL; its document is as large as these users' scan sessions are now (their mean).
    floor: async (keys) => {
      const sizes = await Promise.all(
        (keys as string[]).map(async (key) => {
          const { resource } = await app!.store.containers.scans.item('session', key).read();
          return resource ? JSON.stringify(resource).length : 0;
        }),
      );
      const found = sizes.filter((n) => n > 0);
      if (found.length) floorBytes = Math.round(found.reduce((a, b) => a + b, 0) / found.length);
      return { url: floor?.url ?? null, bytes: floorBytes };
    },
    stop: async () => {
      await stop();
      setImmediate(() => process.exit(0));
      return true;
    },
  };
  process.on('message', (msg: Request) => {
    Promise.resolve()
      .then(() => handlers[msg.cmd](msg.args))
      .then(
        (result) => process.send!({ id: msg.id, result }),
        (err: Error) => process.send!({ id: msg.id, error: err.stack ?? String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0)); // the benchmark went away
  process.send!({ ready: true, url, pid: process.pid });
}

/** The session and results of each user key (tenantId|userId), read from the scans container. */
async function stored(app: App, keys: string[]): Promise<Record<string, StoredScan>> {
  const wanted = new Set(keys);
  const out: Record<string, StoredScan> = Object.fromEntries(keys.map((k) => [k, { session: null, results: [] }]));
  const { resources } = await app.store.containers.scans.items
    .query<{
      userKey: string;
      docType: string;
      status: string;
      sessionId: string;
      answers: StoredScan['results'][number]['answers'];
    }>('SELECT c.userKey, c.docType, c.status, c.sessionId, c.answers FROM c')
    .fetchAll();
  for (const doc of resources) {
    if (!wanted.has(doc.userKey)) continue;
    if (doc.docType === 'session') out[doc.userKey].session = { status: doc.status, answers: doc.answers };
    if (doc.docType === 'result') out[doc.userKey].results.push({ sessionId: doc.sessionId, answers: doc.answers });
  }
  return out;
}

async function totals(app: App): Promise<Record<string, TenantTotals>> {
  const out: Record<string, TenantTotals> = {};
  const of = (tenantId: string) => (out[tenantId] ??= { results: 0, inProgress: 0, aggregate: null });
  const { resources: docs } = await app.store.containers.scans.items
    .query<{ tenantId: string; docType: string; status: string }>('SELECT c.tenantId, c.docType, c.status FROM c')
    .fetchAll();
  for (const doc of docs) {
    if (doc.docType === 'result') of(doc.tenantId).results++;
    if (doc.docType === 'session' && doc.status === 'in-progress') of(doc.tenantId).inProgress++;
  }
  const { resources: aggregates } = await app.store.containers.aggregates.items
    .query<{
      tenantId: string;
      completions: number;
      inProgress: number;
    }>("SELECT c.tenantId, c.completions, c.inProgress FROM c WHERE c.scope.kind = 'tenant'")
    .fetchAll();
  for (const agg of aggregates)
    of(agg.tenantId).aggregate = { completions: agg.completions, inProgress: agg.inProgress };
  return out;
}

main().catch((err) => {
  process.stderr.write(`bench bot could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
