import type { Container } from '@azure/cosmos';
import { type GroupRef, parseGroupKey } from '../domain/dashboard/anonymity';
import type { CoachScope, DashboardStore, GroupCounts, GroupRelease, HelpGroupAggregate, ScanGroupAggregate, Versioned } from '../domain/dashboard/dashboard-ports';
import type { OrgShape } from '../domain/dashboard/org-shape';
import { createOnce, readOrNull, replaceIfMatch } from './cosmos';

const ORG_SHAPE_ID = 'dashboard|org';
const scanId = (g: GroupRef) => `scan|${g.kind}|${g.id}`;
const helpId = (g: GroupRef | CoachScope) => `help|${g.kind}|${g.id}`;
const releaseId = (g: GroupRef) => `release|${g.kind}|${g.id}`;
const GROUP_KINDS = new Set(['tenant', 'department', 'location', 'team']);

/**
 * The dashboards' reads and writes in the `aggregates` container (partition /tenantId):
 * the scan and help aggregates other features keep, the org shape, and the releases.
 * Every read is a point read, except the one small projection for the tenant's counts.
 */
export class CosmosDashboardStore implements DashboardStore {
  constructor(private readonly container: Container) {}

  async getOrgShape(tenantId: string): Promise<OrgShape | null> {
    const doc = await readOrNull<OrgShape & { id: string }>(this.container, ORG_SHAPE_ID, tenantId);
    return doc ? { tenantId: doc.tenantId, builtAt: doc.builtAt, members: doc.members, units: doc.units, cells: doc.cells } : null;
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

  async scanCounts(tenantId: string): Promise<GroupCounts[]> {
    const { resources } = await this.container.items
      .query<{ id: string; respondents?: number; inProgress?: number }>(
        { query: 'SELECT c.id, c.respondents, c.inProgress FROM c WHERE c.tenantId = @t AND STARTSWITH(c.id, @p)', parameters: [{ name: '@t', value: tenantId }, { name: '@p', value: 'scan|' }] },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources
      .map((r) => ({ group: parseGroupKey(r.id.slice('scan|'.length)), respondents: r.respondents ?? 0, inProgress: r.inProgress ?? 0 }))
      .filter((r) => GROUP_KINDS.has(r.group.kind));
  }

  async getRelease(tenantId: string, group: GroupRef): Promise<Versioned<GroupRelease> | null> {
    const doc = await readOrNull<GroupRelease & { id: string }>(this.container, releaseId(group), tenantId);
    return doc ? { value: { tenantId: doc.tenantId, group: doc.group, results: doc.results, followUp: doc.followUp }, etag: doc._etag } : null;
  }

  async saveRelease(release: GroupRelease, etag: string | null): Promise<void> {
    const doc = { ...release, id: releaseId(release.group) };
    if (etag === null) await createOnce(this.container, doc);
    else await replaceIfMatch(this.container, doc, etag, release.tenantId);
  }
}
