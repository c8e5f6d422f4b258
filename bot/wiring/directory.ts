import type { Config } from '../config';
import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import { CachedDirectory } from '../domain/cached-directory';
import { everyoneAvailable, type Presence } from '../domain/help/help-ports';
import type { CosmosDirectory } from '../storage/cosmos-directory';
import {
  type AppTokenProvider,
  ManagedIdentityAppTokens,
  managedIdentityCredential,
  MsalAppTokens,
} from '../graph/app-tokens';
import { createConfidentialClient } from '../graph/obo-token-provider';
import { GraphDirectory } from '../graph/graph-directory';
import { GraphPresence } from '../graph/graph-presence';
import { GraphSyncedDirectory } from '../graph/graph-synced-directory';

export interface DirectoryParts {
  directory: CachedDirectory;
  /** The Graph sync, when on (its background work is awaited on shutdown). */
  synced: GraphSyncedDirectory | null;
  presence: Presence;
}

/**
 * Step 3: who is who. With GRAPH_DIRECTORY, Graph keeps the stored directory up to date; without
 * it (or when Graph fails) the stored directory is all there is. Presence comes from Graph when
 * configured; without it everyone counts as available.
 */
export async function buildDirectory(
  config: Config,
  organisation: CosmosDirectory,
  clock: Clock,
  log: Log,
): Promise<DirectoryParts> {
  const tokens = await graphTokens(config);
  const graph = config.graph;
  const synced =
    graph?.directory && tokens
      ? new GraphSyncedDirectory({
          stored: organisation,
          graphFor: (tenantId) =>
            GraphDirectory.appOnly({ tenantId, tokens, settings: organisation, baseUrl: graph.baseUrl }),
          clock,
          log: log.child({ component: 'directory' }),
          ttlSeconds: graph.directoryTtlSeconds,
        })
      : null;
  const presence =
    graph?.presence && tokens
      ? new GraphPresence({ tokens, graphBaseUrl: graph.baseUrl, log: log.child({ component: 'presence' }) })
      : everyoneAvailable;
  log.info(
    {
      graph: graph ? graph.auth.kind : 'off',
      presence: presence !== everyoneAvailable,
      directory: synced ? 'graph-synced' : 'stored',
    },
    'directory and presence',
  );
  return { directory: new CachedDirectory(synced ?? organisation, clock), synced, presence };
}

/** App-only Graph (client credentials or the managed identity), one token provider per process. */
async function graphTokens(config: Config): Promise<AppTokenProvider | null> {
  if (!config.graph) return null;
  const { auth } = config.graph;
  return auth.kind === 'secret'
    ? new MsalAppTokens(createConfidentialClient({ clientId: auth.clientId, clientSecret: auth.clientSecret }))
    : new ManagedIdentityAppTokens(await managedIdentityCredential(auth.clientId), auth.tenantId);
}
