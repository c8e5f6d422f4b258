/**
 * Rejects what a bare botbuilder server would turn into a 500: bodies that are not an
 * activity. Returns the reason, or null when the activity has what every turn needs.
 */
export function activityProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object (an activity)';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type) return 'activity.type is required';
  if (!isObjectWithId(a.conversation)) return 'activity.conversation.id is required';
  if (!isObjectWithId(a.from)) return 'activity.from.id is required';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(a.serviceUrl)) return 'activity.serviceUrl must be an http(s) URL';
  return null;
}

function isObjectWithId(v: unknown): boolean {
  return Boolean(v) && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && (v as { id: string }).id.length > 0;
}
