import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { CloudAdapter } from 'botbuilder';
import sinon from 'sinon';
import { CosmosDirectory } from '../../bot/storage/cosmos-directory';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoUser } from '../helpers/demo';
import { cardOf, TeamsTestClient } from '../helpers/teams';

describe('the server on the embedded Cosmos server', () => {
  const client = (user = demoUser('employee')) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user);

  const running = withRunningApp();
  afterEach(() => sinon.restore());

  describe('GET /healthz', () => {
    it('answers 200 with version, uptime and the embedded store', async () => {
      const res = await fetch(`${running.app.url}/healthz`);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.status, 'ok');
      assert.equal(body.store, 'embedded');
      assert.equal(body.version, 'test');
      assert.equal(typeof body.uptimeSeconds, 'number');
    });

    it('answers 503 "degraded" when the store cannot be reached', async () => {
      sinon.stub(running.app.store, 'ping').resolves(false);
      const res = await fetch(`${running.app.url}/healthz`);
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.equal(body.status, 'degraded');
      assert.equal(body.storeReachable, false);
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
      const before = running.conn.connector.activities(c.conversationId).length;
      await Promise.all([
        c.post(c.activity({ type: 'installationUpdate', action: 'add' })),
        c.post(c.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:digivaardig-bot' }] })),
      ]);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(running.conn.connector.activities(c.conversationId).length - before, 1);
    });

    it('stores the conversation reference so the bot can reach them later', async () => {
      const employee = demoUser('employee');
      const { resource } = await running.app.store.containers.users
        .item('conversation', `${employee.tenantId}|${employee.aadObjectId}`)
        .read();
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
      assert.match(JSON.stringify(leaderCard), new RegExp(`"url":"${running.app.url}/tab/#leadership"`));
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
    async function inShared(
      c: TeamsTestClient,
      conversation: { id: string; conversationType: string },
      extra: Record<string, unknown>,
      expect = 1,
    ) {
      const res = await c.post(c.activity({ ...extra, conversation: { ...conversation, tenantId: c.user.tenantId } }));
      const replies = expect > 0 ? await running.conn.connector.waitFor(conversation.id, expect) : [];
      return { ...res, replies };
    }

    it('answers "@Digivaardig resultaat" with a pointer to the personal chat, never with personal data, and stores nothing', async () => {
      const user = { ...demoUser('employee', 1), aadObjectId: randomUUID() };
      const conversation = { id: channelId('general'), conversationType: 'channel' };
      const { status, replies } = await inShared(client(user), conversation, {
        type: 'message',
        text: '<at>Digivaardig</at> resultaat',
      });
      assert.equal(status, 200);
      const card = cardOf(replies[0]);
      assertValidCard(card, 'personal-chat');
      assert.match(cardText(card), /werkt in je persoonlijke chat/);
      assert.doesNotMatch(cardText(card), new RegExp(user.name.split(' ')[0]));
      assert.deepEqual(cardVerbs(card), [], 'no buttons that would act in the channel');
      const stored = await running.app.store.containers.users.items
        .query({
          query: 'SELECT c.id FROM c WHERE c.userKey = @k',
          parameters: [{ name: '@k', value: `${user.tenantId}|${user.aadObjectId}` }],
        })
        .fetchAll();
      assert.deepEqual(
        stored.resources,
        [],
        'no conversation reference or state for someone who only spoke in a channel',
      );
    });

    it('answers a card action in a group chat with the same pointer, in English for an English client', async () => {
      const user = { ...demoUser('employee'), locale: 'en-US' };
      const conversation = { id: `19:group-${randomUUID()}@thread.v2`, conversationType: 'groupChat' };
      const c = client(user);
      const res = await c.post(
        c.activity({
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'scan.start', data: { verb: 'scan.start' } } },
          conversation: { ...conversation, tenantId: user.tenantId },
        }),
      );
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
      const posted = running.conn.connector.activities(conversation.id);
      assert.equal(posted.length, 1);
      assert.match(cardText(cardOf(posted[0])), /Voeg het tabblad Digivaardig toe/);
    });
  });

  describe('bad input on /api/messages', () => {
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${running.app.url}/api/messages`, { method: 'POST', headers, body });

    it("answers malformed JSON with 400 in the app's error shape, in Dutch, without the parser's words", async () => {
      const res = await post('{"type": "message",');
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
      assert.equal(body.error, 'invalid_json');
      assert.match(body.message, /geen geldige JSON/);
      assert.doesNotMatch(body.message, /Unexpected|position|Invalid JSON|InvalidContent/);
    });

    it('answers malformed JSON in English for an English client', async () => {
      const res = await post('{"type": "message",', {
        'content-type': 'application/json',
        'accept-language': 'en-GB,en;q=0.9',
      });
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), {
        error: 'invalid_json',
        message: 'This request is not valid JSON. Nothing was changed.',
      });
    });

    it("answers another content type, or a compressed body, with 415 in the app's error shape", async () => {
      const activity = JSON.stringify(client().activity({ type: 'message', text: 'hallo' }));
      const refused: Array<Record<string, string>> = [
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/x-www-form-urlencoded' },
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      ];
      for (const headers of refused) {
        const res = await post(activity, { ...headers, 'accept-language': 'en' });
        assert.equal(res.status, 415, JSON.stringify(headers));
        assert.deepEqual(await res.json(), {
          error: 'unsupported_media_type',
          message: 'Send this request as JSON (application/json). Nothing was changed.',
        });
      }
    });

    it('answers a message without a body with 400, not 415', async () => {
      const res = await fetch(`${running.app.url}/api/messages`, { method: 'POST' });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error, 'invalid_activity');
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

    it("answers a body over the limit with 413 in the app's error shape", async () => {
      const activity = client().activity({ type: 'message', text: 'x'.repeat(300 * 1024) });
      const res = await post(JSON.stringify(activity));
      assert.equal(res.status, 413);
      assert.deepEqual(await res.json(), {
        error: 'payload_too_large',
        message: 'Dit verzoek is te groot. Er is niets veranderd.',
      });
    });

    it("answers unknown routes with 404, and a wrong method with 405, in the app's error shape", async () => {
      const unknown = await fetch(`${running.app.url}/api/unknown`, { headers: { 'accept-language': 'en' } });
      assert.equal(unknown.status, 404);
      assert.deepEqual(await unknown.json(), { error: 'not_found', message: 'That does not exist (any more).' });
      const wrongMethod = await fetch(`${running.app.url}/api/messages`);
      assert.equal(wrongMethod.status, 405);
      assert.equal((await wrongMethod.json()).error, 'method_not_allowed');
    });

    // Fields of the wrong type crashed the turn ("Er ging iets mis"), or the reply the connector refused.
    const wrongFields: Array<[string, Record<string, unknown>]> = [
      ['text', { type: 'message', text: { a: 1 } }],
      ['text', { type: 'message', text: 5 }],
      ['locale', { type: 'message', text: 'hallo', locale: 5 }],
      ['id', { type: 'message', text: 'hallo', id: 5 }],
      [
        'from.name',
        { type: 'installationUpdate', action: 'add', from: { id: '29:x', aadObjectId: randomUUID(), name: { a: 1 } } },
      ],
      ['from.aadObjectId', { type: 'message', text: 'hallo', from: { id: '29:x', aadObjectId: 5, name: 'A' } }],
      [
        'conversation.conversationType',
        { type: 'message', text: 'hallo', conversation: { id: 'a:1x', conversationType: { a: 1 } } },
      ],
      ['conversation.tenantId', { type: 'message', text: 'hallo', conversation: { id: 'a:1x', tenantId: 5 } }],
      ['channelData.tenant.id', { type: 'message', text: 'hallo', channelData: { tenant: { id: { a: 1 } } } }],
      ['channelId', { type: 'message', text: 'hallo', channelId: 5 }],
      ['membersAdded', { type: 'conversationUpdate', membersAdded: 'abc' }],
      ['membersAdded', { type: 'conversationUpdate', membersAdded: [null] }],
      ['value', { type: 'invoke', name: 'adaptiveCard/action', value: {} }],
      ['value', { type: 'invoke', name: 'adaptiveCard/action', value: 'scan.start' }],
    ];
    for (const [field, extra] of wrongFields) {
      it(`answers ${field} of the wrong type (${JSON.stringify(extra).slice(0, 70)}) with 400 naming it, and sends nothing`, async () => {
        const c = client({ ...demoUser('employee'), aadObjectId: randomUUID() });
        const res = await c.post(c.activity(extra));
        assert.equal(res.status, 400);
        const body = res.body as { error: string; message: string };
        assert.equal(body.error, 'invalid_activity');
        assert.match(body.message, new RegExp(field.replace(/\./g, '\\.')));
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(running.conn.connector.activities(c.conversationId).length, 0);
      });
    }

    // These reach the bot, which answers them itself: never "something went wrong".
    const answered: Array<[string, Record<string, unknown>, RegExp]> = [
      ['text null', { type: 'message', text: null }, /Wat wil je doen\?/],
      ['text "constructor"', { type: 'message', text: 'constructor' }, /Wat wil je doen\?/],
      ['a message value that is an array', { type: 'message', value: [1, 2] }, /Wat wil je doen\?/],
      [
        'a card submit whose verb is an object',
        { type: 'message', value: { verb: { a: 1 } } },
        /Die actie ken ik niet/,
      ],
    ];
    for (const [what, extra, expected] of answered) {
      it(`answers ${what} with a card, not an error`, async () => {
        const c = client({ ...demoUser('employee'), aadObjectId: randomUUID() });
        const { status, replies } = await c.exchange(c.activity(extra));
        assert.equal(status, 200);
        const text = cardText(cardOf(replies[0]));
        assert.match(text, expected);
        assert.doesNotMatch(text, /Er ging iets mis/);
      });
    }

    it('answers a card action whose data is an array like one without data, never with an error', async () => {
      const res = await client().tap('scan.answer', {});
      const c = client();
      const arrayData = await c.post(
        c.activity({
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'scan.answer', data: [1, 2] } },
        }),
      );
      assert.equal(arrayData.status, 200);
      const card = (arrayData.body as { value: Record<string, unknown> }).value;
      assert.equal(cardText(card), cardText(res.card!));
      assert.doesNotMatch(cardText(card), /Er ging iets mis/);
    });

    it("answers a failure botbuilder catches itself with 500 in the app's shape, never the error's text", async () => {
      sinon
        .stub(CloudAdapter.prototype as unknown as { processActivity(): Promise<unknown> }, 'processActivity')
        .rejects(new Error('secret-internal-detail'));
      sinon.stub(console, 'error');
      const c = client();
      const res = await c.post(c.activity({ type: 'message', text: 'hallo' }));
      assert.equal(res.status, 500);
      assert.deepEqual(res.body, { error: 'internal', message: 'Dat lukte niet' });
    });

    it('is still healthy after all of that', async () => {
      assert.equal((await fetch(`${running.app.url}/healthz`)).status, 200);
    });
  });

  describe('GET /api/v1/me', () => {
    const token = async (tenantId: string, userId: string) => {
      const res = await fetch(`${running.app.url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId, userId }),
      });
      return (await res.json()).token as string;
    };

    it('refuses a request without a token with 401', async () => {
      const res = await fetch(`${running.app.url}/api/v1/me`);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error, 'unauthenticated');
    });

    it('refuses a forged token with 401', async () => {
      const res = await fetch(`${running.app.url}/api/v1/me`, {
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4Iiwib2lkIjoieSJ9.c2lnbmF0dXJl' },
      });
      assert.equal(res.status, 401);
    });

    it("returns a leader's profile and roles from the directory", async () => {
      const leader = demoUser('leader');
      const res = await fetch(`${running.app.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${await token(leader.tenantId, leader.aadObjectId)}` },
      });
      assert.equal(res.status, 200);
      const me = await res.json();
      assert.equal(me.userId, leader.aadObjectId);
      assert.equal(me.name, leader.name);
      assert.ok(me.roles.includes('leader'));
      assert.ok(me.team?.name);
    });

    it('knows a programme admin', async () => {
      const admin = demoUser('admin');
      const me = await (
        await fetch(`${running.app.url}/api/v1/me`, {
          headers: { authorization: `Bearer ${await token(admin.tenantId, admin.aadObjectId)}` },
        })
      ).json();
      assert.ok(me.roles.includes('admin'));
    });

    it("answers malformed JSON to the settings with a localized 400 in the app's error shape", async () => {
      const admin = demoUser('admin');
      const bearer = `Bearer ${await token(admin.tenantId, admin.aadObjectId)}`;
      for (const [lang, message] of [
        ['nl-NL', /geen geldige JSON/],
        ['en-US', /not valid JSON/],
      ] as const) {
        const res = await fetch(`${running.app.url}/api/v1/admin/settings`, {
          method: 'PUT',
          headers: {
            authorization: bearer,
            'content-type': 'application/json',
            'accept-language': lang,
            'if-match': '"x"',
          },
          body: '{"anonymityThreshold": ',
        });
        assert.equal(res.status, 400);
        const body = await res.json();
        assert.equal(body.error, 'invalid_json');
        assert.match(body.message, message);
      }
    });

    it('answers a data erasure without a body with its own localized 400 (a confirmation is needed), not 415', async () => {
      const user = { ...demoUser('employee'), aadObjectId: randomUUID() };
      const bearer = `Bearer ${await token(user.tenantId, user.aadObjectId)}`;
      const nl = await fetch(`${running.app.url}/api/v1/me/data/delete`, {
        method: 'POST',
        headers: { authorization: bearer },
      });
      assert.equal(nl.status, 400);
      assert.deepEqual(await nl.json(), {
        error: 'invalid_request',
        message: 'Verwijderen gebeurt alleen na een duidelijke bevestiging. Er is niets verwijderd.',
      });
      const en = await fetch(`${running.app.url}/api/v1/me/data/delete`, {
        method: 'POST',
        headers: { authorization: bearer, 'accept-language': 'en', 'content-type': 'application/json' },
      });
      assert.equal(en.status, 400);
      assert.match((await en.json()).message, /only after a clear confirmation/);
    });

    it('answers a data erasure sent as a form or as text with a localized 415, and erases nothing', async () => {
      const user = { ...demoUser('employee'), aadObjectId: randomUUID() };
      const bearer = `Bearer ${await token(user.tenantId, user.aadObjectId)}`;
      for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
        const res = await fetch(`${running.app.url}/api/v1/me/data/delete`, {
          method: 'POST',
          headers: { authorization: bearer, 'content-type': type },
          body: 'confirm=yes',
        });
        assert.equal(res.status, 415, type);
        assert.deepEqual(await res.json(), {
          error: 'unsupported_media_type',
          message: 'Stuur dit verzoek als JSON (application/json). Er is niets veranderd.',
        });
      }
    });

    it('lets a route answer a POST without a body itself, also when it has no Content-Length (as curl sends it)', async () => {
      const employee = demoUser('employee');
      const authorization = `Bearer ${await token(employee.tenantId, employee.aadObjectId)}`;
      const nudge = await bareRequest(running.app.url, 'POST', `/api/v1/teams/${employee.teamId}/nudge`, {
        authorization,
      });
      assert.equal(nudge.status, 403, 'an employee may not nudge; the route said so, not the body reader');
      assert.equal(JSON.parse(nudge.body).error, 'forbidden');
      const erase = await bareRequest(running.app.url, 'POST', '/api/v1/me/data/delete', {
        authorization,
        'accept-language': 'en',
      });
      assert.equal(erase.status, 400);
      assert.match(JSON.parse(erase.body).message, /only after a clear confirmation/);
    });

    it('answers a tab request over the body limit with a localized 413', async () => {
      const res = await fetch(`${running.app.url}/api/v1/me/data/delete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({ confirm: 'yes', pad: 'x'.repeat(300 * 1024) }),
      });
      assert.equal(res.status, 413);
      assert.deepEqual(await res.json(), {
        error: 'payload_too_large',
        message: 'This request is too large. Nothing was changed.',
      });
    });

    it('rejects a dev token request with a malformed id with 400', async () => {
      const res = await fetch(`${running.app.url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: '../x', userId: 1 }),
      });
      assert.equal(res.status, 400);
    });
  });
});

