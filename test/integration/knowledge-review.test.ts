import assert from 'node:assert/strict';
import type { KnowledgeOverviewResponse } from '../../bot/http/knowledge-routes';
import type { TenantArticle } from '../../bot/domain/knowledge/knowledge-ports';
import type { AdminAuditEntry } from '../../bot/domain/audit';
import { GAP_MIN_COUNT } from '../../bot/domain/knowledge/content-gaps';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { askForHelp } from '../helpers/help-driver';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const [gent, westerkwartier] = demoSeeds;
const QUESTION = 'Ik ben Jan Peeters en de tv in vergaderzaal 2 doet niets als ik mijn laptop aansluit';
const STEPS =
  '1. Sluit de HDMI-kabel aan op je laptop.\n2. Kies op de afstandsbediening de bron HDMI 1.\n3. Druk op je laptop op Windows+P en kies Dupliceren.';

/** Coaches feed the knowledge base; the programme team reviews, publishes and sees feedback and content gaps. */
describe('the knowledge base fed by coaches and reviewed by the programme team', function () {
  this.timeout(60_000);
  const clock = new FakeClock(TUESDAY_MORNING);
  const running = withRunningApp({ clock, scheduler: false });
  let api: TabClient;
  let admin: string;
  const as = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());
  const employee = demoUser('employee');
  const overview = async (token = admin) =>
    (await api.get<KnowledgeOverviewResponse>('/api/v1/admin/knowledge', token)).body;
  /** The article ids a `hulp <vraag>` answers with ([] when it goes straight to the form). */
  const suggested = async (user: TeamsUser, question: string) => {
    const card = cardOf((await as(user).say(`hulp ${question}`)).replies[0]);
    const ids: string[] = [];
    JSON.stringify(card, (_k, v: unknown) => {
      const o = v as { verb?: string; a?: string } | null;
      if (o && o.verb === 'knowledge.helped' && o.a && !ids.includes(o.a)) ids.push(o.a);
      return v;
    });
    return ids;
  };

  before(async () => {
    api = new TabClient(running.app.url);
    admin = await api.devToken(gent.tenant.id, gent.tenant.programmeAdmins[0]);
  });

  describe('a coach’s how-to from a resolved question', () => {
    let draft: TenantArticle;

    it('is offered when the coach resolves the question, starts empty and says to leave out personal details', async () => {
      const requester = as(employee);
      const { coachId, offer, ticketId } = await askForHelp(requester, QUESTION, 'Stadhuis');
      const coachUser = gent.users.find((u) => u.id === coachId)!;
      const coach = as({ tenantId: gent.tenant.id, aadObjectId: coachId, name: coachUser.name });
      const accepted = await coach.tap('help.accept', actionData(offer, 'help.accept')!);
      const resolved = await coach.tap('help.resolve', {
        ...actionData(accepted.card!, 'help.resolve')!,
        outcome: 'solved',
        minutes: '10',
      });
      assertValidCard(resolved.card!, 'resolved');
      assert.deepEqual(actionData(resolved.card!, 'knowledge.draft'), { verb: 'knowledge.draft', t: ticketId });

      const form = (await coach.tap('knowledge.draft', actionData(resolved.card!, 'knowledge.draft')!)).card!;
      assertValidCard(form, 'draft form');
      assert.match(cardText(form), /Haal alle persoonlijke gegevens weg/);
      assert.doesNotMatch(JSON.stringify(form), /Peeters|vergaderzaal 2|laptop aansluit/, 'nothing of the question');

      const someoneElse = as(demoUser('coach'));
      if (someoneElse.user.aadObjectId !== coachId) {
        const refused = await someoneElse.tap('knowledge.draft', { t: ticketId });
        assert.match(cardText(refused.card!), /Er is niets veranderd/, 'only the coach who resolved it');
      }

      const fields = {
        ...actionData(form, 'knowledge.saveDraft')!,
        title: 'De tv in de vergaderzaal koppelen',
        steps: STEPS,
      };
      const saved = await coach.tap('knowledge.saveDraft', fields);
      assertValidCard(saved.card!, 'draft saved');
      assert.match(cardText(saved.card!), /Het programmateam leest/);
      await coach.tap('knowledge.saveDraft', fields); // a second tap on the same form

      const { drafts } = await overview();
      assert.equal(drafts.length, 1, 'one draft, however often the form is sent');
      draft = drafts[0];
      assert.equal(draft.origin, 'coach');
      assert.equal(draft.domain, 'communication', 'the question’s topic');
      assert.deepEqual(draft.steps.nl, [
        'Sluit de HDMI-kabel aan op je laptop.',
        'Kies op de afstandsbediening de bron HDMI 1.',
        'Druk op je laptop op Windows+P en kies Dupliceren.',
      ]);
      assert.doesNotMatch(JSON.stringify(drafts), /Peeters|laptop aansluit|Stadhuis/, 'no requester, no question');
      assert.doesNotMatch(JSON.stringify(drafts), new RegExp(employee.aadObjectId), 'no requester id');
      assert.deepEqual(await suggested(employee, 'tv koppelen in de vergaderzaal hdmi'), [], 'a draft is not searched');
    });

    it('is edited and published by the programme team; then that municipality’s search finds it, another’s does not', async () => {
      const edit = {
        domain: draft.domain,
        title: { nl: 'De tv in de vergaderzaal koppelen', en: 'Connect the meeting room TV' },
        steps: {
          nl: draft.steps.nl,
          en: [
            'Connect the HDMI cable to your laptop.',
            'Choose source HDMI 1 on the remote.',
            'Press Windows+P and choose Duplicate.',
          ],
        },
        tags: ['beamer', 'scherm', 'presenteren'],
      };
      const edited = await api.call<TenantArticle>('PUT', `/api/v1/admin/knowledge/articles/${draft.id}`, {
        token: admin,
        body: edit,
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.state, 'draft', 'an edit keeps the state');
      const published = await api.post<TenantArticle>(`/api/v1/admin/knowledge/articles/${draft.id}/publish`, admin);
      assert.equal(published.status, 200);
      assert.equal(published.body.state, 'published');

      assert.ok((await suggested(employee, 'tv koppelen in de vergaderzaal hdmi')).includes(draft.id));
      assert.ok((await suggested(employee, 'beamer werkt niet')).includes(draft.id), 'the tags are searched too');
      const elsewhere = demoUser('employee', 1);
      assert.ok(!(await suggested(elsewhere, 'tv koppelen in de vergaderzaal hdmi')).includes(draft.id));

      const { entries } = (await api.get<{ entries: AdminAuditEntry[] }>('/api/v1/admin/audit', admin)).body;
      assert.ok(entries.some((e) => e.action === 'knowledge.published'));
      const listed = await overview();
      assert.deepEqual(listed.drafts, []);
      assert.equal(listed.own.find((a) => a.id === draft.id)?.state, 'published');
    });

    it('is no longer found once rejected', async () => {
      const rejected = await api.post<TenantArticle>(`/api/v1/admin/knowledge/articles/${draft.id}/reject`, admin);
      assert.equal(rejected.body.state, 'rejected');
      assert.ok(!(await suggested(employee, 'tv koppelen in de vergaderzaal hdmi')).includes(draft.id));
    });
  });

  it('counts "Dit hielp me" and "Hielp niet" per article; the programme team sees counts only', async () => {
    const c = as(employee);
    const form = cardOf((await c.say('hulp')).replies[0]);
    const card = (
      await c.tap('knowledge.ask', {
        ...actionData(form, 'knowledge.ask')!,
        topic: 'communication',
        urgency: 'today',
        channel: 'chat',
        question: 'Hoe deel ik een bestand in Teams?',
      })
    ).card!;
    const notHelped = actionData(card, 'knowledge.notHelped')!;
    assert.equal(notHelped.a, 'teams-share-file');
    const answer = (await c.tap('knowledge.notHelped', notHelped)).card!;
    assertValidCard(answer, 'not helped');
    assert.match(cardText(answer), /Jammer dat het niet hielp/);
    assert.ok(cardVerbs(answer).includes('knowledge.escalate'), 'a coach is offered next');
    assert.equal(actionData(answer, 'knowledge.escalate')!.question, 'Hoe deel ik een bestand in Teams?');
    await as(demoUser('coach')).tap('knowledge.helped', { a: 'teams-share-file' });
    await as(demoUser('leader')).tap('knowledge.helped', { a: 'teams-share-file' });
    await running.app.settle();

    const { feedback } = await overview();
    const row = feedback.find((f) => f.articleId === 'teams-share-file')!;
    assert.deepEqual([row.helped, row.notHelped], [2, 1]);
    assert.equal(row.title.nl, 'Een bestand delen in Teams');
    const everyone = gent.users.map((u) => u.id);
    const shown = JSON.stringify(feedback);
    assert.ok(!everyone.some((id) => shown.includes(id)), 'no user ids');
  });

  it(`lists searches that found nothing only once ${GAP_MIN_COUNT} people asked the same, without names or ids`, async () => {
    const askers = [demoUser('employee'), demoUser('coach'), demoUser('leader')];
    assert.deepEqual(await suggested(askers[0], 'Waar kan ik parkeren bij het stadhuis?'), []);
    assert.deepEqual(await suggested(askers[1], 'waar kan ik PARKEREN bij het stadhuis'), []);
    await running.app.settle();
    assert.ok(!(await overview()).gaps.some((g) => g.query.includes('parkeren')), 'two searches are not shown');

    await suggested(askers[2], 'Waar kan ik parkeren bij het Stadhuis!!');
    await running.app.settle();
    const { gaps, gapMinCount } = await overview();
    assert.equal(gapMinCount, GAP_MIN_COUNT);
    assert.deepEqual(
      gaps.find((g) => g.query.includes('parkeren')),
      { query: 'waar kan ik parkeren bij het stadhuis', count: 3, lastWeek: '2026-W48' },
    );
    const { resource } = await running.app.store.containers.aggregates.item('knowledge-stats', gent.tenant.id).read();
    const stored = JSON.stringify(resource);
    assert.ok(!askers.some((a) => stored.includes(a.aadObjectId)), 'no user ids stored');
  });

  it('keeps phone numbers and e-mail addresses out of a content gap', async () => {
    await suggested(employee, 'bel mij op 0612345678 of mail jan.peeters@gent.be over de koffieautomaat');
    await running.app.settle();
    const { resource } = await running.app.store.containers.aggregates
      .item('knowledge-stats', gent.tenant.id)
      .read<{ gaps: Record<string, unknown> }>();
    const keys = Object.keys(resource!.gaps);
    assert.ok(keys.includes('bel mij op of mail over de koffieautomaat'), keys.join(' | '));
    assert.ok(!JSON.stringify(resource).includes('0612345678'));
    assert.ok(!JSON.stringify(resource).includes('peeters'));
  });

  describe('the tab API', () => {
    it('refuses anyone but the tenant’s programme admins (403) and changes nothing', async () => {
      const { own } = await overview();
      const id = own[0]?.id ?? 'own-000000000000';
      for (const who of [demoUser('employee'), demoUser('coach'), demoUser('leader')]) {
        if (gent.tenant.programmeAdmins.includes(who.aadObjectId)) continue;
        const token = await api.devToken(gent.tenant.id, who.aadObjectId);
        assert.equal((await api.get('/api/v1/admin/knowledge', token)).status, 403);
        assert.equal((await api.post(`/api/v1/admin/knowledge/articles/${id}/publish`, token)).status, 403);
        assert.equal((await api.post(`/api/v1/admin/knowledge/articles/${id}/reject`, token)).status, 403);
        const put = await api.call('PUT', `/api/v1/admin/knowledge/articles/${id}`, {
          token,
          body: { domain: 'communication', title: { nl: 'x', en: 'x' }, steps: { nl: ['x'], en: ['x'] }, tags: [] },
        });
        assert.equal(put.status, 403);
      }
      // Another municipality's admin cannot reach this tenant's article: it does not exist for them.
      const otherAdmin = await api.devToken(westerkwartier.tenant.id, westerkwartier.tenant.programmeAdmins[0]);
      assert.equal((await api.post(`/api/v1/admin/knowledge/articles/${id}/publish`, otherAdmin)).status, 404);
      assert.deepEqual((await overview()).own, own);
      assert.equal((await api.get('/api/v1/admin/knowledge')).status, 401);
    });

    it('refuses an edit that is not a valid article (400)', async () => {
      const { own } = await overview();
      const id = own[0].id;
      const bad = [
        { domain: 'astrology', title: { nl: 'Titel', en: 'Title' }, steps: { nl: ['a'], en: ['a'] }, tags: [] },
        { domain: 'communication', title: { nl: '', en: 'Title' }, steps: { nl: ['a'], en: ['a'] }, tags: [] },
        { domain: 'communication', title: { nl: 'T', en: 'T' }, steps: { nl: [], en: ['a'] }, tags: [] },
        { domain: 'communication', title: { nl: 'T', en: 'T' }, steps: { nl: ['a'], en: ['a'] }, tags: [], x: 1 },
      ];
      for (const body of bad)
        assert.equal(
          (await api.call('PUT', `/api/v1/admin/knowledge/articles/${id}`, { token: admin, body })).status,
          400,
        );
      assert.equal((await api.post('/api/v1/admin/knowledge/articles/own-ffffffffffff/publish', admin)).status, 404);
    });
  });
});
