import assert from 'node:assert/strict';
import path from 'node:path';
import { readScanSeeds } from '../../../bot/domain/scan/load-content';
import { ContentIndex } from '../../../bot/domain/scan/content';
import { readLeadershipContent } from '../../../bot/domain/leadership/leadership-content';
import {
  PrivacyService,
  type MyDataOverview,
  type PrivacyServiceDeps,
} from '../../../bot/domain/privacy/privacy-service';
import type { UserContext } from '../../../bot/domain/org';
import type { ScanResult } from '../../../bot/domain/scan/scan-types';
import { answerTexts } from '../../../bot/cards/privacy/answer-texts';
import { exportCard, myDataCard } from '../../../bot/cards/privacy/my-data-card';
import { assertValidCard, cardText, cardVerbs } from '../../helpers/cards';

const SEEDS = path.join(__dirname, '..', '..', '..', 'seeds');
const index = new ContentIndex(readScanSeeds(path.join(SEEDS, 'scan')));
const leadership = readLeadershipContent(path.join(SEEDS, 'leadership'));
const content = { current: () => index, version: async (v: string) => (v === index.version ? index : null) };
const texts = answerTexts({ content, leadership });

const overview = (over: Partial<MyDataOverview> = {}) => ({
  kind: 'overview' as const,
  jobProfile: 'klantcontact',
  team: 'Burgerzaken',
  department: 'Dienstverlening',
  location: 'Stadhuis',
  scanResults: 1,
  latestScan: '2026-03-03T10:00:00Z',
  scanInProgress: false,
  modulesMarked: 2,
  helpRequests: 1,
  leadershipScan: 'none' as const,
  coach: false,
  coachTickets: 0,
  remindersOff: false,
  chatReference: true,
  anonymityThreshold: 5,
  profileName: 'Klantcontact',
  ...over,
});

describe('privacy: the export in words', () => {
  it('gives each scan answer its question and the words the user chose, in their language', async () => {
    const nl = await texts.scan(index.version, 'nl');
    assert.deepEqual(nl('inf-11', 'c'), {
      question: index.itemsById.get('inf-11')!.text.nl,
      answer: 'Ik vraag de collega om de versie van vorig jaar opnieuw te sturen.',
    });
    assert.equal(nl('inf-01', 3)?.answer, 'Zelfstandig');
    assert.equal(nl('inf-04', true)?.answer, 'Juist');
    assert.equal(nl('inf-04', false)?.answer, 'Onjuist');
    assert.equal(nl('inf-01', 'unknown')?.answer, 'Weet ik niet');
    assert.equal(nl('no-such-item', 'a'), null);
    const en = await texts.scan('an-older-version', 'en');
    assert.equal(
      en('inf-01', 4)?.answer,
      'I can explain it to others',
      'an unknown content version falls back to the current one',
    );
    assert.equal(en('inf-11', 'c')?.question, index.itemsById.get('inf-11')!.text.en);
  });

  it('gives each leadership answer its statement and the point on the scale', () => {
    const nl = texts.leadership('nl');
    assert.deepEqual(nl('lead-01', 4), { statement: leadership.items[0].text.nl, answer: 'Mee eens' });
    assert.equal(texts.leadership('en')('lead-01', 1)?.answer, 'Strongly disagree');
    assert.equal(nl('gone', 3), null);
  });

  it('puts the words next to the codes in the exported document, the leadership answers as a list', async () => {
    const user: UserContext = {
      tenantId: 'ten',
      userId: 'u1',
      name: 'Noor',
      locale: 'nl',
      person: null,
      team: null,
      department: null,
      location: null,
      roles: [],
    };
    const result: ScanResult = {
      resultId: 'r1',
      sessionId: 's1',
      tenantId: 'ten',
      userId: 'u1',
      contentVersion: index.version,
      profileId: 'klantcontact',
      mode: 'adaptive',
      startedAt: '2026-03-03T09:45:00Z',
      completedAt: '2026-03-03T10:00:00Z',
      itemsAsked: 2,
      levels: {},
      targets: {},
      previousLevels: null,
      focusDomains: [],
      adviceModuleIds: [],
      intakeOffered: false,
      answers: [
        { itemId: 'inf-11', value: 'a', at: '2026-03-03T09:50:00Z' },
        { itemId: 'inf-01', value: 2, at: '2026-03-03T09:51:00Z' },
      ],
    };
    const none = async function* () {};
    const deps = {
      scans: { results: async () => [result], getSession: async () => null, getModuleProgress: async () => null },
      leadership: {
        get: async () => ({
          value: {
            tenantId: 'ten',
            userId: 'u1',
            answers: { 'lead-01': 5 },
            startedAt: 'x',
            updatedAt: 'x',
            completedAt: 'x',
          },
          etag: 'e',
        }),
      },
      coaches: { get: async () => null },
      nudges: { remindersOff: async () => true, setRemindersOff: async () => undefined, forgetSender: async () => 0 },
      userState: { getConversationRef: async () => null },
      personalTickets: { asRequester: none, asCoach: none },
      answerTexts: texts,
      clock: { now: () => new Date('2026-03-04T08:00:00Z') },
    } as unknown as PrivacyServiceDeps;
    const data = (await new PrivacyService(deps).exportData(user)) as Record<string, any>;
    assert.deepEqual(data.scanResults[0].answers[0], {
      itemId: 'inf-11',
      question: index.itemsById.get('inf-11')!.text.nl,
      value: 'a',
      answer: 'Ik zoek de instructie op het intranet of de teamsite.',
      at: '2026-03-03T09:50:00Z',
    });
    assert.equal(data.scanResults[0].answers[1].answer, 'Met wat hulp');
    assert.deepEqual(data.leadershipScan.answers, [
      { itemId: 'lead-01', statement: leadership.items[0].text.nl, value: 5, answer: 'Helemaal mee eens' },
    ]);
    assert.deepEqual(data.preferences, { scanReminders: false });
  });
});