/** A request written on the socket as it is: no body, and neither Content-Length nor Transfer-Encoding. */
function bareRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      const lines = [
        `${method} ${path} HTTP/1.1`,
        `host: ${hostname}:${port}`,
        'connection: close',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () =>
      resolve({ status: Number(raw.split(' ')[1]), body: raw.slice(raw.indexOf('\r\n\r\n') + 4) }),
    );
  });
}

describe('a deployment with an allow-list of tenants', () => {
  const allowed = demoUser('employee', 0);
  const other = demoUser('employee', 1);
  const running = withRunningApp({ env: { ALLOWED_TENANTS: allowed.tenantId } });

  it('serves an allowed tenant', async () => {
    const { replies } = await new TeamsTestClient(
      running.app.url,
      running.conn.connector,
      running.conn.url,
      allowed,
    ).say('hallo');
    assert.match(cardText(cardOf(replies[0])), /Welkom/);
  });

  it('answers another tenant with one polite refusal and stores nothing about them', async () => {
    const c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, other);
    const { replies } = await c.say('hallo');
    assert.equal(replies.length, 1);
    assert.match(String(replies[0].activity.text), /nog niet beschikbaar voor jouw organisatie/);
    const { resources } = await running.app.store.containers.users.items
      .query({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: other.tenantId }] })
      .fetchAll();
    assert.equal(resources.length, 0);
  });
});

describe('a deployment with bot credentials', () => {
  const running = withRunningApp({
    env: {
      BOT_APP_ID: randomUUID(),
      BOT_APP_PASSWORD: 'not-a-real-secret',
      BOT_APP_TYPE: 'MultiTenant',
      ALLOWED_TENANTS: demoUser('employee').tenantId,
    },
  });

  it('answers an activity without a valid Bot Framework token with 401', async () => {
    const c = new TeamsTestClient(running.app.url, null as never, 'http://127.0.0.1:9', demoUser('employee'));
    const res = await c.post(c.activity({ type: 'message', text: 'hallo' }));
    assert.equal(res.status, 401);
  });

  it('has no dev endpoints and no playground', async () => {
    assert.equal(
      (
        await fetch(`${running.app.url}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
      404,
    );
    assert.equal((await fetch(`${running.app.url}/`)).status, 404);
  });
});
