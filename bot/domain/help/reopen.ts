import type { Ticket } from './help-types';

/** A resolved (or rated) request can be reopened by its requester for this long. */
export const REOPEN_DAYS = 7;

/** Whether the requester may still reopen the ticket at `now`: a pure rule, shared by the service and the cards. */
export function canReopen(t: Ticket, now: Date): boolean {
  if (t.state !== 'resolved' && t.state !== 'rated') return false;
  const resolved = [...t.events].reverse().find((e) => e.type === 'resolved');
  return Boolean(resolved) && now.getTime() - Date.parse(resolved!.at) <= REOPEN_DAYS * 86400_000;
}
