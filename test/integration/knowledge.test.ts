import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoUser } from '../helpers/demo';
import { recipientOf } from '../helpers/help-driver';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { CosmosKnowledgeSource } from '../../bot/storage/cosmos-knowledge';
import { DOMAIN_IDS } from '../helpers/knowledge';

type Conn = Awaited<ReturnType<typeof startConnector>>;

interface ExtensionBody {
  composeExtension: {
    type: string;
    attachmentLayout: string;
    attachments: Array<{
      contentType: string;
      content: Record<string, unknown>;
      preview?: { contentType: string; content: { title: string; tap?: { type: string; value: unknown } } };
    }>;
  };
}

describe('the knowledge base answers first, then a person', () => {
  let app: App;
  let conn: Conn;
  const clock = new FakeClock(TUESDAY_MORNING);
  const data = tempDir();
  const as = (user: TeamsUser) => new TeamsTestClient(app.url, conn.connector, conn.url, user, () => app.settle());
  const employee = demoUser('employee');
  const FORM = { topic: 'communication', urgency: 'today', channel: 'chat', where: 'Gemeentehuis' };

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ dataDir: data.dir, clock, scheduler: false });
  });
  after(async () => {
    await app.stop();
    await conn.close();
    data.remove();
  });

  /** Coach offers sent (to anyone) since `since`. */
  const offersSince = (since: number) =>
    conn.connector
      .activities()
      .slice(since)
      .filter((a) => a.op === 'send' && recipientOf(a) && cardVerbs(cardOf(a)).includes('help.accept'));

  const helpedCount = async (tenantId: string, articleId: string) => {
    const { resource } = await app.store.containers.aggregates
      .item('knowledge-stats', tenantId)
      .read<{ helped: Record<string, number>; suggested: number; escalated: number; noMatch: number }>();
    return { helped: resource?.helped[articleId] ?? 0, figures: resource };
  };

  async function askInForm(c: TeamsTestClient, question: string) {
    const form = cardOf((await c.say('hulp')).replies[0]);
    assertValidCard(form, 'help form');
    return c.tap('knowledge.ask', { ...actionData(form, 'knowledge.ask'), ...FORM, question });
  }

  it('a new colleague asks how to share a file in Teams: a fitting article comes first, and "Toch een digicoach" reaches a coach with the question', async () => {
    const c = as(employee);
    const since = conn.connector.activities().length;
    const answered = await askInForm(c, 'Hoe deel ik een bestand in Teams?');
    const card = answered.card!;
    assertValidCard(card, 'suggestions');
    assert.match(cardText(card), /Misschien helpt dit al/);
    assert.deepEqual(actionData(card, 'knowledge.helped'), { verb: 'knowledge.helped', a: 'teams-share-file' });
    assert.match(cardText(card), /Een bestand delen in Teams/);
    assert.equal(offersSince(since).length, 0, 'no coach is asked while the articles are shown');

    const onward = await c.tap('knowledge.escalate', actionData(card, 'knowledge.escalate')!);
    assertValidCard(onward.card!, 'status');
    assert.match(cardText(onward.card!), /zoeken een digicoach/i);
    const offers = offersSince(since);
    assert.equal(offers.length, 1, 'one coach is offered the question');
    assert.match(cardText(cardOf(offers[0])), /Hoe deel ik een bestand in Teams\?/, 'with the question filled in');
    assert.notEqual(recipientOf(offers[0]), employee.aadObjectId);
    const { figures } = await helpedCount(employee.tenantId, 'teams-share-file');
    assert.equal(figures?.escalated, 1);
  });

  it('"Dit hielp me" closes the question without a coach and counts it for the article, without a name', async () => {
    const c = as(demoUser('employee', 1));
    const since = conn.connector.activities().length;
    const card = (await askInForm(c, 'hoe zie ik mijn loonfiche')).card!;
    assert.deepEqual(actionData(card, 'knowledge.helped'), { verb: 'knowledge.helped', a: 'payslip-view' });
    const before = (await helpedCount(demoUser('employee', 1).tenantId, 'payslip-view')).helped;

    const done = await c.tap('knowledge.helped', actionData(card, 'knowledge.helped')!);
    assertValidCard(done.card!, 'helped');
    assert.match(cardText(done.card!), /Fijn dat het gelukt is/);
    assert.equal(offersSince(since).length, 0, 'nobody is bothered');
    const { helped, figures } = await helpedCount(demoUser('employee', 1).tenantId, 'payslip-view');
    assert.equal(helped, before + 1);
    assert.doesNotMatch(JSON.stringify(figures), new RegExp(demoUser('employee', 1).aadObjectId), 'no ids stored');
  });

  it('a question no article fits goes straight to a coach, with no extra step', async () => {
    const c = as(employee);
    const since = conn.connector.activities().length;
    const res = await askInForm(c, 'Waar kan ik parkeren bij het stadhuis?');
    assert.match(cardText(res.card!), /zoeken een digicoach/i);
    assert.equal(offersSince(since).length, 1);
  });

  it('"hulp <vraag>" answers in one message; "Toch een digicoach" then shows the form with the question filled in', async () => {
    const c = as(employee);
    const reply = cardOf((await c.say('hulp mijn paswoord vergeten')).replies[0]);
    assertValidCard(reply, 'suggestions from text');
    assert.equal(actionData(reply, 'knowledge.helped')?.a, 'password-forgot');
    const form = (await c.tap('knowledge.escalate', actionData(reply, 'knowledge.escalate')!)).card!;
    assertValidCard(form, 'prefilled form');
    assert.match(JSON.stringify(form), /"value":"mijn paswoord vergeten"/);
    assert.match(JSON.stringify(form), /"value":"safety"/, 'the article’s topic is preselected');
  });

  it('refuses an unknown article id and changes nothing', async () => {
    const c = as(employee);
    const res = await c.tap('knowledge.helped', { a: 'no-such-article' });
    assert.match(cardText(res.card!), /Er is niets veranderd/);
  });

  it('finds a tenant’s own article once it is stored, and leaves out one that is broken', async () => {
    const source = new CosmosKnowledgeSource(app.store.containers.content, () => DOMAIN_IDS);
    await source.saveTenantArticle(employee.tenantId, {
      id: 'corsa-inloggen',
      domain: 'information',
      title: { nl: 'Inloggen op het zaaksysteem Corsa', en: 'Sign in to the Corsa case system' },
      steps: { nl: ['Open **Corsa** via het intranet.'], en: ['Open **Corsa** through the intranet.'] },
      tags: ['zaaksysteem', 'corsa'],
    });
    await app.store.containers.content.items.upsert({
      id: 'knowledge-article:broken',
      tenantId: employee.tenantId,
      docType: 'knowledge-article',
      articleId: 'broken',
      title: { nl: 'Zonder stappen' },
    });
    assert.deepEqual(
      (await source.tenantArticles(employee.tenantId)).map((a) => [a.id, a.source]),
      [['corsa-inloggen', 'tenant']],
    );
    clock.advance(6 * 60_000); // the service reads a tenant's own articles again after 5 minutes
    const reply = cardOf((await as(employee).say('hulp inloggen op corsa')).replies[0]);
    assert.equal(actionData(reply, 'knowledge.helped')?.a, 'corsa-inloggen');
    const other = cardOf((await as(demoUser('employee', 1)).say('hulp inloggen op corsa')).replies[0]);
    assert.equal(actionData(other, 'knowledge.helped'), null, 'another municipality does not see it');
  });

  describe('the message extension', () => {
    const invoke = (c: TeamsTestClient, name: string, value: unknown, conversationType = 'channel') =>
      c.post(
        c.activity({
          type: 'invoke',
          name,
          value,
          conversation: { id: '19:general@thread.tacv2', conversationType, tenantId: employee.tenantId },
        }),
      );

    it('answers a search from a channel with article cards and previews, valid like every card', async () => {
      const c = as(demoUser('coach'));
      const res = await invoke(c, 'composeExtension/query', {
        commandId: 'searchKnowledge',
        parameters: [{ name: 'query', value: 'loonfiche' }],
        queryOptions: { skip: 0, count: 25 },
      });
      assert.equal(res.status, 200);
      const body = res.body as ExtensionBody;
      assert.equal(body.composeExtension.type, 'result');
      const [first, ...rest] = body.composeExtension.attachments;
      assert.equal(first.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(first.content), /Je loonstrook bekijken/);
      assert.equal(first.preview?.content.title, 'Je loonstrook bekijken');
      for (const a of [first, ...rest]) assertValidCard(a.content, 'extension card');
    });

    it('lists articles at once when opened (initialRun) and answers a selected item with its card', async () => {
      const c = as(demoUser('coach'));
      const opened = (
        await invoke(c, 'composeExtension/query', {
          commandId: 'searchKnowledge',
          parameters: [{ name: 'initialRun', value: 'true' }],
        })
      ).body as ExtensionBody;
      assert.ok(opened.composeExtension.attachments.length > 0);
      const tap = opened.composeExtension.attachments[0].preview!.content.tap!;
      const selected = (await invoke(c, 'composeExtension/selectItem', tap.value, 'groupChat')).body as ExtensionBody;
      assert.equal(selected.composeExtension.attachments.length, 1);
      assertValidCard(selected.composeExtension.attachments[0].content, 'selected');
      assert.deepEqual(
        selected.composeExtension.attachments[0].content,
        opened.composeExtension.attachments[0].content,
      );
    });
  });
});
