import { ConnectorEmulator } from '../../../bot/dev/connector-emulator';
import { demoSeeds } from '../../helpers/demo';
import type { TeamsUser } from '../../helpers/teams';

/** The fake Bot Connector both bots reply to, in the benchmark's process; counts the replies it received. */
export async function startFakeConnector() {
  const connector = new ConnectorEmulator();
  const server = await connector.listen(0);
  const counter = { replies: 0 };
  connector.on('activity', () => counter.replies++);
  return { connector, url: server.url, close: server.close, counter };
}

/** The demo organisation's people (both tenants, alternating), as Teams users. */
export function demoPeople(count: number): Array<TeamsUser & { jobProfile?: string }> {
  const lists = demoSeeds.map((seed) =>
    seed.users.map((u) => ({
      tenantId: seed.tenant.id,
      aadObjectId: u.id,
      name: u.name,
      locale: u.preferredLocale ?? 'nl-NL',
      jobProfile: u.jobProfile,
    })),
  );
  const out: Array<TeamsUser & { jobProfile?: string }> = [];
  for (let i = 0; out.length < count && i < Math.max(...lists.map((l) => l.length)); i++) {
    for (const list of lists) if (list[i] && out.length < count) out.push(list[i]);
  }
  return out;
}

/** A deterministic shuffle, so runs are comparable. */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A programme admin switches coach approval off through the tab's API: new coach registrations are active at once. */
export async function approvalOff(url: string, tenantId: string): Promise<void> {
  const seed = demoSeeds.find((s) => s.tenant.id === tenantId)!;
  const token = await devToken(url, tenantId, seed.tenant.programmeAdmins[0]);
  const auth = { authorization: `Bearer ${token}` };
  const seen = (await (await fetch(`${url}/api/v1/admin/settings`, { headers: auth })).json()) as { version: string };
  const res = await fetch(`${url}/api/v1/admin/settings`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json', 'if-match': seen.version },
    body: JSON.stringify({ coachApproval: false }),
  });
  if (res.status !== 200) throw new Error(`switching coach approval off: HTTP ${res.status} ${await res.text()}`);
}

/** A tab token for a person, issued by the development server. */
export async function devToken(url: string, tenantId: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId, userId }),
  });
  if (res.status !== 200) throw new Error(`dev token: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
