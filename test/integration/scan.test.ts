import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CosmosScanAggregates } from '../../bot/storage/cosmos-aggregates';
import { startConnector, startTestApp, tempDir, withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { assertValidCard, cardText, cardVerbs } from '../helpers/cards';
import { demoUser } from '../helpers/demo';
import { actionData, answerOptions, finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';

describe('the self-scan in Teams chat', () => {
  const client = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user);
  const stranger = (): TeamsUser => ({
    tenantId: randomUUID(),
    aadObjectId: randomUUID(),
    name: 'Sam Nieuw',
    locale: 'nl-NL',
  });

  const running = withRunningApp();

  /** `scan` → intro → start with a profile → the first question card. */
  async function begin(c: TeamsTestClient, profile = 'buitendienst') {
    const { replies } = await c.say('scan');
    const intro = cardOf(replies[0]);
    const start = await c.tap('scan.begin', { profile });
    return { intro, question: start.card! };
  }

  it('lets a new Teams user from an unseen tenant take the whole scan and see a result with advice', async () => {
    const c = client(stranger());
    const { intro, question } = await begin(c);
    assertValidCard(intro, 'intro');
    assert.match(cardText(intro), /ongeveer 15 minuten/);
    assert.match(cardText(intro), /Jouw antwoorden zijn van jou.*minstens 5 mensen/s);
    assertValidCard(question, 'question');
    assert.match(cardText(question), /Vraag 1 van ongeveer \d+/);

    const { card, answered } = await finishScan(c, question);
    assertValidCard(card, 'result');
    const text = cardText(card);
    assert.match(text, /Jouw uitslag/);
    assert.match(text, new RegExp(`Klaar! Je hebt ${answered} vragen beantwoord`));
    assert.match(text, /\(doel: (Starter|Basis|Gevorderd|Expert)\)/);
    assert.doesNotMatch(text, /\.example/, 'no made-up links');
    assert.match(text, /vraag een digicoach hoe je eraan komt/, 'a module without a link says how to get it');
    assert.ok(answered <= 60, `adaptive scan asked ${answered} questions`);
    assert.ok(cardVerbs(card).includes('modules.show'));

    // After the result: the checks with the right answers and the explanations.
    const review = await c.tap('scan.review', actionData(card, 'scan.review')!);
    assertValidCard(review.card!, 'review');
    assert.match(cardText(review.card!), /Jouw antwoorden/);
    assert.match(cardText(review.card!), /Goed antwoord|✓ Goed/);

    // A session with a digicoach opens the help form with the module as the question.
    const session = await c.tap('module.session', { module: 'mod-com-5' });
    const form = JSON.stringify(session.card);
    assert.match(form, /sessie met een digicoach/i);
    assert.ok(cardVerbs(session.card!).includes('knowledge.ask'), 'the help form is shown');
  });

  it('pre-selects the job profile the directory knows, and links modules to the municipality’s own learning environment', async () => {
    const employee = demoUser('employee');
    const c = client(employee);
    const { replies } = await c.say('scan');
    const intro = cardOf(replies[0]);
    const choice = JSON.stringify(intro).match(/"id":"profile"[^}]*"value":"([a-z-]+)"/);
    assert.ok(choice, 'a profile is pre-selected');
    const start = await c.tap('scan.begin', { profile: choice[1] });
    const { card } = await finishScan(c, start.card!, (o) => o[0]);
    assert.doesNotMatch(cardText(card), /\.example/, 'the starting template links nowhere made-up');
    assert.match(cardText(card), /intake/i, 'the lowest results are offered an intake');
    const intake = actionData(card, 'scan.intake');
    assert.ok(intake);
    const recorded = await c.tap('scan.intake', intake);
    assert.match(cardText(recorded.card!), /genoteerd/);
    const again = await c.tap('scan.intake', intake);
    assert.match(cardText(again.card!), /genoteerd/);
    await running.app.settle();
    const { resources: intakes } = await running.app.store.containers.tickets.items
      .query(
        {
          query: "SELECT * FROM c WHERE c.docType = 'ticket' AND c.kind = 'intake' AND c.requester.userId = @u",
          parameters: [{ name: '@u', value: employee.aadObjectId }],
        },
        { partitionKey: employee.tenantId },
      )
      .fetchAll();
    assert.equal(
      intakes.length,
      1,
      'one intake request goes to the digicoaches (offered, or escalated outside working hours)',
    );
    assert.ok(['offered', 'escalated'].includes(intakes[0].state));
    await running.app.settle();
    const agg = await new CosmosScanAggregates(running.app.store.containers.aggregates, () => testNow()).get(
      employee.tenantId,
      { kind: 'team', id: employee.teamId! },
    );
    assert.equal(agg?.intakeRequests, 1, 'the wish counts once');
    assert.equal(agg?.respondents, 1);
    assert.equal(JSON.stringify(agg).includes(employee.aadObjectId), false, 'aggregates hold no user ids');
  });

  it('counts the same answer submitted twice once, and tells an old card it was already answered', async () => {
    const c = client(stranger());
    const { question } = await begin(c);
    const first = answerOptions(question)[1];
    const [a, b] = await Promise.all([c.tap('scan.answer', first), c.tap('scan.answer', first)]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    for (const r of [a, b]) assert.match(cardText(r.card!), /Vraag 2 van/);
    const next = a.card!;
    const second = await c.tap('scan.answer', answerOptions(next)[0]);
    assert.match(cardText(second.card!), /Vraag 3 van/);
    const stale = await c.tap('scan.answer', answerOptions(question)[0]);
    assert.match(cardText(stale.card!), /Deze vraag is al beantwoord/);
    assert.match(cardText(stale.card!), /Vraag 3 van/);
    const { resource } = await running.app.store.containers.scans
      .item('session', `${c.user.tenantId}|${c.user.aadObjectId}`)
      .read();
    assert.equal(resource.answers.length, 2, 'exactly two answers are stored');
  });

  it('goes back one question with "Vorige" and pauses and resumes at the same question', async () => {
    const c = client(stranger());
    const { question } = await begin(c);
    const q2 = (await c.tap('scan.answer', answerOptions(question)[0])).card!;
    const back = await c.tap('scan.back', actionData(q2, 'scan.back')!);
    assert.match(cardText(back.card!), /Vraag 1 van/);
    assert.equal(cardText(back.card!).split('\n')[2], cardText(question).split('\n')[2], 'the same question again');
    const paused = await c.tap('scan.pause', actionData(back.card!, 'scan.pause')!);
    assert.match(cardText(paused.card!), /op pauze/);
    const { replies } = await c.say('scan');
    assert.match(cardText(cardOf(replies[0])), /Vraag 1 van/);
  });

  it('answers free text during a scan with a hint how to continue', async () => {
    const c = client(stranger());
    await begin(c);
    const { replies } = await c.say('ik weet het even niet');
    assert.match(cardText(cardOf(replies[0])), /Je bent bezig met de scan/);
  });

  describe('forged submits change nothing', () => {
    let c: TeamsTestClient;
    let question: Record<string, unknown>;
    let valid: Record<string, unknown>;
    before(async () => {
      c = client(stranger());
      ({ question } = await begin(c));
      valid = answerOptions(question)[0];
    });

    const cases: Array<[string, (v: Record<string, unknown>) => Record<string, unknown>]> = [
      ['an unknown item', (v) => ({ ...v, i: 'xyz-99' })],
      ['an item from another profile’s domain', (v) => ({ ...v, i: 'con-01' })],
      ['a value outside the item’s scale', (v) => ({ ...v, v: '7' })],
      ['another session', (v) => ({ ...v, s: randomUUID() })],
      ['an older content version', (v) => ({ ...v, cv: 'old-version' })],
      ['missing fields', () => ({})],
      ['a value of the wrong type', (v) => ({ ...v, v: { nested: true } })],
    ];
    for (const [what, forge] of cases) {
      it(`rejects ${what} with a localized notice`, async () => {
        const before = (
          await running.app.store.containers.scans.item('session', `${c.user.tenantId}|${c.user.aadObjectId}`).read()
        ).resource;
        const res = await c.tap('scan.answer', forge(valid));
        assert.equal(res.status, 200);
        assertValidCard(res.card, what);
        assert.match(cardText(res.card!), /Dat lukte niet.*Er is niets veranderd/s);
        const after = (
          await running.app.store.containers.scans.item('session', `${c.user.tenantId}|${c.user.aadObjectId}`).read()
        ).resource;
        assert.equal(after._etag, before._etag);
      });
    }

    it("rejects someone else's session id from another user's card", async () => {
      const other = client(stranger());
      const res = await other.tap('scan.answer', valid);
      assert.match(cardText(res.card!), /Dat lukte niet/);
    });
  });

  it('shows the latest result again with `resultaat`, and the modules with progress buttons', async () => {
    const c = client(stranger());
    const { question } = await begin(c, 'beleidsmedewerker');
    await finishScan(c, question);
    const { replies } = await c.say('resultaat');
    const result = cardOf(replies[0]);
    assertValidCard(result, 'result again');
    assert.match(cardText(result), /Scan van \d+ \w+ \d{4}/);
    const mods = cardOf((await c.say('modules')).replies[0]);
    assertValidCard(mods, 'modules');
    assert.match(cardText(mods), /Nog niet gestart/);
    const mark = actionData(mods, 'module.mark')!;
    const marked = await c.tap('module.mark', { ...mark, state: 'finished' });
    assert.match(cardText(marked.card!), /Afgerond ✓/);
    const forged = await c.tap('module.mark', { module: 'mod-not-advised', state: 'finished' });
    assert.match(cardText(forged.card!), /Dat lukte niet/);
  });

  it('says "no result yet" before a scan, and the retake date after one', async () => {
    const c = client(stranger());
    const none = cardOf((await c.say('resultaat')).replies[0]);
    assert.match(cardText(none), /Nog geen uitslag/);
    assert.match(cardText(none), /Start de scan/);
    const { question } = await begin(c);
    await finishScan(c, question);
    const { replies } = await c.say('scan');
    assert.match(cardText(cardOf(replies[0])), /opnieuw doen vanaf/);
  });

  it('offers the button that fits: continue an unfinished scan, see the result once it is done', async () => {
    const c = client(stranger());
    const { question } = await begin(c);
    for (const ask of ['resultaat', 'modules']) {
      const card = cardOf((await c.say(ask)).replies[0]);
      assertValidCard(card, `${ask} during a scan`);
      assert.match(cardText(card), /Nog geen uitslag/);
      assert.match(cardText(card), /Ga verder met de scan/, `${ask}: continue, not start again`);
      assert.doesNotMatch(cardText(card), /Start de scan/);
      assert.ok(cardVerbs(card).includes('scan.start'));
    }
    const during = cardOf((await c.say('wel herinneringen')).replies[0]);
    assert.match(cardText(during), /Ga verder met de scan/);

    await finishScan(c, question);
    const after = cardOf((await c.say('wel herinneringen')).replies[0]);
    assertValidCard(after, 'reminders on after the scan');
    assert.match(cardText(after), /Herinneringen staan aan/);
    assert.match(cardText(after), /Bekijk je uitslag/);
    assert.doesNotMatch(cardText(after), /Start de scan/);
    assert.ok(cardVerbs(after).includes('scan.result'));

    const en = client({ ...stranger(), locale: 'en-US' });
    await begin(en);
    assert.match(cardText(cardOf((await en.say('result')).replies[0])), /Continue the scan/);
  });

  it('speaks English to an English-speaking colleague, on every card', async () => {
    const c = client({ ...stranger(), locale: 'en-US' });
    const { intro, question } = await begin(c);
    assert.match(cardText(intro), /The digital self-scan/);
    assert.match(cardText(question), /Question 1 of about /);
    const { card } = await finishScan(c, question);
    assertValidCard(card, 'result en');
    assert.match(cardText(card), /Your result/);
  });
});

describe('the self-scan across a server restart', () => {
  it('continues at the pending question after a restart', async () => {
    const data = tempDir();
    const conn = await startConnector();
    const user: TeamsUser = { tenantId: randomUUID(), aadObjectId: randomUUID(), name: 'Pim Pauze', locale: 'nl-NL' };
    let app = await startTestApp({ dataDir: data.dir });
    try {
      let c = new TeamsTestClient(app.url, conn.connector, conn.url, user);
      await c.say('scan');
      const q1 = (await c.tap('scan.begin', { profile: 'financieel' })).card!;
      const q2 = (await c.tap('scan.answer', answerOptions(q1)[1])).card!;
      const q3 = (await c.tap('scan.answer', answerOptions(q2)[1])).card!;
      await app.stop();
      app = await startTestApp({ dataDir: data.dir });
      c = new TeamsTestClient(app.url, conn.connector, conn.url, user);
      const resumed = cardOf((await c.say('scan')).replies[0]);
      assert.match(cardText(resumed), /Vraag 3 van/);
      assert.deepEqual(answerOptions(resumed), answerOptions(q3));
      const next = await c.tap('scan.answer', answerOptions(q3)[0]);
      assert.match(cardText(next.card!), /Vraag 4 van/);
    } finally {
      await app.stop();
      await conn.close();
      data.remove();
    }
  });
});
