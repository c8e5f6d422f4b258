/**
 * Dashboard latency against organisation size: the team and programme dashboard
 * endpoints answer from pre-aggregated records, so their p95 must stay flat from 1,000
 * to 50,000 employees. For each size a fresh server (dashboard-server.ts, its own
 * process) gets a generated organisation written through the repositories; then leaders
 * and the programme admin call their endpoints with development tokens, one request at
 * a time after a warm-up. Reports the server's resident memory with the large
 * organisation loaded. Run by hand, not by mocha:
 *
 *   npx tsx test/bench/dashboard.ts [--sizes=1000,50000] [--requests=600] [--warmup=100]
 *
 * Every group's aggregates include growth (first scan against latest for about four in ten
 * respondents), so the dashboards measured carry growth figures; the run fails if none do.
 *
 * Targets: p95 ≤ 50 ms per endpoint and size; p95(largest) / p95(smallest) ≤ 1.5.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { line, machine, numArg, stats, type Stats, Targets } from './lib/report';

const ROOT = path.resolve(__dirname, '..', '..');

interface Ready {
  url: string;
  pid: number;
  tenantId: string;
  adminId: string;
  employees: number;
  teams: number;
  departments: string[];
  locations: string[];
  leaders: Array<{ userId: string; teamId: string }>;
  documents: number;
  writeSeconds: number;
}

interface Server {
  ready: Ready;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(size: number): Promise<Server> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dv-bench-dashboard-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' };
  for (const key of [
    'COSMOS_ENDPOINT',
    'COSMOS_KEY',
    'BOT_APP_ID',
    'BOT_APP_PASSWORD',
    'ALLOWED_TENANTS',
    'EMBEDDED_COSMOS_PORT',
  ])
    delete env[key];
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', path.join(__dirname, 'dashboard-server.ts'), String(size), dataDir],
    { cwd: ROOT, env },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const lines = readline.createInterface({ input: child.stdout });
  const waiters: Array<(line: string) => void> = [];
  lines.on('line', (l) => waiters.shift()?.(l));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiters.push(resolve);
      child.once('exit', (code) => reject(new Error(`dashboard server exited with ${code}`)));
    });
  let first = await next();
  while (!first.startsWith('READY ')) first = await next();
  const ready = JSON.parse(first.slice('READY '.length)) as Ready;
  return {
    ready,
    async rss() {
      const answer = next();
      child.stdin.write('rss\n');
      return Number((await answer).replace(/^RSS /, ''));
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000)).then(() => child.kill('SIGKILL'))]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function token(url: string, tenantId: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId, userId }),
  });
  if (!res.ok) throw new Error(`dev token: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Responses that carried growth figures (first scan against latest), per kind of dashboard. */
const withGrowth = { team: 0, programme: 0 };

