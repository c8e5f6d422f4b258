import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/logger';
import { startApp, type App } from '../../bot/wiring/app';
import { ConnectorEmulator } from '../../bot/dev/connector-emulator';
import type { Clock } from '../../bot/domain/ports';
import type { Authenticator } from '../../bot/http/auth';
import { runningTestClock } from './clock';

export function tempDir(prefix = 'dv-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the real server on port 0 with the embedded Cosmos server, as `npm start` does, under
 * the test's clock (by default one running from `TEST_NOW`, never the machine's date).
 */
export interface TestAppOptions {
  env?: Record<string, string>;
  dataDir?: string;
  clock?: Clock;
  scheduler?: boolean;
  /** Where the server logs (by default nowhere, or TEST_LOG_LEVEL). */
  log?: Logger;
  /** Who is calling the tab's API (by default: dev tokens, as in development). */
  auth?: Authenticator;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<App> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: opts.dataDir ?? tempDir().dir,
      ...opts.env,
    },
    'test',
  );
  return startApp(config, opts.log ?? createLogger(config.logLevel), {
    clock: opts.clock ?? runningTestClock(),
    scheduler: opts.scheduler,
    auth: opts.auth,
  });
}

/** The app of one `describe` block, started before its tests and stopped after them. */
export interface RunningApp {
  /** The running app (a new one after `restart()`). */
  readonly app: App;
  /** The fake Bot Connector the bot's replies and proactive messages go to. */
  readonly conn: { connector: ConnectorEmulator; url: string };
  /** The clock the app runs on; the test file owns it (a `FakeClock` it moves, or one running from `TEST_NOW`). */
  readonly clock: Clock;
  /** The app's data directory, fresh for this block and removed after it. */
  readonly dataDir: string;
  /** Stops the app (if running) and starts a new one on the same data, as after a crash or a deploy. */
  restart(opts?: Pick<TestAppOptions, 'env'>): Promise<App>;
}

/**
 * Registers `before`/`after` hooks in the calling `describe` that start the real server (and a
 * fake Bot Connector) on a fresh data directory under the file's own clock, and stop and remove
 * everything afterwards. Nothing is shared between files, so their order does not matter.
 */
export function withRunningApp(
  options: Omit<TestAppOptions, 'dataDir'> | (() => Omit<TestAppOptions, 'dataDir'>) = {},
): RunningApp {
  const data = tempDir('dv-app-');
  // Options may depend on what an earlier hook started (a fake Graph's URL): read them when the app starts.
  const optionsNow = () => (typeof options === 'function' ? options() : options);
  const clock = (typeof options === 'function' ? undefined : options.clock) ?? runningTestClock();
  let app: App | null = null;
  let stopped = false;
  let conn: { connector: ConnectorEmulator; url: string; close(): Promise<void> } | null = null;
  const start = async (env?: Record<string, string>) => {
    const opts = optionsNow();
    const started = await startTestApp({
      ...opts,
      env: env ?? opts.env,
      dataDir: data.dir,
      clock: opts.clock ?? clock,
    });
    const stop = started.stop.bind(started);
    stopped = false;
    app = {
      ...started,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stop();
      },
    };
    return app;
  };
  before(async () => {
    conn = await startConnector();
    await start();
  });
  after(async () => {
    await app?.stop();
    await conn?.close();
    data.remove();
  });
  const required = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is used before the app started (inside a test or a hook only)`);
    return value;
  };
  return {
    get app() {
      return required(app, 'app');
    },
    get conn() {
      return required(conn, 'conn');
    },
    clock,
    dataDir: data.dir,
    async restart(restartOpts) {
      await app?.stop();
      return start(restartOpts?.env);
    },
  };
}

/** A fake Bot Connector on its own port, receiving the bot's replies. */
export async function startConnector() {
  const connector = new ConnectorEmulator();
  const server = await connector.listen(0);
  return { connector, url: server.url, close: server.close };
}
