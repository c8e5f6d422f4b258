import type { Container } from '@azure/cosmos';
import type { GroupRef } from '../domain/dashboard/anonymity';
import type {
  CoachScope,
  DashboardStore,
  HelpGroupAggregate,
  ScanGroupAggregate,
  TeamAggregates,
  Versioned,
} from '../domain/dashboard/dashboard-ports';
import type { OrgShape } from '../domain/dashboard/org-shape';
import type { Snapshot } from '../domain/dashboard/release';
import { createOnce, readOrNull, replaceIfMatch } from './cosmos';

const ORG_SHAPE_ID = 'dashboard|org';
const scanId = (g: GroupRef) => `scan|${g.kind}|${g.id}`;
const helpId = (g: GroupRef | CoachScope) => `help|${g.kind}|${g.id}`;
const SNAPSHOT_ID = 'release|snapshot';

/**
 * The dashboards' reads and writes in the `aggregates` container (partition /tenantId):
 * the scan and help aggregates other features keep, the org shape, and the released snapshot.
 * Every read is a point read, except the one small projection for the tenant's counts.
 */
export class CosmosDashboardStore implements DashboardStore {
  constructor(private readonly container: Container) {}

  async getOrgShape(tenantId: string): Promise<OrgShape | null> {
    const doc = await readOrNull<OrgShape & { id: string }>(this.container, ORG_SHAPE_ID, tenantId);
    return doc
      ? {
          tenantId: doc.tenantId,
          builtAt: doc.builtAt,
          members: doc.members,
          teamless: doc.teamless ?? 0,
          units: doc.units,
        }
      : null;
  }

  async putOrgShape(shape: OrgShape): Promise<void> {
    await this.container.items.upsert({ ...shape, id: ORG_SHAPE_ID });
  }

  scanAggregate(tenantId: string, group: GroupRef): Promise<ScanGroupAggregate | null> {
    return readOrNull<ScanGroupAggregate>(this.container, scanId(group), tenantId);
  }

  helpAggregate(tenantId: string, scope: GroupRef | CoachScope): Promise<HelpGroupAggregate | null> {
    return readOrNull<HelpGroupAggregate>(this.container, helpId(scope), tenantId);
  }

  async teamAggregates(tenantId: string): Promise<TeamAggregates> {
    const [scan, help] = await Promise.all([
      this.byTeam<ScanGroupAggregate>(tenantId, 'scan|team|'),
      this.byTeam<HelpGroupAggregate>(tenantId, 'help|team|'),
    ]);
    return { scan, help };
  }

  async getSnapshot(tenantId: string): Promise<Versioned<Snapshot> | null> {
    const doc = await readOrNull<Snapshot & { id: string; _etag: string }>(this.container, SNAPSHOT_ID, tenantId);
    if (!doc) return null;
    const { tenantId: t, period, takenAt, threshold, cells, coaches } = doc;
    return { value: { tenantId: t, period, takenAt, threshold, cells, coaches }, etag: doc._etag };
  }

  async saveSnapshot(snapshot: Snapshot, etag: string | null): Promise<void> {
    const doc = { ...snapshot, id: SNAPSHOT_ID };
    if (etag === null) await createOnce(this.container, doc);
    else await replaceIfMatch(this.container, doc, etag, snapshot.tenantId);
  }

  /** One single-partition query: every team document of one kind, keyed by team id. */
  private async byTeam<T>(tenantId: string, prefix: string): Promise<Map<string, T>> {
    const { resources } = await this.container.items
      .query<T & { id: string }>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @t AND STARTSWITH(c.id, @p)',
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@p', value: prefix },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return new Map(resources.map((r) => [r.id.slice(prefix.length), r]));
  }
}
