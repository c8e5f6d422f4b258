import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import { type Verb, VERBS } from '../../bot/cards/verbs';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { assertValidCard, cardText, walk } from '../helpers/cards';
import { demoUser } from '../helpers/demo';
import { askForHelp } from '../helpers/help-driver';
import { actionData } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';

/** What the forged payloads refer to: a real scan session and a real ticket of the Dutch colleague. */
interface Known {
  sessionId: string;
  itemId: string;
  contentVersion: string;
  ticketId: string;
}

type Forge = (k: Known) => Record<string, unknown>;

const JUNK = { isAdmin: true };
const registration = {
  domains: 'communication',
  days: '1,2,3',
  maxOpenTickets: '2',
  weeklyCapacity: '4',
  start: '09:00',
  end: '17:00',
  takesIntakes: 'false',
};

/**
 * Per verb: payloads a forged or broken client could send. Wrong types, missing fields,
 * extra fields, values out of range, and someone else's session or ticket.
 */
const FORGED: Record<Verb, Array<[string, Forge]>> = {
  menu: [['an extra field', () => JUNK]],
  'scan.start': [['an extra field', () => JUNK]],
  'scan.begin': [
    ['no profile', () => ({})],
    ['a profile that is a number', () => ({ profile: 42 })],
    ['an unknown profile', () => ({ profile: 'astronaut' })],
    ['an extra field', () => ({ profile: 'buitendienst', ...JUNK })],
  ],
  'scan.answer': [
    ['no answer', (k) => ({ s: k.sessionId, i: k.itemId, n: 1, cv: k.contentVersion })],
    ['a position that is text', (k) => ({ s: k.sessionId, i: k.itemId, n: 'one', cv: k.contentVersion, v: '2' })],
    ['a position out of range', (k) => ({ s: k.sessionId, i: k.itemId, n: 0, cv: k.contentVersion, v: '2' })],
    ['an extra field', (k) => ({ s: k.sessionId, i: k.itemId, n: 1, cv: k.contentVersion, v: '2', ...JUNK })],
  ],
  'scan.back': [
    ['no position', (k) => ({ s: k.sessionId })],
    ['a session id that is a number', () => ({ s: 7, n: 1 })],
    ['an extra field', (k) => ({ s: k.sessionId, n: 1, ...JUNK })],
  ],
  'scan.pause': [
    ['no session', () => ({})],
    ['a session id that is a list', (k) => ({ s: [k.sessionId] })],
    ['a session id with a path in it', () => ({ s: '../../session' })],
    ['an extra field', (k) => ({ s: k.sessionId, ...JUNK })],
  ],
  'scan.result': [['an extra field', () => JUNK]],
  'scan.intake': [
    ['no result', () => ({})],
    ['a result that is an object', () => ({ result: { id: 1 } })],
    ['a result that is not theirs', (k) => ({ result: k.sessionId })],
  ],
  'scan.review': [
    ['no result', () => ({})],
    ['a page out of range', (k) => ({ result: k.sessionId, page: 0 })],
    ['a result that is nobody’s', () => ({ result: '0b7c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c99' })],
    ['an extra field', (k) => ({ result: k.sessionId, ...JUNK })],
  ],
  'modules.show': [['an extra field', () => JUNK]],
  'module.session': [
    ['no module', () => ({})],
    ['a module that is a list', () => ({ module: ['mod-dev-1'] })],
    ['a module that is not a session with a digicoach', () => ({ module: 'mod-inf-1' })],
    ['a module that does not exist', () => ({ module: 'mod-nowhere' })],
  ],
  'module.mark': [
    ['an unknown state', () => ({ module: 'mod-basis', state: 'done' })],
    ['a module that is a number', () => ({ module: 5, state: 'started' })],
    ['a module that was not advised', () => ({ module: 'mod-not-advised', state: 'started' })],
  ],
  'events.show': [
    ['a module id with a path in it', () => ({ module: '../modules/x' })],
    ['a module that is a number', () => ({ module: 7 })],
    ['an extra field', () => JUNK],
  ],
  'event.signUp': [
    ['no event', () => ({})],
    ['an event that does not exist', () => ({ e: '00000000-0000-4000-8000-000000000000' })],
    ['an event id with a path in it', () => ({ e: '../event:x' })],
    ['an extra field', () => ({ e: '00000000-0000-4000-8000-000000000000', ...JUNK })],
  ],
  'event.cancel': [
    ['no event', () => ({})],
    ['an event that does not exist', () => ({ e: '00000000-0000-4000-8000-000000000000' })],
    ['an event id that is a list', () => ({ e: ['a', 'b'] })],
  ],
  'help.start': [['an extra field', () => JUNK]],
  'help.submit': [
    ['only the card data', () => ({ kind: 'help' })],
    [
      'an unknown kind',
      () => ({ kind: 'urgent', topic: 'communication', question: 'Hoe?', urgency: 'now', channel: 'chat' }),
    ],
    [
      'an unknown urgency',
      () => ({ kind: 'help', topic: 'communication', question: 'Hoe?', urgency: 'yesterday', channel: 'chat' }),
    ],
    [
      'a question far too long',
      () => ({ kind: 'help', topic: 'communication', question: 'x'.repeat(1001), urgency: 'now', channel: 'chat' }),
    ],
    [
      'an extra field',
      () => ({ kind: 'help', topic: 'communication', question: 'Hoe?', urgency: 'now', channel: 'chat', ...JUNK }),
    ],
  ],
  'help.cancel': [
    ['no ticket', () => ({})],
    ['a ticket id that is a number', () => ({ t: 12 })],
    ['a ticket id with a path in it', () => ({ t: '../../etc' })],
    ['an extra field', (k) => ({ t: k.ticketId, ...JUNK })],
  ],
  'help.reopen': [
    ['a ticket id that is null', () => ({ t: null })],
    ['an extra field', (k) => ({ t: k.ticketId, ...JUNK })],
  ],
  'help.accept': [
    ['neither an offer nor the pool', (k) => ({ t: k.ticketId })],
    ['an offer number that is text', (k) => ({ t: k.ticketId, seq: 'first' })],
    ['an offer number out of range', (k) => ({ t: k.ticketId, seq: 0 })],
    ['a pool that is not true', (k) => ({ t: k.ticketId, pool: 'yes' })],
  ],
  'help.decline': [
    ['no offer number', (k) => ({ t: k.ticketId })],
    ['a reason that is a number', (k) => ({ t: k.ticketId, seq: 1, reason: 5 })],
    ['an offer that is not theirs', (k) => ({ t: k.ticketId, seq: 1 })],
  ],
  'help.resolve': [
    ['no minutes', (k) => ({ t: k.ticketId, outcome: 'solved' })],
    ['minutes out of range', (k) => ({ t: k.ticketId, outcome: 'solved', minutes: '481' })],
    ['an unknown outcome', (k) => ({ t: k.ticketId, outcome: 'magic', minutes: '5' })],
    ['a ticket that is not theirs', (k) => ({ t: k.ticketId, outcome: 'solved', minutes: '5' })],
  ],
  'help.giveBack': [
    ['a ticket that is not theirs', (k) => ({ t: k.ticketId })],
    ['an extra field', (k) => ({ t: k.ticketId, ...JUNK })],
  ],
  'help.rate': [
    ['a rating out of range', (k) => ({ t: k.ticketId, rating: '6' })],
    ['a rating that is a word', (k) => ({ t: k.ticketId, rating: 'five' })],
    ['a comment that is an object', (k) => ({ t: k.ticketId, rating: '4', comment: { html: '<b>' } })],
    ['a ticket that is not theirs (or not resolved)', (k) => ({ t: k.ticketId, rating: '4' })],
  ],
  'help.register': [
    ['only some of the fields', () => ({ domains: 'communication' })],
    ['a capacity out of range', () => ({ ...registration, maxOpenTickets: '11' })],
    ['a weekday that does not exist', () => ({ ...registration, days: '1,8' })],
    ['an end before the start', () => ({ ...registration, start: '17:00', end: '09:00' })],
    ['an extra field', () => ({ ...registration, ...JUNK })],
  ],
  'help.tickets': [['an extra field', () => JUNK]],
  'knowledge.ask': [
    ['no question', () => ({ kind: 'help', topic: 'communication', urgency: 'now', channel: 'chat' })],
    [
      'an unknown channel',
      () => ({ kind: 'help', topic: 'communication', question: 'Hoe?', urgency: 'now', channel: 'fax' }),
    ],
    [
      'an extra field',
      () => ({ kind: 'help', topic: 'communication', question: 'Hoe?', urgency: 'now', channel: 'chat', ...JUNK }),
    ],
  ],
  'knowledge.helped': [
    ['no article', () => ({})],
    ['an article that does not exist', () => ({ a: 'no-such-article' })],
    ['an article id with a path in it', () => ({ a: '../articles/x' })],
  ],
  'knowledge.escalate': [
    ['a question that is a number', () => ({ question: 5 })],
    ['an unknown urgency', () => ({ question: 'Hoe?', topic: 'communication', urgency: 'soon', channel: 'chat' })],
    ['an extra field', () => ({ question: 'Hoe deel ik een bestand?', ...JUNK })],
  ],
  'pulse.answer': [
    ['a usefulness out of range', () => ({ about: 'module', ref: 'mod-inf-1', useful: '6' })],
    ['a kind of topic that does not exist', () => ({ about: 'event', ref: 'mod-inf-1', useful: '4' })],
    [
      'an unknown answer to the second question',
      () => ({ about: 'module', ref: 'mod-inf-1', useful: '4', recommend: 'maybe' }),
    ],
    ['a module they never finished', () => ({ about: 'module', ref: 'mod-inf-1', useful: '4' })],
    ['a help request that is not rated (or not theirs)', (k) => ({ about: 'help', ref: k.ticketId, useful: '4' })],
    ['an extra field', (k) => ({ about: 'help', ref: k.ticketId, useful: '4', ...JUNK })],
  ],
  'coach.decide': [
    ['no coach', () => ({ ok: true })],
    ['a decision that is text', () => ({ u: demoUser('coach').aadObjectId, ok: 'yes' })],
    ['a coach id with a path in it', () => ({ u: '../coach', ok: true })],
    ['an extra field', () => ({ u: demoUser('coach').aadObjectId, ok: true, ...JUNK })],
    ['someone who is no approver, deciding on a coach', () => ({ u: demoUser('coach').aadObjectId, ok: false })],
  ],
  'knowledge.notHelped': [
    ['no article', () => ({ question: 'Hoe deel ik een bestand?' })],
    ['an article that does not exist', () => ({ a: 'no-such-article', question: 'Hoe deel ik een bestand?' })],
    ['an extra field', () => ({ a: 'teams-share-file', question: 'Hoe?', ...JUNK })],
  ],
  'knowledge.draft': [
    ['no question', () => ({})],
    ['a question the caller did not resolve as coach', (k) => ({ t: k.ticketId })],
    ['a question id with a path in it', () => ({ t: '../tickets/x' })],
  ],
  'knowledge.saveDraft': [
    [
      'a question the caller did not resolve as coach',
      (k) => ({ t: k.ticketId, title: 'Een bestand delen in Teams', steps: 'Open Teams.\nKies Delen.' }),
    ],
    ['a title far too long', (k) => ({ t: k.ticketId, title: 'x'.repeat(201), steps: 'Open Teams.' })],
    ['no steps', (k) => ({ t: k.ticketId, title: 'Een bestand delen in Teams' })],
    ['an extra field', (k) => ({ t: k.ticketId, title: 'Een titel', steps: 'Stap', ...JUNK })],
  ],
  'privacy.show': [['an extra field', () => JUNK]],
  'privacy.export': [['an extra field', () => JUNK]],
  'privacy.delete': [['an extra field', () => JUNK]],
  'privacy.confirmDelete': [
    ['no confirmation', () => ({})],
    ['a "no"', () => ({ confirm: 'no' })],
    ['a confirmation that is a boolean', () => ({ confirm: true })],
    ['an extra field', () => ({ confirm: 'yes', ...JUNK })],
  ],
};

