/**
 * The one channel the bot serves. The playground and the Agents Playground speak it too.
 * Tenant and user come from `channelData.tenant.id` and `from.aadObjectId`, which only Teams
 * fills in truthfully: another channel enabled on the Azure Bot (Direct Line, Web Chat) would
 * let whoever holds its secret write them.
 */
export const TEAMS_CHANNEL = 'msteams';

/** Whether an activity (already through `activityProblem`) comes from Teams. */
export function isFromTeams(activity: { channelId?: unknown }): boolean {
  return activity.channelId === TEAMS_CHANNEL;
}

/**
 * Rejects what would crash a turn or a reply instead of being answered: bodies that are
 * not an activity, and fields of the wrong type. The types are the Bot Framework
 * activity schema's (the connector refuses a reply whose copied conversation, sender,
 * recipient, channel id, locale or reply-to id is not a string). Returns the reason, or
 * null when the activity has what every turn needs. `null` counts as absent.
 */
export function activityProblem(body: unknown): string | null {
  if (!isObject(body)) return 'body must be a JSON object (an activity)';
  const a = body;
  if (typeof a.type !== 'string' || !a.type) return 'activity.type is required';
  if (!isObjectWithId(a.conversation)) return 'activity.conversation.id is required';
  if (!isObjectWithId(a.from)) return 'activity.from.id is required';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(a.serviceUrl))
    return 'activity.serviceUrl must be an http(s) URL';

  for (const field of OPTIONAL_STRINGS)
    if (!isAbsentOr(a[field], isString)) return `activity.${field} must be a string`;
  const accounts = [
    ['from', a.from],
    ['recipient', a.recipient],
    ['conversation', a.conversation],
  ] as const;
  for (const [name, account] of accounts) {
    if (!isAbsentOr(account, isObject)) return `activity.${name} must be an object`;
    const problem = account ? accountProblem(`activity.${name}`, account as Record<string, unknown>) : null;
    if (problem) return problem;
  }
  if (!isAbsentOr((a.conversation as Record<string, unknown>).isGroup, (v) => typeof v === 'boolean'))
    return 'activity.conversation.isGroup must be a boolean';

  for (const field of ['membersAdded', 'membersRemoved'] as const) {
    const members = a[field];
    if (!isAbsentOr(members, Array.isArray)) return `activity.${field} must be an array`;
    for (const member of (members as unknown[] | null | undefined) ?? []) {
      if (!isObject(member)) return `activity.${field} must hold objects`;
      const problem = accountProblem(`activity.${field}[]`, member);
      if (problem) return problem;
    }
  }
  for (const field of ['attachments', 'entities', 'reactionsAdded', 'reactionsRemoved'] as const) {
    if (!isAbsentOr(a[field], Array.isArray)) return `activity.${field} must be an array`;
  }

  if (!isAbsentOr(a.channelData, isObject)) return 'activity.channelData must be an object';
  const channelData = (a.channelData ?? {}) as Record<string, unknown>;
  if (!isAbsentOr(channelData.eventType, isString)) return 'activity.channelData.eventType must be a string';
  if (!isAbsentOr(channelData.tenant, isObject)) return 'activity.channelData.tenant must be an object';
  if (!isAbsentOr((channelData.tenant as Record<string, unknown> | null | undefined)?.id, isString))
    return 'activity.channelData.tenant.id must be a string';

  if (a.type === 'invoke') {
    // Every invoke Teams sends carries an object; botbuilder reads fields of it without checking.
    if (!isAbsentOr(a.value, isObject)) return 'activity.value must be an object for an invoke';
    if (a.name === 'adaptiveCard/action' && !(isObject(a.value) && isObject(a.value.action)))
      return 'activity.value.action must be an object for adaptiveCard/action';
  }
  return null;
}

/** Top-level fields that are strings when present: the bot reads them or copies them into its replies. */
const OPTIONAL_STRINGS = [
  'id',
  'channelId',
  'locale',
  'text',
  'textFormat',
  'replyToId',
  'name',
  'action',
  'deliveryMode',
  'timestamp',
  'localTimestamp',
] as const;

/** A channel or conversation account: every field the schema types as a string is one, when present. */
function accountProblem(path: string, account: Record<string, unknown>): string | null {
  for (const field of ['id', 'name', 'aadObjectId', 'role', 'conversationType', 'tenantId']) {
    if (!isAbsentOr(account[field], isString)) return `${path}.${field} must be a string`;
  }
  return null;
}

function isAbsentOr(v: unknown, check: (v: unknown) => boolean): boolean {
  return v === undefined || v === null || check(v);
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
}

function isObjectWithId(v: unknown): boolean {
  return isObject(v) && typeof v.id === 'string' && v.id.length > 0;
}
