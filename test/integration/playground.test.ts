import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';

type Activity = Record<string, any> & { id: string };
const CARD = 'application/vnd.microsoft.card.adaptive';

/** Reads the bridge's Server-Sent Events stream the way the page's EventSource does. */
class EventStream {
  readonly events: Array<{ seq: number; activity: Activity }> = [];
  private readonly abort = new AbortController();
  private readonly changed = new Set<() => void>();

  static async open(url: string, lastEventId?: number): Promise<EventStream> {
    const stream = new EventStream();
    const res = await fetch(url, {
      signal: stream.abort.signal,
      headers: lastEventId ? { 'last-event-id': String(lastEventId) } : {},
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    void stream.pump(res.body!.getReader());
    return stream;
  }

  /** Waits until the events satisfy `done`, then returns the activities in arrival order. */
  until(done: (activities: Activity[]) => boolean, timeoutMs = 8000): Promise<Activity[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.activities)) return;
        clearTimeout(timer);
        this.changed.delete(check);
        resolve(this.activities);
      };
      const timer = setTimeout(() => {
        this.changed.delete(check);
        reject(
          new Error(
            `stream condition not met; got ${JSON.stringify(this.activities.map((a) => [a.from?.role, a.text ?? cardTitle(a)]))}`,
          ),
        );
      }, timeoutMs);
      this.changed.add(check);
      check();
    });
  }

  get activities(): Activity[] {
    return this.events.map((e) => e.activity);
  }

  close(): void {
    this.abort.abort();
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && data) this.events.push({ seq: Number(id), activity: JSON.parse(data) });
        }
        for (const check of [...this.changed]) check();
      }
    } catch {
      // aborted by close()
    }
  }
}

const cardOf = (a: Activity | undefined) =>
  a?.attachments?.find((x: { contentType: string }) => x.contentType === CARD)?.content;
const cardTitle = (a: Activity) => (cardOf(a) ? cardText(cardOf(a)).split('\n')[0] : undefined);
const isWelcome = (a: Activity) => a.from?.role === 'bot' && /Welkom bij Digivaardig/.test(cardTitle(a) ?? '');
const latestVersions = (activities: Activity[]) => [...new Map(activities.map((a) => [a.id, a])).values()];

