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
