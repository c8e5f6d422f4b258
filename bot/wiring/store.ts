import path from 'node:path';
import type { Config } from '../config';
import type { Log } from '../domain/log';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../storage/embedded/embedded-cosmos';
import { createCosmosClient, openCosmosStore, type CosmosStore } from '../storage/cosmos';
import { restoreSnapshots } from '../storage/embedded/restore';

export interface OpenStore {
  store: CosmosStore;
  /** The in-process Cosmos server in development and tests; null against Azure. */
  embedded: EmbeddedCosmos | null;
  close(): Promise<void>;
}

/** Step 1: the Cosmos store, embedded (restored from disk) or Azure (key or managed identity). */
export async function openStore(config: Config, log: Log): Promise<OpenStore> {
  if (config.cosmos.kind === 'embedded') {
    const dataDir = path.resolve(config.cosmos.dataDir);
    const embedded = await startEmbeddedCosmos({
      certDir: path.join(dataDir, 'certs'),
      dataDir: path.join(dataDir, 'cosmos'),
      port: config.cosmos.port,
      log: log.child({ component: 'embedded-cosmos' }),
    });
    const store = await openCosmosStore({
      kind: 'embedded',
      client: createCosmosClient(embedded),
      databaseId: config.cosmos.database,
      log,
    });
    const restored = await restoreSnapshots(store, embedded.snapshots!.load(), config.cosmos.database);
    log.info({ restored }, 'embedded store loaded from disk');
    return { store, embedded, close: () => closeStore(store, embedded) };
  }
  const aadCredential = config.cosmos.key ? undefined : new (await import('@azure/identity')).DefaultAzureCredential();
  const store = await openCosmosStore({
    kind: 'azure',
    client: createCosmosClient({ endpoint: config.cosmos.endpoint, key: config.cosmos.key, aadCredential }),
    databaseId: config.cosmos.database,
    log,
  });
  return { store, embedded: null, close: () => closeStore(store, null) };
}

async function closeStore(store: CosmosStore, embedded: EmbeddedCosmos | null): Promise<void> {
  await embedded?.stop();
  store.client.dispose();
}
