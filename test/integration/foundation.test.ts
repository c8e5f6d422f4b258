import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sinon from 'sinon';
import type { App } from '../../bot/app';
import { CosmosDirectory } from '../../bot/storage/cosmos-directory';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoUser } from '../helpers/demo';
import { cardOf, TeamsTestClient } from '../helpers/teams';

describe('the server on the embedded Cosmos server', () => {
  let app: App;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const data = tempDir();
  const client = (user = demoUser('employee')) => new TeamsTestClient(app.url, conn.connector, conn.url, user);

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ dataDir: data.dir });
  });
  after(async () => {
    await app.stop();
    await conn.close();
    data.remove();
  });
  afterEach(() => sinon.restore());

  describe('GET /healthz', () => {
    it('answers 200 with version, uptime and the embedded store', async () => {
      const res = await fetch(`${app.url}/healthz`);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.status, 'ok');
      assert.equal(body.store, 'embedded');
      assert.equal(body.version, 'test');
      assert.equal(typeof body.uptimeSeconds, 'number');
    });

    it('answers 503 when the store cannot be reached', async () => {
      sinon.stub(app.store, 'ping').resolves(false);
      const res = await fetch(`${app.url}/healthz`);
      assert.equal(res.status, 503);
      assert.equal((await res.json()).status, 'store-unreachable');
    });
  });

  describe('when the app is installed by a demo employee', () => {
    it('welcomes them in Dutch by name, says who sees what, and offers the scan', async () => {
      const employee = demoUser('employee');
      const { status, replies } = await client(employee).install();
      assert.equal(status, 200);
      const card = cardOf(replies[0]);
      assertValidCard(card, 'welcome');
      const text = cardText(card);
      assert.match(text, new RegExp(`Welkom bij Digivaardig, ${employee.name.split(' ')[0]}`));
      assert.match(text, /Wie ziet wat\?.*minstens 5 mensen/s);
      assert.doesNotMatch(text, /team nog niet/);
      assert.deepEqual(cardVerbs(card), ['scan.start', 'help.start', 'menu']);
    });

    it('welcomes once when Teams announces the install twice at the same moment', async () => {
      const c = client({ ...demoUser('coach'), aadObjectId: randomUUID() });
      const before = conn.connector.activities(c.conversationId).length;
      await Promise.all([
        c.post(c.activity({ type: 'installationUpdate', action: 'add' })),
        c.post(c.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:digivaardig-bot' }] })),
      ]);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(conn.connector.activities(c.conversationId).length - before, 1);
    });

    it('stores the conversation reference so the bot can reach them later', async () => {
      const employee = demoUser('employee');
      const { resource } = await app.store.containers.users.item('conversation', `${employee.tenantId}|${employee.aadObjectId}`).read();
      assert.equal(resource.tenantId, employee.tenantId);
      assert.equal(resource.reference.conversation.id, `a:1dev-${employee.aadObjectId}`);
    });
  });

  describe('when a user talks to the bot', () => {
    it('answers "hallo" with the welcome card', async () => {
      const { replies } = await client().say('hallo');
      assert.match(cardText(cardOf(replies[0])), /Welkom bij Digivaardig/);
    });

    it('answers an English-speaking colleague in English', async () => {
      const { replies } = await client(demoUser('english')).say('hello');
      const card = cardOf(replies[0]);
      assertValidCard(card, 'welcome-en');
      assert.match(cardText(card), /Welcome to Digivaardig/);
    });

    it('answers text it does not understand with a short menu', async () => {
      const { replies } = await client().say('wat is het weer morgen');
      const card = cardOf(replies[0]);
      assertValidCard(card, 'menu');
      assert.match(cardText(card), /Wat wil je doen\?/);
      assert.match(cardText(card), /\*\*hulp\*\*/);
    });

    it('shows a coach the coach commands in the menu', async () => {
      const { replies } = await client(demoUser('coach')).say('menu');
      assert.match(cardText(cardOf(replies[0])), /niet beschikbaar/);
    });

    it('opens the digital-leadership scan for a leader, and tells an employee it is for leaders', async () => {
      const leaderCard = cardOf((await client(demoUser('leader')).say('leiderschapsscan')).replies[0]);
      assertValidCard(leaderCard, 'leadership');
      assert.match(JSON.stringify(leaderCard), new RegExp(`"url":"${app.url}/tab/#leadership"`));
      const employeeCard = cardOf((await client().say('leiderschapsscan')).replies[0]);
      assert.match(cardText(employeeCard), /voor leidinggevenden/);
    });

    it('serves a Teams user from a tenant it has never seen, as an employee whose team is unknown', async () => {
      const stranger = { tenantId: randomUUID(), aadObjectId: randomUUID(), name: 'Nieuwe Collega', locale: 'nl-BE' };
      const { replies } = await client(stranger).install();
      const text = cardText(cardOf(replies[0]));
      assert.match(text, /Welkom bij Digivaardig, Nieuwe/);
      assert.match(text, /We kennen je team nog niet/);
    });

    it('answers a card button with a verb it does not know with a localized notice, changing nothing', async () => {
      const res = await client().tap('ticket.steal', { ticketId: 'x' });
      assert.equal(res.status, 200);
      assert.ok(res.card);
      assertValidCard(res.card, 'unknown-verb');
      assert.match(cardText(res.card), /Die actie ken ik niet/);
    });

    it('shows a friendly, localized card when a turn fails, never the error itself', async () => {
      sinon.stub(CosmosDirectory.prototype, 'getPerson').rejects(new Error('secret-internal-detail'));
      const user = { ...demoUser('employee', 1), aadObjectId: randomUUID() };
      const { replies } = await client(user).say('hallo');
      const text = cardText(cardOf(replies[0]));
      assert.match(text, /Dat lukte niet/);
      assert.doesNotMatch(text, /secret-internal-detail|Error:|\sat \S+:\d+/);
    });
  });

  describe('in a team channel or a group chat', () => {
    const channelId = (tag: string) => `19:${tag}-${randomUUID()}@thread.tacv2`;
    /** Sends an activity into a shared conversation and returns what the bot posted there. */
    async function inShared(c: TeamsTestClient, conversation: { id: string; conversationType: string }, extra: Record<string, unknown>, expect = 1) {
      const res = await c.post(c.activity({ ...extra, conversation: { ...conversation, tenantId: c.user.tenantId } }));
      const replies = expect > 0 ? await conn.connector.waitFor(conversation.id, expect) : [];
      return { ...res, replies };
    }

    it('answers "@Digivaardig resultaat" with a pointer to the personal chat, never with personal data, and stores nothing', async () => {
      const user = { ...demoUser('employee', 1), aadObjectId: randomUUID() };
      const conversation = { id: channelId('general'), conversationType: 'channel' };
      const { status, replies } = await inShared(client(user), conversation, { type: 'message', text: '<at>Digivaardig</at> resultaat' });
      assert.equal(status, 200);
      const card = cardOf(replies[0]);
      assertValidCard(card, 'personal-chat');
      assert.match(cardText(card), /werkt in je persoonlijke chat/);
      assert.doesNotMatch(cardText(card), new RegExp(user.name.split(' ')[0]!));
      assert.deepEqual(cardVerbs(card), [], 'no buttons that would act in the channel');
      const stored = await app.store.containers.users.items
        .query({ query: 'SELECT c.id FROM c WHERE c.userKey = @k', parameters: [{ name: '@k', value: `${user.tenantId}|${user.aadObjectId}` }] })
        .fetchAll();
      assert.deepEqual(stored.resources, [], 'no conversation reference or state for someone who only spoke in a channel');
    });

    it('answers a card action in a group chat with the same pointer, in English for an English client', async () => {
      const user = { ...demoUser('employee'), locale: 'en-US' };
      const conversation = { id: `19:group-${randomUUID()}@thread.v2`, conversationType: 'groupChat' };
      const c = client(user);
      const res = await c.post(c.activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'scan.start', data: { verb: 'scan.start' } } }, conversation: { ...conversation, tenantId: user.tenantId } }));
      assert.equal(res.status, 200);
      const card = (res.body as { value: Record<string, unknown> }).value;
      assertValidCard(card, 'personal-chat-en');
      assert.match(cardText(card), /works in your personal chat/);
    });

    it('introduces itself once when the app is added to a team, even when Teams announces it twice', async () => {
      const c = client(demoUser('leader'));
      const conversation = { id: channelId('team'), conversationType: 'channel' };
      await Promise.all([
        inShared(c, conversation, { type: 'installationUpdate', action: 'add' }, 0),
        inShared(c, conversation, { type: 'conversationUpdate', membersAdded: [{ id: '28:digivaardig-bot' }] }, 0),
      ]);
      await new Promise((r) => setTimeout(r, 300));
      const posted = conn.connector.activities(conversation.id);
      assert.equal(posted.length, 1);
      assert.match(cardText(cardOf(posted[0])), /Voeg het tabblad Digivaardig toe/);
    });
  });

  describe('bad input on /api/messages', () => {
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${app.url}/api/messages`, { method: 'POST', headers, body });

    it('answers malformed JSON with 400 and a JSON error', async () => {
      const res = await post('{"type": "message",');
      assert.equal(res.status, 400);
      assert.ok((await res.json()).message);
    });

    for (const missing of ['type', 'conversation', 'from', 'serviceUrl'] as const) {
      it(`answers an activity without ${missing} with 400, not 500`, async () => {
        const activity = client().activity({ type: 'message', text: 'hallo' });
        delete activity[missing];
        const res = await post(JSON.stringify(activity));
        assert.equal(res.status, 400);
        assert.match((await res.json()).message, new RegExp(missing));
      });
    }

    it('answers a JSON array or a bare string with 400', async () => {
      assert.equal((await post('[1,2]')).status, 400);
      assert.equal((await post('"hallo"')).status, 400);
    });

    it('answers a body over the limit with 413', async () => {
      const activity = client().activity({ type: 'message', text: 'x'.repeat(300 * 1024) });
      const res = await post(JSON.stringify(activity));
      assert.equal(res.status, 413);
    });

    it('answers unknown routes with 404', async () => {
      assert.equal((await fetch(`${app.url}/api/unknown`)).status, 404);
    });

    it('is still healthy after all of that', async () => {
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
    });
  });

  describe('GET /api/v1/me', () => {
    const token = async (tenantId: string, userId: string) => {
      const res = await fetch(`${app.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantId, userId }) });
      return (await res.json()).token as string;
    };

    it('refuses a request without a token with 401', async () => {
      const res = await fetch(`${app.url}/api/v1/me`);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error, 'unauthenticated');
    });

    it('refuses a forged token with 401', async () => {
      const res = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4Iiwib2lkIjoieSJ9.c2lnbmF0dXJl' } });
      assert.equal(res.status, 401);
    });

    it("returns a leader's profile and roles from the directory", async () => {
      const leader = demoUser('leader');
      const res = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${await token(leader.tenantId, leader.aadObjectId)}` } });
      assert.equal(res.status, 200);
      const me = await res.json();
      assert.equal(me.userId, leader.aadObjectId);
      assert.equal(me.name, leader.name);
      assert.ok(me.roles.includes('leader'));
      assert.ok(me.team?.name);
    });

    it('knows a programme admin', async () => {
      const admin = demoUser('admin');
      const me = await (await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${await token(admin.tenantId, admin.aadObjectId)}` } })).json();
      assert.ok(me.roles.includes('admin'));
    });

    it('rejects a dev token request with a malformed id with 400', async () => {
      const res = await fetch(`${app.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantId: '../x', userId: 1 }) });
      assert.equal(res.status, 400);
    });
  });
});

describe('a deployment with an allow-list of tenants', () => {
  let app: App;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const allowed = demoUser('employee', 0);
  const other = demoUser('employee', 1);
  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ env: { ALLOWED_TENANTS: allowed.tenantId } });
  });
  after(async () => {
    await app.stop();
    await conn.close();
  });

  it('serves an allowed tenant', async () => {
    const { replies } = await new TeamsTestClient(app.url, conn.connector, conn.url, allowed).say('hallo');
    assert.match(cardText(cardOf(replies[0])), /Welkom/);
  });

  it('answers another tenant with one polite refusal and stores nothing about them', async () => {
    const c = new TeamsTestClient(app.url, conn.connector, conn.url, other);
    const { replies } = await c.say('hallo');
    assert.equal(replies.length, 1);
    assert.match(String(replies[0].activity.text), /nog niet beschikbaar voor jouw organisatie/);
    const { resources } = await app.store.containers.users.items.query({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: other.tenantId }] }).fetchAll();
    assert.equal(resources.length, 0);
  });
});

describe('a deployment with bot credentials', () => {
  let app: App;
  before(async () => {
    app = await startTestApp({ env: { BOT_APP_ID: randomUUID(), BOT_APP_PASSWORD: 'not-a-real-secret', BOT_APP_TYPE: 'MultiTenant' } });
  });
  after(() => app.stop());

  it('answers an activity without a valid Bot Framework token with 401', async () => {
    const c = new TeamsTestClient(app.url, null as never, 'http://127.0.0.1:9', demoUser('employee'));
    const res = await c.post(c.activity({ type: 'message', text: 'hallo' }));
    assert.equal(res.status, 401);
  });

  it('has no dev endpoints and no playground', async () => {
    assert.equal((await fetch(`${app.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 404);
    assert.equal((await fetch(`${app.url}/`)).status, 404);
  });
});
