import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BotProcess {
  url: string;
  pid: number;
  logFile: string;
  /** Asks the child (see bot-child.ts) and waits for its answer. */
  call<T>(cmd: 'requests' | 'settle' | 'stored' | 'totals' | 'floor' | 'stop', args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts a bot under test in its own Node process (bot-child.ts) and waits until it
 * listens. Its log goes to `logFile`. `scheduler: false` keeps the app's background
 * timer sweep off. With BENCH_CPU_PROF=<dir> in the environment, our bot writes a V8
 * CPU profile there when it stops.
 */
export async function startBotProcess(
  kind: 'echo' | 'app',
  opts: { dataDir?: string; scheduler?: boolean } = {},
): Promise<BotProcess> {
  const logFile = path.join(os.tmpdir(), `dv-bench-${kind}-${process.pid}-${Date.now()}.log`);
  const out = openSync(logFile, 'w');
  const profDir = kind === 'app' ? process.env.BENCH_CPU_PROF : undefined;
  const execArgv = ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])];
  const child = fork(
    path.join(__dirname, 'bot-child.ts'),
    [kind, opts.dataDir ?? '', opts.scheduler === false ? 'no-scheduler' : ''],
    {
      cwd: ROOT,
      execArgv,
      env: serverEnv({}),
      stdio: ['ignore', out, out, 'ipc'],
    },
  );
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${kind} bot exited with ${code} before it listened; log: ${logFile}\n${tail(logFile)}`)),
    );
    child.on(
      'message',
      (msg: { ready?: boolean; url: string; pid: number; id?: number; result?: unknown; error?: string }) => {
        if (msg.ready) return resolve(msg);
        const waiter = pending.get(msg.id!);
        pending.delete(msg.id!);
        if (msg.error) waiter?.reject(new Error(msg.error));
        else waiter?.resolve(msg.result);
      },
    );
  });
  const { url, pid } = await ready;
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${kind} bot exited with ${code}; log: ${logFile}`));
    pending.clear();
  });
  const call = <T>(cmd: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve, reject });
      child.send({ id, cmd, args });
    });
  return {
    url,
    pid,
    logFile,
    call,
    async stop() {
      const exited = exitOf(child);
      await call('stop').catch(() => undefined);
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** The server's environment: the embedded store on loopback, never a configured cloud account or bot identity. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', ...extra };
  for (const key of [
    'COSMOS_ENDPOINT',
    'COSMOS_KEY',
    'BOT_APP_ID',
    'BOT_APP_PASSWORD',
    'ALLOWED_TENANTS',
    'EMBEDDED_COSMOS_PORT',
  ])
    delete env[key];
  return env;
}

/** Starts `bot/index.ts` as `npm start` does (without the tab build), as the Node process itself. */
export function spawnServer(env: Record<string, string>, logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  return spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ['ignore', out, out],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `url` every 25 ms until it answers 200; resolves with the milliseconds since `since`. */
export async function waitFor200(url: string, since: number, child: ChildProcess, timeoutMs: number): Promise<number> {
  while (Date.now() - since < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ${url} answered`);
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return Date.now() - since;
    await sleep(25);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Resident memory (VmRSS) and its peak (VmHWM) of a process, in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));
