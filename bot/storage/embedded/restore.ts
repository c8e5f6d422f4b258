import type { CosmosStore } from '../cosmos';
import type { ContainerName } from '../containers';
import { RESTORE_HEADER } from './embedded-cosmos';

/** Writes documents saved by an earlier run back into the (empty) embedded server. */
export async function restoreSnapshots(
  store: CosmosStore,
  snapshots: Array<{ db: string; container: string; docs: Array<Record<string, unknown>> }>,
  databaseId: string,
): Promise<number> {
  let restored = 0;
  for (const snap of snapshots) {
    const container = store.containers[snap.container as ContainerName];
    if (snap.db !== databaseId || !container) continue;
    for (let i = 0; i < snap.docs.length; i += 32) {
      await Promise.all(
        snap.docs
          .slice(i, i + 32)
          .map((doc) => container.items.upsert(doc, { initialHeaders: { [RESTORE_HEADER]: '1' } })),
      );
    }
    restored += snap.docs.length;
  }
  return restored;
}
