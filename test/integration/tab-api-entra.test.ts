import path from 'node:path';
import assert from 'node:assert/strict';
import { ActivityHandler } from 'botbuilder';
import { TeamsAdapter } from '../../bot/teams/teams-adapter';
import { generateKeyPair } from 'jose';
import { loadConfig } from '../../bot/config';
import { CachedDirectory } from '../../bot/domain/cached-directory';
import type { Clock, Messenger } from '../../bot/domain/ports';
import { createAuthenticator } from '../../bot/http/create-authenticator';
import { EntraAuthenticator } from '../../bot/http/entra-authenticator';
import { registerTabApi } from '../../bot/http/tab-api';
import { everyoneAvailable } from '../../bot/domain/help/help-ports';
import { readLeadershipContent } from '../../bot/domain/leadership/leadership-content';
import { ROOT } from '../../bot/wiring/app';
import { buildRepositories } from '../../bot/wiring/repositories';
import { buildServices } from '../../bot/wiring/services';
import { tabApiDeps } from '../../bot/wiring/routes';
import { createKnowledge } from '../../bot/wiring/knowledge';
import { buildCoachNews } from '../../bot/wiring/coach-news';
import { createLogger } from '../../bot/logger';
import { createServer, type RunningServer } from '../../bot/server';
import { tempDir, withRunningApp } from '../helpers/app';
import { cardText } from '../helpers/cards';
import { demoSeeds } from '../helpers/demo';
import { startJwksServer } from '../unit/http/support/jwks-server';
import { TabClient } from '../unit/http/support/tab-client';

const CLIENT_ID = '8c2d3f0e-1a2b-4c5d-9e8f-0a1b2c3d4e5f';
const [gent, wk] = demoSeeds;
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

/** Records what the bot would send, and can pretend a colleague has no chat with the bot. */
class RecordingMessenger implements Messenger {
  readonly sent: Array<{ userId: string; card: Record<string, unknown> }> = [];
  constructor(private readonly unreachable: Set<string>) {}
  async sendCard(_tenantId: string, userId: string, card: Record<string, unknown>): Promise<string | null> {
    if (this.unreachable.has(userId)) return null;
    this.sent.push({ userId, card });
    return `activity-${this.sent.length}`;
  }
  async updateCard(): Promise<boolean> {
    return true;
  }
  async deliver(): Promise<never> {
    throw new Error('no reminder rounds in this test');
  }
}

/**
 * The tab API as production runs it: Entra SSO tokens, checked against keys served from a
 * local JWKS endpoint (standing in for login.microsoftonline.com), no dev identities.
 */