const REFUSED = {
  nl: /Dat lukte niet.*Er is niets veranderd/s,
  en: /didn't work.*Nothing was changed/s,
};

describe('card actions with forged or malformed data', () => {
  let app: App;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const clock = new FakeClock(TUESDAY_MORNING);
  const data = tempDir();
  const as = (user: TeamsUser) => new TeamsTestClient(app.url, conn.connector, conn.url, user, () => app.settle());
  const dutch = demoUser('employee');
  const english = demoUser('english');
  let known: Known;

  /** Every stored scan, ticket, coach record, article (drafts too) and pulse document with its ETag: a refused action changes none of them. */
  async function stored(): Promise<string> {
    const { scans, tickets, content, aggregates } = app.store.containers;
    const all = await Promise.all(
      [scans, tickets, content].map(
        async (c) =>
          (await c.items.query<{ id: string; _etag: string }>('SELECT c.id, c._etag FROM c').fetchAll()).resources,
      ),
    );
    const pulse = await aggregates.items
      .query<{ id: string; _etag: string }>("SELECT c.id, c._etag FROM c WHERE STARTSWITH(c.id, 'pulse|')")
      .fetchAll();
    all.push(pulse.resources);
    return JSON.stringify(
      all
        .flat()
        .map((d) => `${d.id}@${d._etag}`)
        .sort(),
    );
  }

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({
      dataDir: data.dir,
      clock,
      scheduler: false,
      env: { HELP_OFFER_TIMEOUT_SECONDS: '600' },
    });
    const c = as(dutch);
    const intro = cardOf((await c.say('scan')).replies[0]);
    let profile = '';
    walk(intro, (el) => {
      if (el.id === 'profile') profile ||= (el.choices as Array<{ value: string }>)[0].value;
    });
    const question = (await c.tap('scan.begin', { profile })).card!;
    const answer = actionData(question, 'scan.answer')!;
    const { ticketId } = await askForHelp(c, 'Hoe deel ik mijn agenda?', 'Stadhuis');
    known = { sessionId: String(answer.s), itemId: String(answer.i), contentVersion: String(answer.cv), ticketId };
    await app.settle();
  });
  after(async () => {
    await app.stop();
    await conn.close();
    data.remove();
  });

  it('has forged payloads for every verb', () => {
    assert.deepEqual(Object.keys(FORGED).sort(), [...VERBS].sort());
  });

  for (const verb of VERBS) {
    it(`answers forged "${verb}" data with the localized notice, in Dutch and English, and changes nothing`, async () => {
      const before = await stored();
      for (const [user, lang] of [
        [dutch, 'nl'],
        [english, 'en'],
      ] as const) {
        for (const [what, forge] of FORGED[verb]) {
          const res = await as(user).tap(verb, forge(known));
          assert.equal(res.status, 200, `${verb}: ${what}`);
          assertValidCard(res.card, `${verb}: ${what}`);
          assert.match(cardText(res.card!), REFUSED[lang], `${verb} (${lang}): ${what}`);
        }
      }
      assert.equal(await stored(), before, `${verb}: nothing stored changed`);
    });
  }

  it('refuses data that names another verb than the button it came with', async () => {
    const before = await stored();
    const res = await as(english).tap('help.cancel', { verb: 'privacy.confirmDelete', t: known.ticketId });
    assert.match(cardText(res.card!), REFUSED.en);
    assert.equal(await stored(), before);
  });

  it('answers an unknown verb with its own localized notice, in Dutch and English', async () => {
    const nl = await as(dutch).tap('ticket.steal', { t: known.ticketId });
    assertValidCard(nl.card, 'unknown verb nl');
    assert.match(cardText(nl.card!), /Die actie ken ik niet.*Er is niets veranderd/s);
    const en = await as(english).tap('ticket.steal', { t: known.ticketId });
    assert.match(cardText(en.card!), /I don't know that action.*Nothing was changed/s);
  });

  it('still takes the genuine data of the same buttons', async () => {
    const res = await as(dutch).tap('scan.pause', { s: known.sessionId });
    assert.match(cardText(res.card!), /pauze|gepauzeerd/i);
  });
});
