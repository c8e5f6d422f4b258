import type restify from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock, Directory, Messenger } from '../domain/ports';
import type { CosmosStore } from '../storage/cosmos';
import type { Authenticator } from './auth';

export interface TabApiDeps {
  config: Config;
  store: CosmosStore;
  directory: Directory;
  auth: Authenticator;
  messenger: Messenger;
  clock: Clock;
  log: Logger;
}

/** The tab's REST API under /api/v1 (beyond /api/v1/me). */
export function registerTabApi(_server: restify.Server, _deps: TabApiDeps): void {
  // Filled by the leader tab.
}
