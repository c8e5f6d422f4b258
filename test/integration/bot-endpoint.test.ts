import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { App } from '../../bot/wiring/app';
import { createLogger } from '../../bot/logger';
import { startConnector, startTestApp } from '../helpers/app';
import { demoUser } from '../helpers/demo';
import { TeamsTestClient } from '../helpers/teams';

/** Log lines the server wrote, parsed. */
function capturedLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

/** A port nothing listens on: the Bot Framework's signing metadata, unreachable. */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`;
}

/** The Bot Framework's OpenID metadata and keys, as a local stand-in with a key of its own. */
async function startBotFrameworkKeys() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bf-key-1', use: 'sig' };
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/v1/.well-known/openidconfiguration')
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/keys` }));
    else if (req.url === '/v1/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    privateKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A token shaped like the Bot Framework's, signed with whatever key the caller has. */
async function botFrameworkToken(
  appId: string,
  serviceUrl: string,
  key: CryptoKey,
  opts: { kid?: string; expired?: boolean } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ serviceurl: serviceUrl })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'bf-key-1', typ: 'JWT' })
    .setIssuer('https://api.botframework.com')
    .setAudience(appId)
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(opts.expired ? now - 3600 : now + 3600)
    .sign(key);
}

async function post(app: App, activity: Record<string, unknown>, token?: string) {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (text ? JSON.parse(text) : null) as unknown,
  };
}

const storedFor = async (app: App, userId: string) =>
  (
    await app.store.containers.users.items
      .query({ query: 'SELECT c.id FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: userId }] })
      .fetchAll()
  ).resources.length;

describe('/api/messages with bot credentials: a token that cannot be checked is never a 500', () => {
  const appId = randomUUID();
  const user = { ...demoUser('employee'), aadObjectId: randomUUID() };
  const serviceUrl = 'http://127.0.0.1:9/';
  const client = new TeamsTestClient('', null as never, serviceUrl, user);
  const message = () => client.activity({ type: 'message', text: 'hallo' });
  const env = (metadataUrl: string) => ({
    BOT_APP_ID: appId,
    BOT_APP_PASSWORD: 'not-a-real-secret',
    ALLOWED_TENANTS: user.tenantId,
    BOT_OPENID_METADATA_URL: metadataUrl,
  });

  describe('when the Bot Framework signing metadata is unreachable', () => {
    let app: App;
    const captured = capturedLog();
    before(async () => {
      app = await startTestApp({ env: env(await deadUrl()), log: captured.log });
    });
    after(() => app.stop());

    it('answers a forged token with 503 and a log line saying the signing metadata is unreachable', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const res = await post(app, message(), await botFrameworkToken(appId, serviceUrl, privateKey));
      assert.equal(res.status, 503);
      assert.equal(res.retryAfter, '30');
      assert.deepEqual(Object.keys(res.body as object).sort(), ['error', 'message']);
      assert.equal((res.body as { error: string }).error, 'unavailable');
      const line = captured.lines.find((l) => /signing metadata unreachable/.test(String(l.msg)));
      assert.ok(line, 'a log line says why');
      assert.equal(line.level, 50);
      assert.ok(!JSON.stringify(captured.lines).includes('eyJ'), 'the token is not logged');
      assert.equal(await storedFor(app, user.aadObjectId), 0);
    });

    it('still answers a request without any token with 401 (nothing to check, nothing fetched)', async () => {
      assert.equal((await post(app, message())).status, 401);
    });
  });

  describe('when the signing keys are there', () => {
    let app: App;
    let keys: Awaited<ReturnType<typeof startBotFrameworkKeys>>;
    // botbuilder prints the key it tried to console.error on a bad signature; the test's output stays readable.
    const consoleError = console.error;
    before(async () => {
      keys = await startBotFrameworkKeys();
      app = await startTestApp({ env: env(keys.metadataUrl) });
      console.error = () => undefined;
    });
    after(async () => {
      console.error = consoleError;
      await app.stop();
      await keys.close();
    });

    it('answers a token signed with another key under a published key id with 401, not 500', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const res = await post(app, message(), await botFrameworkToken(appId, serviceUrl, privateKey));
      assert.equal(res.status, 401);
      assert.equal((res.body as { error: string }).error, 'unauthenticated');
    });

    it('lets a token signed with the published key through: the check above is a real one', async () => {
      const someoneElse = new TeamsTestClient('', null as never, serviceUrl, { ...user, aadObjectId: randomUUID() });
      const activity = someoneElse.activity({ type: 'message', text: 'hallo' });
      const res = await post(app, activity, await botFrameworkToken(appId, serviceUrl, keys.privateKey));
      assert.ok(![401, 403, 503].includes(res.status), String(res.status));
    });

    it('answers an unknown key id, an expired token, a token for another bot and garbage with 401', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const tokens = [
        await botFrameworkToken(appId, serviceUrl, privateKey, { kid: 'not-published' }),
        await botFrameworkToken(appId, serviceUrl, keys.privateKey, { expired: true }),
        await botFrameworkToken(randomUUID(), serviceUrl, keys.privateKey),
        'not-a-jwt',
        'eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.',
      ];
      for (const token of tokens) assert.equal((await post(app, message(), token)).status, 401, token.slice(0, 40));
      assert.equal(await storedFor(app, user.aadObjectId), 0);
    });

    it('refuses another channel with 403 even with a token, before checking it', async () => {
      const res = await post(
        app,
        { ...message(), channelId: 'directline' },
        await botFrameworkToken(appId, serviceUrl, keys.privateKey),
      );
      assert.equal(res.status, 403);
      assert.equal((res.body as { error: string }).error, 'forbidden_channel');
    });
  });
});

describe('/api/messages accepts Teams only', () => {
  let app: App;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const captured = capturedLog();
  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ log: captured.log });
  });
  after(async () => {
    await app.stop();
    await conn.close();
  });

  for (const channelId of ['directline', 'webchat', 'emulator', 'slack', 'MSTEAMS', undefined]) {
    it(`answers channel ${String(channelId)} with 403, logs it, and neither answers nor stores anything, even with a real tenant and user`, async () => {
      const c = new TeamsTestClient(app.url, conn.connector, conn.url, {
        ...demoUser('admin'),
        aadObjectId: randomUUID(),
      });
      const activity = c.activity({ type: 'message', text: 'scan' });
      if (channelId === undefined) delete activity.channelId;
      else activity.channelId = channelId;
      const res = await c.post(activity);
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: 'forbidden_channel', message: 'Dit mag je niet bekijken.' });
      assert.ok(
        captured.lines.some((l) => l.msg === 'activity refused: not from Teams' && l.channelId === (channelId ?? null)),
      );
      await app.settle();
      assert.equal(conn.connector.activities(c.conversationId).length, 0);
      assert.equal(await storedFor(app, c.user.aadObjectId), 0);
    });
  }

  it('still answers the playground and Teams channel, msteams', async () => {
    const c = new TeamsTestClient(app.url, conn.connector, conn.url, demoUser('employee'), () => app.settle());
    const { status, replies } = await c.say('menu');
    assert.equal(status, 200);
    assert.equal(replies.length, 1);
  });
});