describe('the tab API with Entra SSO tokens', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let api: TabClient;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  const data = tempDir('dv-tab-entra-');
  let now = new Date();
  const clock: Clock = { now: () => now };
  const unreachable = new Set<string>();
  const messenger = new RecordingMessenger(unreachable);

  const claims = (seed: (typeof demoSeeds)[number], userId: string) => ({
    tid: seed.tenant.id,
    oid: userId,
    aud: CLIENT_ID,
    name: 'Iemand',
  });
  const leaderId = (teamId: string) => gent.teams.find((t) => t.id === teamId)!.leaderId;

  const running = withRunningApp();
  before(async () => {
    jwks = await startJwksServer();
    const config = loadConfig({
      NODE_ENV: 'test',
      BOT_APP_ID: 'bot-app',
      BOT_APP_PASSWORD: 'x',
      AAD_APP_CLIENT_ID: CLIENT_ID,
      ALLOWED_TENANTS: `${gent.tenant.id},${wk.tenant.id}`,
      LOG_LEVEL: 'silent',
    });
    const auth = new EntraAuthenticator({
      clientId: CLIENT_ID,
      allowedTenants: config.allowedTenants,
      metadataUrl: jwks.metadataUrl,
    });
    const log = createLogger('silent');
    // The tab API's services as the app builds them, around a messenger that records what it would send.
    const repos = buildRepositories(running.app.store, clock, log);
    await repos.content.load();
    const directory = new CachedDirectory(repos.organisation, clock);
    const services = buildServices({
      config,
      store: running.app.store,
      repos,
      directory,
      presence: everyoneAvailable,
      messenger,
      leadershipContent: readLeadershipContent(path.join(ROOT, 'seeds', 'leadership')),
      clock,
      log,
    });
    const knowledge = await createKnowledge({
      store: running.app.store,
      repos,
      directory,
      root: ROOT,
      domains: () => repos.content.current().content.domains.map((d) => d.id),
      clock,
      log,
    });
    const network = {
      news: buildCoachNews({ store: running.app.store, repos, directory, delivery: messenger, clock, log }),
      knowledgeAdmin: knowledge.admin,
    };
    const http = createServer({
      version: 'test',
      storeKind: 'embedded',
      maxBodyBytes: config.maxBodyBytes,
      adapter: new TeamsAdapter(),
      bot: new ActivityHandler(),
      directory,
      auth,
      pingStore: async () => true,
      apiRoutes: (s) =>
        registerTabApi(s, tabApiDeps({ config, repos, services, network, directory, clock, log, auth })),
      log,
      tabDir: data.dir,
    });
    server = await http.start(0, '127.0.0.1');
    api = new TabClient(server.url);
  });
  after(async () => {
    await server?.stop();
    await jwks?.close();
  });

  describe('who is calling', () => {
    it('accepts a valid token and takes user and tenant from its claims', async () => {
      const leader = leaderId('gt-team-kdv');
      const res = await api.get<{ userId: string; tenantId: string; roles: string[] }>(
        '/api/v1/me',
        await jwks.token(claims(gent, leader)),
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.body.tenantId, res.body.userId], [gent.tenant.id, leader]);
      assert.ok(res.body.roles.includes('leader'));
    });

    it('accepts the api:// audience and v1 issuer formats', async () => {
      const id = leaderId('gt-team-kdv');
      assert.equal(
        (
          await api.get(
            '/api/v1/teams/mine',
            await jwks.token({ ...claims(gent, id), aud: `api://tab.example.org/${CLIENT_ID}` }),
          )
        ).status,
        200,
      );
      assert.equal(
        (
          await api.get(
            '/api/v1/teams/mine',
            await jwks.token({ ...claims(gent, id), iss: `https://sts.windows.net/${gent.tenant.id}/`, ver: '1.0' }),
          )
        ).status,
        200,
      );
    });

    it('answers 401 to no, expired, not-yet-valid, forged, wrong-audience, wrong-issuer, wrong-tenant and scope-less tokens', async () => {
      const id = leaderId('gt-team-kdv');
      const base = claims(gent, id);
      const past = Math.floor(Date.now() / 1000) - 3600;
      const { privateKey: stranger } = await generateKeyPair('RS256');
      const bad: Record<string, string | undefined> = {
        none: undefined,
        expired: await jwks.token(base, { expiresIn: past }),
        'not yet valid': await jwks.token(base, { notBefore: Math.floor(Date.now() / 1000) + 3600 }),
        forged: await jwks.token(base, { key: stranger }),
        'wrong audience': await jwks.token({ ...base, aud: 'api://someone-else' }),
        'another app id': await jwks.token({ ...base, aud: '00000000-0000-4000-8000-000000000000' }),
        'wrong issuer': await jwks.token({ ...base, iss: 'https://login.microsoftonline.com/common/v2.0' }),
        'issuer of another tenant': await jwks.token({
          ...base,
          iss: `https://login.microsoftonline.com/${wk.tenant.id}/v2.0`,
        }),
        'tenant not allowed': await jwks.token({
          ...base,
          tid: OTHER_TENANT,
          iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
        }),
        'no scope': await jwks.token({ ...base, scp: 'User.Read' }),
        'no user': await jwks.token({ ...base, oid: '' }),
        'HS256 dev token': await jwks.token(base, { alg: 'HS256', key: new TextEncoder().encode('x'.repeat(32)) }),
      };
      for (const [why, token] of Object.entries(bad)) {
        const res = await api.get('/api/v1/teams/mine', token);
        assert.equal(res.status, 401, why);
        assert.equal((res.body as { error: string }).error, 'unauthenticated', why);
        if (token) assert.ok(!res.text.includes(token), 'the token is never echoed');
      }
    });

    it('fetches a tenant’s keys once, not per request', async () => {
      const before = jwks.metadataRequests();
      for (let i = 0; i < 3; i++)
        await api.get('/api/v1/teams/mine', await jwks.token(claims(gent, leaderId('gt-team-kdv'))));
      assert.equal(jwks.metadataRequests(), before);
    });

    it('never accepts a dev token outside development', () => {
      const production = loadConfig({
        NODE_ENV: 'production',
        BOT_APP_ID: 'b',
        BOT_APP_PASSWORD: 'p',
        ALLOWED_TENANTS: gent.tenant.id,
        COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/',
        AAD_APP_CLIENT_ID: CLIENT_ID,
      });
      assert.equal(production.devMode, false);
      assert.ok(createAuthenticator(production, null) instanceof EntraAuthenticator);
    });
  });

  describe('roles from the claims, never from the body', () => {
    it('stores the leadership answers under the token’s user even when the body names someone else', async () => {
      const id = leaderId('gt-team-kdv');
      const other = leaderId('gt-team-talent');
      await api.post('/api/v1/leadership/answers', await jwks.token(claims(gent, id)), {
        answers: { 'lead-01': 4 },
        userId: other,
        tenantId: wk.tenant.id,
      });
      const mine = await api.get<{ answers: Record<string, number> }>(
        '/api/v1/leadership',
        await jwks.token(claims(gent, id)),
      );
      const theirs = await api.get<{ answers: Record<string, number> }>(
        '/api/v1/leadership',
        await jwks.token(claims(gent, other)),
      );
      assert.deepEqual(mine.body.answers, { 'lead-01': 4 });
      assert.deepEqual(theirs.body.answers, {});
    });

    it('lets a programme admin in and keeps a leader out of the programme view', async () => {
      assert.equal(
        (await api.get('/api/v1/programme', await jwks.token(claims(gent, gent.tenant.programmeAdmins[0])))).status,
        200,
      );
      assert.equal(
        (await api.get('/api/v1/programme', await jwks.token(claims(gent, leaderId('gt-team-kdv'))))).status,
        403,
      );
    });
  });

  describe('the nudge, seen from the messenger', () => {
    it('sends one card per member in their own language, counts who cannot be reached, and allows the next after 7 days', async () => {
      const team = 'gt-team-talent';
      const members = gent.users.filter((u) => u.teamId === team);
      unreachable.add(members[0].id);
      const t = () => jwks.token(claims(gent, leaderId(team)));
      const first = await api.post<{ sent: number; unreachable: number }>(`/api/v1/teams/${team}/nudge`, await t());
      assert.equal(first.status, 200, first.text);
      assert.deepEqual([first.body.sent, first.body.unreachable], [members.length - 1, 1]);
      for (const m of members.slice(1)) {
        const card = messenger.sent.find((s) => s.userId === m.id)!.card;
        assert.match(cardText(card), m.preferredLocale?.startsWith('en') ? /take the self-scan/ : /zelfscan/);
      }
      now = new Date(now.getTime() + 6 * 24 * 3600 * 1000);
      assert.equal((await api.post(`/api/v1/teams/${team}/nudge`, await t())).status, 409);
      now = new Date(now.getTime() + 1.5 * 24 * 3600 * 1000);
      assert.equal((await api.post(`/api/v1/teams/${team}/nudge`, await t())).status, 200);
    });
  });
});
