/**
 * Containers and their partition keys, chosen for the access patterns (see README):
 * per-user data is partitioned by `userKey` (tenantId|userId) so an answer turn is a
 * couple of point operations; shared data by `tenantId`, so no query crosses tenants.
 */
export const CONTAINERS = {
  /** tenant settings, departments, locations, teams and directory people */
  tenants: '/tenantId',
  /** per-user app state: conversation reference, preferences */
  users: '/userKey',
  /** scan sessions and results of one user */
  scans: '/userKey',
  /** help tickets and coach records of one tenant */
  tickets: '/tenantId',
  /** pre-aggregated figures for dashboards */
  aggregates: '/tenantId',
  /** due timers (offer time-outs, nudges) with leases */
  schedule: '/tenantId',
  /** scan content (domains, profiles, items, modules); tenantId "global" for shared content */
  content: '/tenantId',
} as const;

export type ContainerName = keyof typeof CONTAINERS;

export function userKey(tenantId: string, userId: string): string {
  return `${tenantId}|${userId}`;
}

/**
 * The paths each container's queries filter or sort on (grep `SELECT` in bot/storage); nothing
 * else is indexed, so a write pays request units only for these. Cosmos always indexes `id`
 * (the dashboards' `STARTSWITH(c.id, …)`); the partition key is listed because an index that
 * leaves out the root does not cover it otherwise. A filter on a path not listed here still
 * works (it is evaluated on the documents the indexed filters found); ORDER BY needs its path.
 * The same lists are in infra/main.bicep (a test compares them).
 */
export const INDEXED_PATHS: Record<ContainerName, readonly string[]> = {
  // Directory units and people, the tenants list for campaigns and retention, the audit log (ORDER BY at).
  tenants: ['/tenantId', '/docType', '/kind', '/leaderId', '/managerId', '/teamId', '/at', '/settings/retentionMonths'],
  // Only "every document of this user" (erasure); everything else is a point read.
  users: ['/userKey'],
  // Results of a user (ORDER BY completedAt), results of a tenant (campaigns), retention by age and status.
  scans: ['/userKey', '/tenantId', '/docType', '/completedAt', '/updatedAt', '/status'],
  // Coaches, a requester's or coach's tickets (ORDER BY createdAt), a coach's past offers, retention.
  tickets: [
    '/tenantId',
    '/docType',
    '/requester/userId',
    '/coachId',
    '/createdAt',
    '/state',
    '/updatedAt',
    '/passedBy/[]',
    '/events/[]/coachId',
  ],
  // Dashboards read a tenant's counters by id prefix.
  aggregates: ['/tenantId'],
  // Due timers and campaign items (ORDER BY dueAt / availableAt), a tenant's campaigns (ORDER BY campaignId).
  schedule: ['/tenantId', '/docType', '/dueAt', '/status', '/availableAt', '/campaignId', '/userId'],
  // Point reads only.
  content: ['/tenantId'],
};

/** The Cosmos indexing policy of a container: the listed paths in, everything else out. */
export function indexingPolicy(name: ContainerName) {
  return {
    indexingMode: 'consistent' as const,
    automatic: true,
    includedPaths: INDEXED_PATHS[name].map((p) => ({ path: `${p}/?` })),
    excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }],
  };
}
