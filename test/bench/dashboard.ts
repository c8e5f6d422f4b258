/**
 * Dashboard latency against organisation size: the team and programme dashboard
 * endpoints answer from pre-aggregated records, so their p95 must stay flat from 1,000
 * to 50,000 employees. One server (dashboard-server.ts, its own process) holds a generated
 * organisation per size, each its own tenant, written through the repositories; leaders and
 * the programme admin of every size then call their endpoints with development tokens, one
 * request at a time, the sizes taking turns. On a shared machine the load then weighs on
 * every size alike, so the ratio of their p95s is the figure that counts. Reports the
 * server's resident memory with all organisations loaded. Run by hand, not by mocha:
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

/** One generated organisation (a tenant) in the server. */
interface Org {
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

interface Ready {
  url: string;
  pid: number;
  tenants: Org[];
}

interface Server {
  ready: Ready;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(sizes: number[]): Promise<Server> {
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
    ['--import', 'tsx', '--expose-gc', path.join(__dirname, 'dashboard-server.ts'), sizes.join(','), dataDir],
    { cwd: ROOT, env },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const lines = readline.createInterface({ input: child.stdout });
  const waiters: Array<{ resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  lines.on('line', (l) => waiters.shift()?.resolve(l));
  child.once('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`dashboard server exited with ${code}`));
  });
  const next = () => new Promise<string>((resolve, reject) => waiters.push({ resolve, reject }));
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

/** One GET, timed end to end from the client; the body is read and checked. Returns the time and whether it showed growth. */
async function timed(url: string, auth: string): Promise<{ ms: number; growth: boolean }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${auth}`, 'accept-language': 'nl-NL' } });
  const body = (await res.json()) as { group?: unknown; growth?: unknown };
  const ms = performance.now() - started;
  if (res.status !== 200 || !body.group) throw new Error(`${url}: ${res.status}`);
  return { ms, growth: Boolean(body.growth) };
}

/** The calls of one organisation: its leaders' team dashboards and the admin's programme scopes. */
async function callsOf(url: string, org: Org) {
  const leaders = await Promise.all(
    org.leaders.slice(0, 100).map(async (l) => ({ ...l, token: await token(url, org.tenantId, l.userId) })),
  );
  const admin = await token(url, org.tenantId, org.adminId);
  const scopes = [
    '/api/v1/programme',
    ...org.departments.slice(0, 20).map((d) => `/api/v1/programme/departments/${d}`),
    ...org.locations.slice(0, 10).map((l) => `/api/v1/programme/locations/${l}`),
  ];
  return {
    org,
    leaders: leaders.length,
    scopes: scopes.length,
    team: (i: number) => {
      const l = leaders[i % leaders.length];
      return timed(`${url}/api/v1/teams/${l.teamId}/dashboard`, l.token);
    },
    programme: (i: number) => timed(`${url}${scopes[i % scopes.length]}`, admin),
  };
}

interface Result {
  org: Org;
  team: Stats;
  programme: Stats;
  growth: { team: number; programme: number };
}

async function measure(sizes: number[], requests: number, warmup: number): Promise<{ results: Result[]; rss: number }> {
  const server = await startServer(sizes);
  const { url, tenants } = server.ready;
  try {
    for (const org of tenants)
      console.log(
        `${org.employees.toLocaleString('en')} employees: ${org.teams} teams, ${org.departments.length} departments, ${org.locations.length} locations; ${org.documents.toLocaleString('en')} documents written in ${org.writeSeconds.toFixed(1)} s`,
      );
    const calls = await Promise.all(tenants.map((org) => callsOf(url, org)));
    // Warm-up: every leader and scope once (first releases are written then), plus the JIT.
    for (const c of calls) {
      const first = await c.programme(0);
      console.log(
        `  first programme request for ${c.org.employees.toLocaleString('en')} (builds the tenant view): ${first.ms.toFixed(0)} ms`,
      );
      for (let i = 0; i < Math.max(warmup, c.leaders); i++) await c.team(i);
      for (let i = 0; i < Math.max(warmup, c.scopes); i++) await c.programme(i);
    }
    const samples = calls.map(() => ({
      team: [] as number[],
      programme: [] as number[],
      growth: { team: 0, programme: 0 },
    }));
    for (let i = 0; i < requests; i++) {
      // The sizes take turns, each round in the other order, so neither always follows the other.
      const order = calls.map((_, k) => k);
      if (i % 2) order.reverse();
      for (const k of order) {
        for (const kind of ['team', 'programme'] as const) {
          const { ms, growth } = await calls[k][kind](i);
          samples[k][kind].push(ms);
          if (growth) samples[k].growth[kind]++;
        }
      }
    }
    const rss = await server.rss();
    const results = calls.map((c, k) => ({
      org: c.org,
      team: stats(samples[k].team),
      programme: stats(samples[k].programme),
      growth: samples[k].growth,
    }));
    for (const r of results) {
      console.log(`\n${r.org.employees.toLocaleString('en')} employees`);
      console.log(line('team dashboard', r.team));
      console.log(line('programme dashboard', r.programme));
      console.log(
        `  with growth figures: ${r.growth.team} of ${requests} team and ${r.growth.programme} of ${requests} programme responses`,
      );
      if (r.growth.programme === 0)
        throw new Error(`no programme dashboard of ${r.org.employees} employees carried growth figures`);
    }
    return { results, rss };
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
  const { results, rss } = await measure(sizes, requests, warmup);

  const targets = new Targets();
  for (const r of results) {
    const label = `${r.org.employees.toLocaleString('en')} employees`;
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
        `${key} dashboard p95 ratio ${large.org.employees.toLocaleString('en')} / ${small.org.employees.toLocaleString('en')} ≤ 1.5`,
        ratio.toFixed(2),
      );
    }
  }
  const documents = results.reduce((n, r) => n + r.org.documents, 0);
  console.log(
    `server resident memory with ${results.map((r) => r.org.employees.toLocaleString('en')).join(' + ')} employees loaded: ${(rss / 1024 / 1024).toFixed(0)} MiB (embedded Cosmos in the same process holds ${documents.toLocaleString('en')} documents)`,
  );
  console.log(`machine load after the run: ${machine()}`);
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
