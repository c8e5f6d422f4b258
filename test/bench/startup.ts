/**
 * Start-up and memory of the server as `npm start` runs it (issue "Foundation"), with the
 * embedded store and the demo organisation. Targets: a 200 from /healthz in under 15 s;
 * resident memory after start-up ≤ 250 MB; SIGTERM ends it cleanly with its data on disk.
 * A second start on the same data directory (restoring what the first one persisted) is
 * held to the same targets.
 *
 * The server is `node --import tsx bot/index.ts` spawned directly (no npm/npx wrapper),
 * so the measured process is the one serving the port. The tab build (`prestart`) is not
 * part of it.
 *
 *   npx tsx test/bench/startup.ts [--settle-ms=3000]
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOf, freePort, memoryOf, sleep, spawnServer, tail, tempDir, waitFor200 } from './lib/processes';
import { machine, numArg, Targets } from './lib/report';

const SETTLE_MS = numArg('settle-ms', 3000);
const START_LIMIT_MS = 15_000;
const RSS_LIMIT_MB = 250;

interface Run {
  readyMs: number;
  rssAtReadyMb: number;
  rssSettledMb: number;
  peakMb: number;
  exit: { code: number | null; signal: string | null; ms: number };
  snapshots: string[];
  /** From the server's own log: time inside startApp, documents restored from disk. */
  startupMs?: number;
  restored?: number;
}

async function startOnce(dataDir: string, logFile: string): Promise<Run> {
  const port = await freePort();
  const started = Date.now();
  const child = spawnServer({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' }, logFile);
  try {
    const readyMs = await waitFor200(`http://127.0.0.1:${port}/healthz`, started, child, 60_000);
    const atReady = memoryOf(child.pid!);
    await sleep(SETTLE_MS);
    const settled = memoryOf(child.pid!);
    const stopping = Date.now();
    child.kill('SIGTERM');
    const exit = await Promise.race([
      exitOf(child),
      sleep(10_000).then(() => ({ code: null, signal: 'timeout' as never })),
    ]);
    return {
      readyMs,
      rssAtReadyMb: atReady.rssMb,
      rssSettledMb: settled.rssMb,
      peakMb: settled.peakMb,
      exit: { ...exit, ms: Date.now() - stopping },
      snapshots: readdirSync(path.join(dataDir, 'cosmos')).filter((f) => f.endsWith('.json')),
      ...logged(logFile),
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function logged(logFile: string): { startupMs?: number; restored?: number } {
  const out: { startupMs?: number; restored?: number } = {};
  for (const text of readFileSync(logFile, 'utf8').split('\n')) {
    if (!text.startsWith('{')) continue;
    const entry = JSON.parse(text) as { startupMs?: number; restored?: number };
    out.startupMs ??= entry.startupMs;
    out.restored ??= entry.restored;
  }
  return out;
}

async function main(): Promise<void> {
  const data = tempDir('dv-bench-startup-');
  const logBase = path.join(os.tmpdir(), `dv-bench-startup-${process.pid}`);
  let logFile = '';
  const targets = new Targets();
  try {
    console.log(
      `start-up — node --import tsx bot/index.ts, embedded store, demo organisation (${machine()}); logs: ${logBase}-*.log`,
    );
    for (const [i, label] of ['first start (empty data dir)', 'second start (same data dir)'].entries()) {
      logFile = `${logBase}-${i + 1}.log`;
      const run = await startOnce(data.dir, logFile);
      console.log(`  ${label}:`);
      console.log(
        `    /healthz 200 after ${run.readyMs} ms (of which ${run.startupMs ?? '?'} ms in startApp; ${run.restored ?? '?'} documents restored from disk)`,
      );
      console.log(
        `    resident memory: ${run.rssAtReadyMb.toFixed(0)} MB at ready, ${run.rssSettledMb.toFixed(0)} MB after ${SETTLE_MS} ms idle (peak ${run.peakMb.toFixed(0)} MB)`,
      );
      console.log(
        `    SIGTERM → exit code ${run.exit.code}${run.exit.signal ? ` (${run.exit.signal})` : ''} after ${run.exit.ms} ms; snapshot files: ${run.snapshots.join(', ') || 'none'}`,
      );
      const rss = Math.max(run.rssAtReadyMb, run.rssSettledMb);
      targets.check(
        run.readyMs < START_LIMIT_MS,
        `${label}: /healthz 200 in < ${START_LIMIT_MS / 1000} s`,
        `${(run.readyMs / 1000).toFixed(2)} s`,
      );
      targets.check(
        rss <= RSS_LIMIT_MB,
        `${label}: resident memory after start-up ≤ ${RSS_LIMIT_MB} MB`,
        `${rss.toFixed(0)} MB`,
      );
      const persisted = ['tenants', 'content'].every((c) => run.snapshots.some((f) => f.endsWith(`.${c}.json`)));
      targets.check(
        run.exit.code === 0 && persisted,
        `${label}: SIGTERM exits 0 with the snapshots on disk`,
        `exit ${run.exit.code}, ${run.snapshots.length} snapshot files`,
      );
    }
  } catch (err) {
    console.error(err, `\n--- server log (tail) ---\n${tail(logFile)}`);
    process.exitCode = 2;
    return;
  } finally {
    data.remove();
  }
  targets.finish();
}

void main();
