import type { Activity } from 'botbuilder';
import { isFromTeams } from '../http/activity-guard';

/**
 * Tenant and user of an activity as Teams sends them. The tenant comes from
 * `channelData.tenant.id`, else `conversation.tenantId`; the user is the Entra object id.
 * Only Teams vouches for these fields: from any other channel nobody is known.
 */
export function identityOf(activity: Partial<Activity>): {
  tenantId: string | null;
  userId: string | null;
  name?: string;
} {
  if (!isFromTeams(activity)) return { tenantId: null, userId: null };
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const tenantId = stringOrNull(channelData.tenant?.id) ?? stringOrNull(activity.conversation?.tenantId);
  const userId = stringOrNull(activity.from?.aadObjectId) ?? stringOrNull(activity.from?.id);
  const name: unknown = activity.from?.name;
  return { tenantId, userId, name: typeof name === 'string' ? name : undefined };
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null;
}
