import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { startApp, type App } from '../../bot/wiring/app';
import { ConnectorEmulator } from '../../bot/dev/connector-emulator';
import type { Clock } from '../../bot/domain/ports';
import { runningTestClock } from './clock';

export function tempDir(prefix = 'dv-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the real server on port 0 with the embedded Cosmos server, as `npm start` does, under
 * the test's clock (by default one running from `TEST_NOW`, never the machine's date).
 */
export async function startTestApp(
  opts: { env?: Record<string, string>; dataDir?: string; clock?: Clock; scheduler?: boolean } = {},
): Promise<App> {
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
  return startApp(config, createLogger(config.logLevel), {
    clock: opts.clock ?? runningTestClock(),
    scheduler: opts.scheduler,
  });
}

/** A fake Bot Connector on its own port, receiving the bot's replies. */
export async function startConnector() {
  const connector = new ConnectorEmulator();
  const server = await connector.listen(0);
  return { connector, url: server.url, close: server.close };
}