describe('the development playground', () => {
  const streams: EventStream[] = [];

  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${running.app.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (await res.json()) as Record<string, any>,
    };
  };
  const open = (who: { tenantId: string; userId: string; name?: string; restart?: boolean }) =>
    post('/dev/directline/conversations', who);
  const send = (conversationId: string, activity: Record<string, unknown>) =>
    post(`/dev/directline/conversations/${conversationId}/activities`, activity);
  const stream = async (conversationId: string, lastEventId?: number) => {
    const s = await EventStream.open(
      `${running.app.url}/dev/directline/conversations/${conversationId}/stream`,
      lastEventId,
    );
    streams.push(s);
    return s;
  };

  const running = withRunningApp();
  after(async () => {
    for (const s of streams) s.close();
  });

  describe('GET /', () => {
    it('serves the page with its bundle from this server only (or says how to build it)', async () => {
      const res = await fetch(`${running.app.url}/`);
      const built = existsSync(path.join(__dirname, '..', '..', 'tab', 'dist', 'playground', 'index.html'));
      assert.equal(res.status, built ? 200 : 503);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      const html = await res.text();
      if (!built) return assert.match(html, /npm run build/);
      assert.match(html, /src="\/playground\/playground\.js"/);
      assert.doesNotMatch(html, /https?:\/\//, 'the page loads nothing from elsewhere');
      assert.equal((await fetch(`${running.app.url}/playground/playground.js`)).status, 200);
    });
  });

  describe('GET /dev/users', () => {
    it('lists the people of both demo tenants with their roles, Dutch labels first', async () => {
      const body = await (await fetch(`${running.app.url}/dev/users?lang=nl`)).json();
      assert.deepEqual(
        body.tenants.map((t: { tenantId: string }) => t.tenantId).sort(),
        demoSeeds.map((s) => s.tenant.id).sort(),
      );
      for (const tenant of body.tenants) {
        const labels = new Set(tenant.users.flatMap((u: { roleLabels: string[] }) => u.roleLabels));
        for (const label of ['medewerker', 'digicoach', 'leidinggevende', 'programmabeheerder'])
          assert.ok(labels.has(label), `${tenant.name} has a ${label}`);
        assert.ok(tenant.users.every((u: { name: string; roles: string[] }) => u.name && u.roles.includes('employee')));
      }
      const all = body.tenants.flatMap((t: { users: unknown[] }) => t.users);
      const find = (id: string) => all.find((u: { userId: string }) => u.userId === id);
      assert.ok(find(demoUser('leader').aadObjectId).roleLabels.includes('leidinggevende'));
      assert.ok(find(demoUser('coach').aadObjectId).roleLabels.includes('digicoach'));
      assert.ok(find(demoUser('admin').aadObjectId).roleLabels.includes('programmabeheerder'));
      const employee = find(demoUser('employee').aadObjectId);
      assert.deepEqual(employee.roleLabels, ['medewerker']);
      assert.ok(employee.team && employee.jobTitle);
    });

    it('offers new, unknown colleagues: one in an unknown tenant and one per demo tenant', async () => {
      const body = await (await fetch(`${running.app.url}/dev/users?lang=nl`)).json();
      const tenantIds = new Set(demoSeeds.map((s) => s.tenant.id));
      assert.equal(body.newColleagues.length, 1 + tenantIds.size);
      assert.match(body.newColleagues[0].label, /Nieuwe, onbekende collega/);
      assert.ok(!tenantIds.has(body.newColleagues[0].tenantId));
      assert.ok(body.newColleagues.slice(1).every((n: { tenantId: string }) => tenantIds.has(n.tenantId)));
    });

    it('labels roles in English when asked', async () => {
      const body = await (await fetch(`${running.app.url}/dev/users?lang=en`)).json();
      const labels = new Set(
        body.tenants.flatMap((t: { users: Array<{ roleLabels: string[] }> }) => t.users.flatMap((u) => u.roleLabels)),
      );
      assert.ok(labels.has('programme admin') && labels.has('leader') && labels.has('employee'));
    });
  });

  describe('the Direct Line bridge', () => {
    const employee = demoUser('employee');
    let conversationId: string;
    let events: EventStream;

    it('opens a chat as a demo user and runs the install flow: the bot welcomes them', async () => {
      const opened = await open({ tenantId: employee.tenantId, userId: employee.aadObjectId });
      assert.equal(opened.status, 201);
      assert.equal(opened.body.created, true);
      assert.equal(
        opened.body.user.name,
        employee.name,
        'the name comes from the directory, as Teams takes it from Entra',
      );
      conversationId = opened.body.conversationId;
      events = await stream(conversationId);
      const [welcome] = (await events.until((as) => as.some(isWelcome))).filter(isWelcome);
      assertValidCard(cardOf(welcome), 'welcome');
      assert.match(cardTitle(welcome)!, new RegExp(`Welkom bij Digivaardig, ${employee.name.split(' ')[0]}`));
      assert.equal(welcome.from.role, 'bot');
      assert.ok(welcome.timestamp);
    });

    it('talks to the bot with Teams-shaped activities through /api/messages', async () => {
      // The bot stored the install's conversation reference: what it saw is what Teams sends.
      const { resource } = await running.app.store.containers.users
        .item('conversation', `${employee.tenantId}|${employee.aadObjectId}`)
        .read();
      const ref = resource.reference;
      assert.equal(ref.channelId, 'msteams');
      assert.deepEqual(ref.user, {
        id: `29:${employee.aadObjectId}`,
        aadObjectId: employee.aadObjectId,
        name: employee.name,
      });
      assert.equal(ref.conversation.conversationType, 'personal');
      assert.equal(ref.conversation.tenantId, employee.tenantId);
      assert.equal(ref.serviceUrl, `${running.app.url}/dev/connector`);
    });

    it('opening the same chat again continues it: no second install, same transcript', async () => {
      const welcomes = events.activities.filter(isWelcome).length;
      const again = await open({ tenantId: employee.tenantId, userId: employee.aadObjectId });
      assert.equal(again.status, 200);
      assert.equal(again.body.conversationId, conversationId);
      const replay = await stream(conversationId);
      await replay.until((as) => as.filter(isWelcome).length === welcomes);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(events.activities.filter(isWelcome).length, welcomes);
      replay.close();
    });

    it('shows a typed "hallo" as sent and answers it with the welcome card', async () => {
      const before = events.activities.length;
      const res = await send(conversationId, { type: 'message', text: 'hallo', clientActivityId: 'client-1' });
      assert.equal(res.status, 200);
      assert.equal(res.body.botStatus, 200);
      const fresh = (await events.until((as) => as.slice(before).some(isWelcome))).slice(before);
      const echo = fresh.find((a) => a.from.role === 'user')!;
      assert.equal(echo.id, res.body.id);
      assert.equal(echo.text, 'hallo');
      assert.equal(echo.channelData.clientActivityID, 'client-1', 'Web Chat matches its sent message by this id');
      const reply = fresh.find(isWelcome)!;
      assert.equal(reply.replyToId, echo.id);
    });

    it('a tap on an Action.Execute button sends the invoke and replaces the tapped card in place', async () => {
      const tapped = events.activities.filter(isWelcome).at(-1)!;
      const before = events.activities.length;
      const res = await send(conversationId, {
        type: 'execute',
        replyToId: tapped.id,
        verb: 'menu',
        data: { verb: 'menu' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.invokeResponse.statusCode, 200);
      assert.equal(res.body.invokeResponse.type, CARD);
      assert.match(cardText(res.body.invokeResponse.value), /Wat wil je doen\?/);
      const [update] = (await events.until((as) => as.length > before)).slice(before);
      assert.equal(update.id, tapped.id, 'same id: Web Chat replaces the message');
      assert.equal(update.timestamp, tapped.timestamp, 'same place in the chat');
      assert.match(cardTitle(update)!, /Wat wil je doen\?/);
    });

    it('a tap on an Action.Submit button is a message with value; the bot updates the card (PUT) in place', async () => {
      const tapped = latestVersions(events.activities).find(isWelcome)!;
      const before = events.activities.length;
      const res = await send(conversationId, { type: 'submit', replyToId: tapped.id, value: { verb: 'menu' } });
      assert.equal(res.status, 200);
      const [update] = (await events.until((as) => as.length > before)).slice(before);
      assert.equal(update.id, tapped.id);
      assert.equal(update.timestamp, tapped.timestamp);
      assert.match(cardTitle(update)!, /Wat wil je doen\?/);
    });

    it('a message the bot deletes stays where it was, marked deleted', async () => {
      const { resource } = await running.app.store.containers.users
        .item('conversation', `${employee.tenantId}|${employee.aadObjectId}`)
        .read();
      const target = latestVersions(events.activities)
        .filter((a) => a.from.role === 'bot')
        .at(-1)!;
      const before = events.activities.length;
      const res = await fetch(
        `${running.app.url}/dev/connector/v3/conversations/${encodeURIComponent(resource.reference.conversation.id)}/activities/${target.id}`,
        { method: 'DELETE' },
      );
      assert.equal(res.status, 200);
      const [deleted] = (await events.until((as) => as.length > before)).slice(before);
      assert.equal(deleted.id, target.id);
      assert.equal(deleted.text, 'Dit bericht is verwijderd.');
      assert.equal(deleted.attachments, undefined);
    });

    it('replays only what a reconnecting client missed (Last-Event-ID)', async () => {
      const last = events.events.at(-1)!.seq;
      const resumed = await stream(conversationId, last - 1);
      const replayed = await resumed.until((as) => as.length >= 1);
      assert.equal(resumed.events[0].seq, last);
      assert.equal(replayed.length, 1);
      resumed.close();
    });

    it('welcomes a new, unknown colleague in an unknown tenant by a first name, team unknown', async () => {
      // No name from the page: the playground gives a real-sounding one, never "Welkom bij Digivaardig, Nieuwe".
      const opened = await open({ tenantId: randomUUID(), userId: randomUUID() });
      assert.equal(opened.status, 201);
      const s = await stream(opened.body.conversationId);
      const [welcome] = (await s.until((as) => as.some(isWelcome))).filter(isWelcome);
      assert.match(cardText(cardOf(welcome)), /Welkom bij Digivaardig, Sanne.*We kennen je team nog niet/s);
      s.close();
    });

    it('"Opnieuw installeren" (restart) opens a fresh chat and installs again', async () => {
      const opened = await open({ tenantId: employee.tenantId, userId: employee.aadObjectId, restart: true });
      assert.equal(opened.status, 201);
      assert.notEqual(opened.body.conversationId, conversationId);
      const s = await stream(opened.body.conversationId);
      await s.until((as) => as.some(isWelcome));
      s.close();
    });
  });

  describe('bad input to the bridge', () => {
    const ok = demoUser('coach');
    let conversationId: string;
    before(async () => {
      conversationId = (await open({ tenantId: ok.tenantId, userId: ok.aadObjectId })).body.conversationId;
    });

    const cases: Array<[string, () => ReturnType<typeof post>, number]> = [
      ['malformed JSON on open', () => post('/dev/directline/conversations', '{"tenantId":'), 400],
      ['a path-like tenant id', () => open({ tenantId: '../x', userId: ok.aadObjectId }), 400],
      ['a missing user id', () => post('/dev/directline/conversations', { tenantId: ok.tenantId }), 400],
      ['a JSON array', () => post('/dev/directline/conversations', [1, 2]), 400],
      ['an unknown conversation', () => send(randomUUID(), { type: 'message', text: 'hallo' }), 404],
      [
        'malformed JSON on send',
        () => post(`/dev/directline/conversations/${conversationId}/activities`, '{"type":'),
        400,
      ],
      ['an unknown activity type', () => send(conversationId, { type: 'typing' }), 400],
      ['an empty message', () => send(conversationId, { type: 'message', text: '   ' }), 400],
      ['a message over 4000 characters', () => send(conversationId, { type: 'message', text: 'x'.repeat(4001) }), 400],
      ['a tap without a verb', () => send(conversationId, { type: 'execute', replyToId: 'x' }), 400],
      [
        'a tap on a message that is not in this chat',
        () => send(conversationId, { type: 'execute', replyToId: randomUUID(), verb: 'menu', data: {} }),
        404,
      ],
      [
        'a submit whose value is not an object',
        () => send(conversationId, { type: 'submit', replyToId: 'x', value: 'menu' }),
        400,
      ],
    ];
    for (const [what, call, status] of cases) {
      it(`answers ${what} with ${status} and a JSON error`, async () => {
        const res = await call();
        assert.equal(res.status, status);
        assert.match(res.type, /json/);
        assert.ok(res.body.error || res.body.code || res.body.message);
      });
    }

    it('answers a stream of an unknown conversation with 404 JSON', async () => {
      const res = await fetch(`${running.app.url}/dev/directline/conversations/${randomUUID()}/stream`);
      assert.equal(res.status, 404);
      assert.equal((await res.json()).error, 'not_found');
    });

    it('a tap on the user’s own message is refused (only bot cards have buttons)', async () => {
      const res = await send(conversationId, { type: 'message', text: 'hallo' });
      const tap = await send(conversationId, { type: 'execute', replyToId: res.body.id, verb: 'menu', data: {} });
      assert.equal(tap.status, 404);
    });
  });
});

describe('the playground with bot credentials configured', () => {
  const running = withRunningApp({
    env: { BOT_APP_ID: randomUUID(), BOT_APP_PASSWORD: 'x', ALLOWED_TENANTS: randomUUID() },
  });

  it('does not exist: page, demo users, bridge and fake connector are 404', async () => {
    const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
    const user = demoUser('employee');
    assert.equal((await fetch(`${running.app.url}/`)).status, 404);
    assert.equal((await fetch(`${running.app.url}/playground/playground.js`)).status, 404);
    assert.equal((await fetch(`${running.app.url}/dev/users`)).status, 404);
    assert.equal(
      (
        await fetch(`${running.app.url}/dev/directline/conversations`, {
          ...json,
          body: JSON.stringify({ tenantId: user.tenantId, userId: user.aadObjectId }),
        })
      ).status,
      404,
    );
    assert.equal((await fetch(`${running.app.url}/dev/directline/conversations/x/stream`)).status, 404);
    assert.equal(
      (
        await fetch(`${running.app.url}/dev/directline/conversations/x/activities`, {
          ...json,
          body: '{"type":"message","text":"hallo"}',
        })
      ).status,
      404,
    );
    assert.equal(
      (await fetch(`${running.app.url}/dev/connector/v3/conversations/x/activities`, { ...json, body: '{}' })).status,
      404,
    );
  });
});
