import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import path from 'node:path';
import type { Timer } from '../../bot/domain/help/help-ports';
import type { Ticket } from '../../bot/domain/help/help-types';
import { createLogger } from '../../bot/logger';
import { createCosmosClient } from '../../bot/storage/cosmos';
import { loadOrCreateCertificate } from '../../bot/storage/embedded/certificate';
import { type EmbeddedCosmos, startEmbeddedCosmos } from '../../bot/storage/embedded/embedded-cosmos';
import { exitOf, freePort, ROOT, serverEnv, sleep, tail, waitFor200 } from '../bench/lib/processes';
import { startConnector, tempDir } from '../helpers/app';
import { cardText, cardVerbs } from '../helpers/cards';
import { FaultProxy } from '../helpers/fault-proxy';
import { recipientOf } from '../helpers/help-driver';
import { actionData } from '../helpers/scan-driver';
import { cardOf, GENT, TeamsTestClient, type TeamsUser } from '../helpers/teams';

const REQUESTERS = 6;

/**
 * A help request is answered first and routed after the turn. Here the server that stored the
 * tickets is killed (SIGKILL) after answering and before routing them (every read of a ticket is
 * held at the store, so its routing cannot start), and two other servers on the same store take
 * over: each ticket is routed exactly once, the offer card goes out once, nothing is left behind.
 * The servers run as `npm start` does, against the embedded store reached as Azure Cosmos DB.
 */
describe('when the server stops between answering a help request and routing it', function () {
  this.timeout(240_000);
  const data = tempDir('dv-help-crash-');
  const log = createLogger('silent');
  let cosmos: EmbeddedCosmos;
  let proxy: FaultProxy;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const servers: ChildProcess[] = [];
  const ticketIds: string[] = [];

  async function startServer(name: string): Promise<string> {
    const port = await freePort();
    const logFile = path.join(data.dir, `${name}.log`);
    const server = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
      cwd: ROOT,
      env: {
        ...serverEnv({}),
        COSMOS_ENDPOINT: proxy.url,
        COSMOS_KEY: cosmos.key,
        NODE_EXTRA_CA_CERTS: path.join(data.dir, 'certs', 'cosmos-cert.pem'),
        DATA_DIR: path.join(data.dir, name),
        PORT: String(port),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        HELP_ROUTE_GRACE_SECONDS: '2',
      },
      stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
    });
    servers.push(server);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor200(`${url}/healthz`, Date.now(), server, 90_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${tail(logFile)}`);
    }
    return url;
  }

  const tickets = () => createCosmosClient(cosmos).database('digivaardig').container('tickets');
  const stored = async (id: string) => (await tickets().item(`ticket:${id}`, GENT).read<Ticket>()).resource!;

  before(async () => {
    const certDir = path.join(data.dir, 'certs');
    const pem = await loadOrCreateCertificate(certDir);
    cosmos = await startEmbeddedCosmos({ certDir, dataDir: null, port: 0, log });
    proxy = await FaultProxy.start({ target: cosmos.endpoint, agent: cosmos.agent, pem });
    conn = await startConnector();
  });

  after(async () => {
    for (const s of servers) s.kill('SIGKILL');
    await Promise.all(servers.map((s) => exitOf(s)));
    await conn?.close();
    await proxy?.close();
    await cosmos?.stop();
    data.remove();
  });

  it('answers every request at once with "sent", while the tickets wait to be routed', async () => {
    const url = await startServer('first');
    // The first server can store tickets but never read one back: its routing after the turn is stuck.
    proxy.holdMatching((method, url) => method === 'GET' && /\/colls\/tickets\/docs\/ticket:/.test(url));
    for (let i = 0; i < REQUESTERS; i++) {
      const user: TeamsUser = { tenantId: GENT, aadObjectId: randomUUID(), name: `Vrager ${i + 1}`, locale: 'nl-NL' };
      const c = new TeamsTestClient(url, conn.connector, conn.url, user);
      await c.say('hulp');
      const started = Date.now();
      const res = await c.tap('help.submit', {
        kind: 'help',
        topic: 'devices',
        question: `Mijn laptop wil niet opstarten (${i + 1})`,
        urgency: 'today',
        channel: 'chat',
        where: '',
      });
      assert.equal(res.status, 200);
      assert.match(cardText(res.card!), /Je vraag is verstuurd/, 'the requester is told at once');
      assert.ok(Date.now() - started < 4_000, `answered within the invoke's budget (${Date.now() - started} ms)`);
      ticketIds.push(String(actionData(res.card!, 'help.cancel')!.t));
    }
    await sleep(3_000); // past the grace time: the first server's own sweep is stuck the same way
    for (const id of ticketIds) {
      const t = await stored(id);
      assert.equal(t.state, 'searching', 'stored, not routed yet');
      assert.ok(t.routeDueAt, 'it carries the time a sweep routes it by');
    }
    assert.ok(proxy.counts.held > 0, 'the first server did try to route them');
  });

  it('after a SIGKILL, two other servers route every ticket exactly once', async () => {
    const first = servers[0];
    first.kill('SIGKILL');
    await exitOf(first);
    proxy.holdMatching(null);
    const offerCardsBefore = conn.connector.activities().length;
    await Promise.all([startServer('second'), startServer('third')]);

    const deadline = Date.now() + 120_000; // generous: the machine may be busy
    let open = ticketIds;
    while (open.length && Date.now() < deadline) {
      await sleep(500);
      open = (await Promise.all(ticketIds.map(stored))).filter((t) => t.state === 'searching').map((t) => t.ticketId);
    }
    assert.deepEqual(open, [], 'every ticket left "searching"');

    // The offer cards go out through the outbound queue right after the routing.
    await sleep(2_000);
    for (const id of ticketIds) {
      const t = await stored(id);
      const steps = t.events.filter((e) => e.type === 'offered' || e.type === 'escalated');
      assert.equal(steps.length, 1, `routed exactly once: ${t.events.map((e) => e.type).join(', ')}`);
      assert.equal(t.routeDueAt, undefined, 'nothing left for a sweep');
      if (t.state === 'offered') {
        const cards = conn.connector
          .activities()
          .slice(offerCardsBefore)
          .filter(
            (a) =>
              a.op === 'send' &&
              recipientOf(a) === t.offer!.coachId &&
              cardVerbs(cardOf(a)).includes('help.decline') &&
              actionData(cardOf(a), 'help.decline')?.t === id,
          );
        assert.equal(cards.length, 1, 'one offer card to the offered coach');
      } else assert.equal(t.state, 'escalated', 'no coach at work now: the coach pool and coordinator are told');
    }
    const { resources: left } = await createCosmosClient(cosmos)
      .database('digivaardig')
      .container('schedule')
      .items.query<Timer>({
        query: "SELECT * FROM c WHERE c.docType = 'timer' AND c.kind = 'route'",
      })
      .fetchAll();
    assert.deepEqual(
      left.map((x) => x.ticketId),
      [],
      'no route left to sweep',
    );
  });
});
