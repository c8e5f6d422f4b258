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
