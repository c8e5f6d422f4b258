import type { DemoTenant, NewColleague } from '../../bot/dev/demo-users';
import type { Delivery } from '../../bot/dev/directline-bridge';
import type { PlaygroundIdentity } from '../../bot/dev/teams-activity';

export type { DemoTenant, NewColleague, PlaygroundIdentity };

export interface DemoDirectory {
  tenants: DemoTenant[];
  newColleagues: NewColleague[];
}

export interface OpenedConversation {
  conversationId: string;
  created: boolean;
  user: PlaygroundIdentity;
}

/** What the bridge accepts on /activities (see bot/dev/playground-routes.ts). */
export type BridgeActivity =
  | { type: 'message'; text: string; clientActivityId?: string }
  | { type: 'submit'; replyToId: string; value: Record<string, unknown> }
  | { type: 'execute'; replyToId: string; verb: string; data: Record<string, unknown> };

const BASE = '/dev/directline/conversations';

export function loadDemoDirectory(): Promise<DemoDirectory> {
  return call('/dev/users?lang=nl');
}

export function openConversation(
  who: { tenantId: string; userId: string; name?: string; locale?: string },
  restart = false,
): Promise<OpenedConversation> {
  return call(BASE, { ...who, restart });
}

export function postToBridge(conversationId: string, activity: BridgeActivity): Promise<Delivery> {
  return call(`${BASE}/${encodeURIComponent(conversationId)}/activities`, activity);
}

export function streamUrl(conversationId: string): string {
  return `${BASE}/${encodeURIComponent(conversationId)}/stream`;
}

async function call<T>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(
    url,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const json = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(`${res.status} ${json.message ?? res.statusText}`);
  return json;
}