/** One GET, timed end to end from the client; the body is read and checked. */
async function timed(url: string, auth: string, kind?: keyof typeof withGrowth): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${auth}`, 'accept-language': 'nl-NL' } });
  const body = (await res.json()) as { group?: unknown; growth?: unknown };
  const took = performance.now() - started;
  if (res.status !== 200 || !body.group) throw new Error(`${url}: ${res.status}`);
  if (kind && body.growth) withGrowth[kind]++;
  return took;
}

async function measure(
  size: number,
  requests: number,
  warmup: number,
): Promise<{ team: Stats; programme: Stats; rss: number; ready: Ready }> {
  const server = await startServer(size);
  const { ready } = server;
  console.log(
    `\n${size.toLocaleString('en')} employees: ${ready.teams} teams, ${ready.departments.length} departments, ${ready.locations.length} locations; ${ready.documents.toLocaleString('en')} documents written in ${ready.writeSeconds.toFixed(1)} s`,
  );
  try {
    const leaders = await Promise.all(
      ready.leaders.slice(0, 100).map(async (l) => ({ ...l, token: await token(ready.url, ready.tenantId, l.userId) })),
    );
    const admin = await token(ready.url, ready.tenantId, ready.adminId);
    const teamUrl = (i: number) => `${ready.url}/api/v1/teams/${leaders[i % leaders.length].teamId}/dashboard`;
    const scopes = [
      '/api/v1/programme',
      ...ready.departments.slice(0, 20).map((d) => `/api/v1/programme/departments/${d}`),
      ...ready.locations.slice(0, 10).map((l) => `/api/v1/programme/locations/${l}`),
    ];
    const programmeUrl = (i: number) => `${ready.url}${scopes[i % scopes.length]}`;

    // Warm-up: every leader and scope once (first releases are written then), plus the JIT.
    const firstView = await timed(programmeUrl(0), admin);
    console.log(`  first programme request (builds the tenant view): ${firstView.toFixed(0)} ms`);
    for (let i = 0; i < Math.max(warmup, leaders.length); i++)
      await timed(teamUrl(i), leaders[i % leaders.length].token);
    for (let i = 0; i < Math.max(warmup, scopes.length); i++) await timed(programmeUrl(i), admin);

    const team: number[] = [];
    const programme: number[] = [];
    withGrowth.team = withGrowth.programme = 0;
    for (let i = 0; i < requests; i++) {
      team.push(await timed(teamUrl(i), leaders[i % leaders.length].token, 'team'));
      programme.push(await timed(programmeUrl(i), admin, 'programme'));
    }
    const rss = await server.rss();
    const result = { team: stats(team), programme: stats(programme), rss, ready };
    console.log(line('team dashboard', result.team));
    console.log(line('programme dashboard', result.programme));
    console.log(
      `  with growth figures: ${withGrowth.team} of ${requests} team and ${withGrowth.programme} of ${requests} programme responses`,
    );
    if (withGrowth.programme === 0) throw new Error('no programme dashboard carried growth figures');
    console.log(`  server resident memory (after GC): ${(rss / 1024 / 1024).toFixed(0)} MiB`);
    return result;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ?? '1000,50000')
    .split(',')
    .map(Number);
  const requests = numArg('requests', 600);
  const warmup = numArg('warmup', 100);
  console.log(
    `dashboard benchmark on ${machine()}; ${requests} requests per endpoint and size, sequential, after ${warmup} warm-up`,
  );
  const results = [];
  for (const size of sizes) results.push(await measure(size, requests, warmup));

  const targets = new Targets();
  for (const r of results) {
    const label = `${r.ready.employees.toLocaleString('en')} employees`;
    targets.check(r.team.p95 <= 50, `team dashboard p95 ≤ 50 ms (${label})`, `${r.team.p95.toFixed(2)} ms`);
    targets.check(
      r.programme.p95 <= 50,
      `programme dashboard p95 ≤ 50 ms (${label})`,
      `${r.programme.p95.toFixed(2)} ms`,
    );
  }
  if (results.length > 1) {
    const [small, large] = [results[0], results[results.length - 1]];
    for (const key of ['team', 'programme'] as const) {
      const ratio = large[key].p95 / small[key].p95;
      targets.check(
        ratio <= 1.5,
        `${key} dashboard p95 ratio ${large.ready.employees.toLocaleString('en')} / ${small.ready.employees.toLocaleString('en')} ≤ 1.5`,
        ratio.toFixed(2),
      );
    }
  }
  const largest = results[results.length - 1];
  console.log(
    `server resident memory with ${largest.ready.employees.toLocaleString('en')} employees loaded: ${(largest.rss / 1024 / 1024).toFixed(0)} MiB (embedded Cosmos in the same process holds ${largest.ready.documents.toLocaleString('en')} documents)`,
  );
  const bundle = path.join(ROOT, 'tab', 'dist', 'tab', 'tab.js');
  try {
    console.log(`tab bundle: ${(readFileSync(bundle).length / 1024).toFixed(0)} KiB`);
  } catch {
    // Not built: nothing to report.
  }
  targets.finish();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 2;
});
