import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { clockStartingAt } from './domain/ports';
import { createLogger } from './logger';
import { startApp } from './wiring/app';

/** Entry point: the only place that reads process.env. */
async function main(): Promise<void> {
  const version = (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string })
    .version;
  let config;
  try {
    config = loadConfig(process.env, version);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log, config.clockStart ? { clock: clockStartingAt(config.clockStart) } : {});
  if (config.devMode) {
    log.info(`Playground: ${app.url}/  ·  Tab: ${app.url}/tab/  ·  Health: ${app.url}/healthz`);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Digivaardig could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