describe('privacy: the chat cards', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`counts in words and shows the one reminder switch (${locale})`, () => {
      const one = cardText(myDataCard(overview(), locale));
      assert.match(one, locale === 'nl' ? /Zelfscan: 1 uitslag, van 3 maart 2026/ : /Self-scan: 1 result, from/);
      assert.match(one, locale === 'nl' ? /Herinneringen over de zelfscan: aan/ : /Reminders about the self-scan: on/);
      assert.doesNotMatch(one, /activiteiten|Event sign-ups/, 'no line about events for someone never signed up');
      const two = myDataCard(
        overview({ scanResults: 2, coach: true, coachTickets: 1, remindersOff: true, eventSignups: 3 }),
        locale,
      );
      assertValidCard(two, `my data ${locale}`);
      const words = cardText(two);
      assert.match(words, locale === 'nl' ? /2 uitslagen, de laatste van/ : /2 results, the latest from/);
      assert.match(words, locale === 'nl' ? /en 1 hulpvraag waarbij/ : /and 1 help request you/);
      assert.match(
        words,
        locale === 'nl'
          ? /Aanmeldingen voor activiteiten \(ook wachtlijst en aanwezigheid\): 3/
          : /Event sign-ups \(waiting list and attendance too\): 3/,
      );
      assert.match(
        words,
        locale === 'nl' ? /Herinneringen over de zelfscan: uit/ : /Reminders about the self-scan: off/,
      );
      assert.doesNotMatch(words, /\((en|s)\)|leidinggevende: |from your leader/);
    });

    it(`offers the download in the tab, not the data itself (${locale})`, () => {
      const url = 'https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-000000000000/mijn-gegevens';
      const card = exportCard({ ...overview({ leadershipScan: 'completed' }), myDataUrl: url }, locale);
      assertValidCard(card, `export ${locale}`);
      const words = cardText(card);
      assert.match(words, locale === 'nl' ? /één bestand.*\*\*Mijn gegevens\*\*/s : /one file.*\*\*My data\*\*/s);
      assert.match(words, locale === 'nl' ? /Leiderschapsscan: afgerond/ : /Leadership scan: completed/);
      const open = (card.actions ?? []).find((a) => a.type === 'Action.OpenUrl')!;
      assert.equal(open.url, url);
      assert.equal(open.title, locale === 'nl' ? 'Open Mijn gegevens' : 'Open My data');
      assert.deepEqual(cardVerbs(card), ['menu']);
    });
  }
});
