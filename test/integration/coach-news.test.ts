import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { OutboundActivity } from '../../bot/dev/connector-emulator';
import type { NewsItem } from '../../bot/domain/news/news-types';
import type { NewsArchiveResponse } from '../../bot/http/news-routes';
import type { Coach } from '../../bot/domain/help/help-types';
import type { AdminAuditEntry } from '../../bot/domain/audit';
import { t } from '../../bot/i18n';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { cardOf, TeamsTestClient } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const [gent] = demoSeeds;
const NEWS_TITLES = new Set([t('nl', 'news.card.title'), t('en', 'news.card.title')]);

/** The user a 1:1 chat belongs to: `a:1dev-<id>` (opened by the test client) or `a:dev-<id>` (created by the bot). */
const userOf = (a: OutboundActivity) => /^a:1?dev-(.+)$/.exec(a.conversationId)?.[1] ?? null;

/** The programme team writes to the digicoaches; each coach gets the news once, also when Teams throttles. */
describe('coach news from the programme team', function () {
  this.timeout(60_000);
  const clock = new FakeClock(TUESDAY_MORNING);
  const running = withRunningApp({ clock, scheduler: false });
  let api: TabClient;
  let admin: string;
  let coaches: Coach[];

  /** News cards per coach, with the text they carry. */
  const newsCards = () => {
    const by = new Map<string, string[]>();
    for (const a of running.conn.connector.activities()) {
      if (a.op !== 'send') continue;
      let card: Record<string, unknown>;
      try {
        card = cardOf(a);
      } catch {
        continue;
      }
      const title = (card.body as Array<{ text?: string }>)[0]?.text ?? '';
      if (!NEWS_TITLES.has(title)) continue;
      const user = userOf(a)!;
      by.set(user, [...(by.get(user) ?? []), cardText(card)]);
    }
    return by;
  };
  const send = (body: Record<string, unknown>, token = admin) =>
    api.post<{ newsId: string; recipients: number }>('/api/v1/admin/news', token, body);
  const items = async (newsId: string) =>
    (
      await running.app.store.containers.schedule.items
        .query<NewsItem & { id: string }>({
          query: "SELECT * FROM c WHERE c.docType = 'coach-news-item' AND c.newsId = @n",
          parameters: [{ name: '@n', value: newsId }],
        })
        .fetchAll()
    ).resources;

  before(async () => {
    api = new TabClient(running.app.url);
    admin = await api.devToken(gent.tenant.id, gent.tenant.programmeAdmins[0]);
    // Someone in the tenant talked to the bot: the bot knows the tenant's service URL and can open coaches' chats.
    const employee = demoUser('employee');
    await new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, employee).install();
    coaches = (
      await running.app.store.containers.tickets.items
        .query<Coach>({
          query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'coach'",
          parameters: [{ name: '@t', value: gent.tenant.id }],
        })
        .fetchAll()
    ).resources;
    assert.ok(coaches.length >= 5, 'the demo tenant has digicoaches');
  });

  it('reaches every digicoach exactly once, also when the same form is sent twice and the queue is worked twice', async () => {
    const key = randomUUID();
    const text = 'Vanaf 1 maart werken we met het nieuwe zaaksysteem.\nDe training staat in het leerplatform.';
    const first = await send({ text, key });
    assert.equal(first.status, 202);
    assert.equal(first.body.recipients, coaches.length);
    const again = await send({ text, key });
    assert.equal(again.body.newsId, first.body.newsId, 'a repeated form is the same news');

    await running.app.runNews();
    await running.app.runNews();

    const cards = newsCards();
    assert.deepEqual([...cards.keys()].sort(), coaches.map((c) => c.userId).sort(), 'every coach, nobody else');
    for (const [user, texts] of cards) {
      assert.equal(texts.length, 1, `${user} got the news once`);
      assert.match(texts[0], /nieuwe zaaksysteem/);
      assert.match(texts[0], /voor alle digicoaches/);
    }
    const card = cardOf(
      running.conn.connector
        .activities()
        .find((a) => NEWS_TITLES.has(String((cardOf(a).body as Array<{ text?: string }>)[0]?.text))),
    );
    assertValidCard(card, 'news card');

    const archive = await api.get<NewsArchiveResponse>('/api/v1/admin/news', admin);
    assert.equal(archive.status, 200);
    const row = archive.body.news.find((n) => n.newsId === first.body.newsId)!;
    assert.equal(row.text, text);
    assert.equal(row.recipients, coaches.length);
    assert.deepEqual(row.counts, { queued: 0, sending: 0, sent: coaches.length, skipped: 0, failed: 0 });

    const audit = await api.get<{ entries: AdminAuditEntry[] }>('/api/v1/admin/audit', admin);
    const entry = audit.body.entries.find((e) => e.action === 'news.sent');
    assert.ok(entry, 'the audit log has the news');
    assert.deepEqual(entry.changes, [
      { field: 'recipients', to: coaches.length },
      { field: 'department', to: null },
    ]);
    assert.ok(!JSON.stringify(entry).includes('zaaksysteem'), 'the log keeps counts, not the text');
  });

  // The connector client (@azure/core-rest-pipeline) retries a 429 itself up to 3 times after its Retry-After;
  // five refusals outlast it, so the outbound queue's own retry (again after the Retry-After) delivers it.
  it('waits what each 429 asks (Retry-After), also after the connector client gives up, and then delivers once', async () => {
    const coach = coaches[0];
    const conversation = `a:dev-${coach.userId}`;
    const before = newsCards().get(coach.userId)?.length ?? 0;
    running.conn.connector.throttle(conversation, 5, 1);
    const since = running.conn.connector.throttled.length;
    const sent = await send({ text: 'Let op: de printers op de tweede verdieping zijn vervangen.' });
    const started = Date.now();
    // Watch the coach's item while the queue waits: between refusals it is back to queued (still leased), not "sending".
    const seen: string[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const item = (await items(sent.body.newsId)).find((i) => i.userId === coach.userId);
        const state = item ? `${item.status}${item.lease ? ':leased' : ''}` : 'none';
        if (seen.at(-1) !== state) seen.push(state);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await running.app.runNews();
    watching = false;
    await watch;
    assert.ok(
      seen.slice(seen.indexOf('sending:leased')).includes('queued:leased'),
      `refused, so not uncertain while waiting for the retry (${seen.join(' → ')})`,
    );

    const throttled = running.conn.connector.throttled.slice(since).filter((x) => x.conversationId === conversation);
    assert.equal(throttled.length, 5, 'Teams refused five times');
    for (let i = 1; i < throttled.length; i++)
      assert.ok(throttled[i].at - throttled[i - 1].at >= 950, `try ${i + 1} waited the Retry-After`);
    const delivered = running.conn.connector
      .activities(conversation)
      .filter((a) => a.op === 'send' && cardText(cardOf(a)).includes('printers'));
    assert.equal(delivered.length, 1, 'then it went through once');
    assert.ok(
      delivered[0].at - throttled[4].at >= 950,
      `it waited the Retry-After (${delivered[0].at - throttled[4].at} ms)`,
    );
    assert.ok(Date.now() - started < 20_000);
    assert.equal(newsCards().get(coach.userId)!.length, before + 1);
    const mine = (await items(sent.body.newsId)).find((i) => i.userId === coach.userId)!;
    assert.equal(mine.status, 'sent');
  });

  it('goes to one department’s coaches only when a department is chosen', async () => {
    const dept = gent.departments.find((d) => coaches.some((c) => c.departmentId === d.id));
    assert.ok(dept, 'a department with coaches');
    const expected = coaches.filter((c) => c.departmentId === dept.id).map((c) => c.userId);
    const before = newsCards();
    const sent = await send({ text: 'Alleen voor jullie afdeling: nieuwe tablets.', departmentId: dept.id });
    assert.equal(sent.body.recipients, expected.length);
    await running.app.runNews();
    const after = newsCards();
    const got = [...after.keys()].filter((u) => (after.get(u)?.length ?? 0) > (before.get(u)?.length ?? 0));
    assert.deepEqual(got.sort(), expected.sort());
    assert.match(after.get(expected[0])!.at(-1)!, new RegExp(`voor de digicoaches van ${dept.name}`));
  });

  it('sends again an item whose sender stopped while it was in flight: a coach may read it twice, never miss it', async () => {
    const before = newsCards();
    const sent = await send({ text: 'Nieuwe versie van de personeelsapp staat klaar.' });
    // As if a server died during the HTTP call to Teams: it may or may not have arrived, and coach news must arrive.
    const [victim] = await items(sent.body.newsId);
    await running.app.store.containers.schedule.items.upsert({
      ...victim,
      status: 'sending',
      attempts: 1,
      lease: { owner: 'crashed', until: new Date(clock.now().getTime() - 1000).toISOString() },
      availableAt: new Date(clock.now().getTime() - 1000).toISOString(),
    });
    await running.app.runNews();
    const after = newsCards();
    assert.equal(after.get(victim.userId)?.length ?? 0, (before.get(victim.userId)?.length ?? 0) + 1, 'sent again');
    const settled = (await items(sent.body.newsId)).find((i) => i.userId === victim.userId)!;
    assert.equal(settled.status, 'sent');
    assert.equal(settled.interruptions, 1, 'the possible duplicate is on record');
    assert.equal(settled.attempts, 2);
    const others = (await items(sent.body.newsId)).filter((i) => i.userId !== victim.userId);
    assert.ok(others.every((i) => i.status === 'sent' && !i.interruptions && i.attempts === 1));
    for (const other of others)
      assert.equal(after.get(other.userId)!.length, before.get(other.userId)!.length + 1, 'the others once');
  });

  it('refuses anyone but a programme admin (403), and bad input (400) without sending anything', async () => {
    const coach = coaches.find((c) => !gent.tenant.programmeAdmins.includes(c.userId))!;
    const coachToken = await api.devToken(gent.tenant.id, coach.userId);
    assert.equal((await api.get('/api/v1/admin/news', coachToken)).status, 403);
    assert.equal((await send({ text: 'Mag ik dit sturen?' }, coachToken)).status, 403);
    assert.equal((await api.get('/api/v1/admin/news')).status, 401);
    const count = (await api.get<NewsArchiveResponse>('/api/v1/admin/news', admin)).body.news.length;
    assert.equal((await send({ text: '' })).status, 400);
    assert.equal((await send({ text: 'x'.repeat(1001) })).status, 400);
    assert.equal((await send({ text: 'Nieuws', departmentId: 'no-such-department' })).status, 400);
    assert.equal((await send({ text: 'Nieuws', isAdmin: true })).status, 400);
    assert.equal((await api.get<NewsArchiveResponse>('/api/v1/admin/news', admin)).body.news.length, count);
  });

  it('forgets a coach’s news items when the coach erases their data; the news stays for the others', async () => {
    const coach = coaches.find((c) => !gent.tenant.programmeAdmins.includes(c.userId))!;
    const sent = await send({ text: 'Nieuwe wifi op alle locaties vanaf maandag.' });
    await running.app.runNews();
    assert.ok((await items(sent.body.newsId)).some((i) => i.userId === coach.userId));
    const token = await api.devToken(gent.tenant.id, coach.userId);
    assert.equal((await api.post('/api/v1/me/data/delete', token, { confirm: 'yes' })).status, 200);
    const left = await items(sent.body.newsId);
    assert.ok(!left.some((i) => i.userId === coach.userId), 'no item names the coach any more');
    assert.equal(left.length, sent.body.recipients - 1);
  });
});
