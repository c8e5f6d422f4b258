import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../bot/logger';
import { createCosmosClient } from '../../bot/storage/cosmos';
import { loadOrCreateCertificate } from '../../bot/storage/embedded/certificate';
import { type EmbeddedCosmos, startEmbeddedCosmos } from '../../bot/storage/embedded/embedded-cosmos';
import { exitOf, freePort, ROOT, serverEnv, tail, waitFor200 } from '../bench/lib/processes';
import { startConnector, tempDir } from '../helpers/app';
import { cardText } from '../helpers/cards';
import { FaultProxy } from '../helpers/fault-proxy';
import { answerOptions } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';

type Card = Record<string, unknown>;
const TRY_AGAIN = /Probeer het zo opnieuw\. Wat je eerder hebt ingevuld, blijft bewaard\./;

/**
 * The server as `npm start` runs it against Azure Cosmos DB (COSMOS_ENDPOINT and a key), where
 * the "account" is the embedded server behind a proxy that throttles, fails or goes silent.
 */
describe('when the store throttles, fails, goes silent or drops connections', () => {
  const data = tempDir('dv-faults-');
  const log = createLogger('silent');
  let cosmos: EmbeddedCosmos;
  let proxy: FaultProxy;
  let server: ChildProcess;
  let url: string;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  let c: TeamsTestClient;
  let card: Card;
  const confirmed: string[] = [];
  const user: TeamsUser = { tenantId: randomUUID(), aadObjectId: randomUUID(), name: 'Fien Fout', locale: 'nl-NL' };

  before(async () => {
    const certDir = path.join(data.dir, 'certs');
    const pem = await loadOrCreateCertificate(certDir);
    cosmos = await startEmbeddedCosmos({ certDir, dataDir: null, port: 0, log });
    proxy = await FaultProxy.start({ target: cosmos.endpoint, agent: cosmos.agent, pem });
    conn = await startConnector();
    const port = await freePort();
    const logFile = path.join(data.dir, 'server.log');
    server = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
      cwd: ROOT,
      env: {
        ...serverEnv({}),
        COSMOS_ENDPOINT: proxy.url,
        COSMOS_KEY: cosmos.key,
        NODE_EXTRA_CA_CERTS: path.join(certDir, 'cosmos-cert.pem'),
        DATA_DIR: data.dir,
        PORT: String(port),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
    });
    url = `http://127.0.0.1:${port}`;
    try {
      await waitFor200(`${url}/healthz`, Date.now(), server, 60_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${tail(logFile)}`);
    }
    c = new TeamsTestClient(url, conn.connector, conn.url, user);
    await c.say('scan');
    card = (await c.tap('scan.begin', { profile: 'financieel' })).card!;
  });

  after(async () => {
    server?.kill('SIGKILL');
    if (server) await exitOf(server);
    await conn?.close();
    await proxy?.close();
    await cosmos?.stop();
    data.remove();
  });

  /** Taps the first answer of the current question; returns the card and how long the turn took. */
  async function answer(): Promise<{ card: Card; ms: number; option: Card }> {
    const option = answerOptions(card)[0];
    const started = Date.now();
    const res = await c.tap('scan.answer', option);
    return { card: res.card!, ms: Date.now() - started, option };
  }

  function accept(res: { card: Card; option: Card }, n: number) {
    assert.match(cardText(res.card), new RegExp(`Vraag ${n + 1} van`), `answer ${n} confirmed`);
    confirmed.push(res.option.i as string);
    card = res.card;
  }

  it('waits what a 429 asks (x-ms-retry-after-ms) and then stores the answer, within the turn', async () => {
    accept(await answer(), 1);
    proxy.throttleNext(3, 400, 'scans');
    const res = await answer();
    accept(res, 2);
    assert.equal(proxy.counts.throttled, 3, 'the write was throttled three times');
    assert.ok(res.ms >= 3 * 400, `the SDK waited the retry-after each time (${res.ms} ms)`);
    assert.ok(res.ms < 4_000, `and answered within the invoke's budget (${res.ms} ms)`);
  });

  it('answers "probeer het zo opnieuw" in time when the store answers 503, and /healthz says degraded', async () => {
    proxy.set('unavailable');
    const res = await answer();
    assert.match(cardText(res.card), TRY_AGAIN);
    assert.ok(res.ms < 4_500, `told within the invoke's budget (${res.ms} ms)`);
    const { replies } = await c.say('resultaat');
    assert.match(cardText(cardOf(replies[0])), TRY_AGAIN, 'a chat message gets the same answer');
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { status: string }).status, 'degraded');
  });

  it('answers "probeer het zo opnieuw" in time when the store does not answer at all', async () => {
    proxy.set('hang');
    const res = await answer();
    assert.match(cardText(res.card), TRY_AGAIN);
    assert.ok(res.ms < 5_000, `told before Teams gives up (${res.ms} ms)`);
    assert.ok(proxy.counts.held > 0, 'the store was asked and stayed silent');
  });

  it('answers "probeer het zo opnieuw" in time when the store drops every connection', async () => {
    proxy.set('drop');
    const res = await answer();
    assert.match(cardText(res.card), TRY_AGAIN);
    assert.ok(res.ms < 5_000, `told before Teams gives up (${res.ms} ms)`);
    assert.ok(proxy.counts.dropped > 0, 'the store was asked and the connection dropped');
  });

  it('continues at the same question once the store is back, with every confirmed answer stored once', async () => {
    proxy.set('pass');
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    accept(await answer(), 3);
    accept(await answer(), 4);
    const { resource } = await createCosmosClient(cosmos)
      .database('digivaardig')
      .container('scans')
      .item('session', `${user.tenantId}|${user.aadObjectId}`)
      .read<{ answers: Array<{ itemId: string }> }>();
    assert.deepEqual(
      resource?.answers.map((a) => a.itemId),
      confirmed,
    );
    assert.equal(server.exitCode, null, 'the server outlived the turns that were still under way');
  });
});
