import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locale } from '../../../bot/domain/org';
import type { Ticket, TicketState } from '../../../bot/domain/help/help-types';
import { ContentIndex, type ScanContent } from '../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../bot/domain/scan/load-content';
import type { ScanResult } from '../../../bot/domain/scan/scan-types';
import type { AdaptiveCard } from '../../../bot/cards/card';
import { escapeMarkdown } from '../../../bot/cards/markdown';
import { welcomeCard } from '../../../bot/cards/welcome-card';
import { menuCard } from '../../../bot/cards/menu-card';
import { noticeCard } from '../../../bot/cards/notice-card';
import { nudgeCard } from '../../../bot/cards/nudge-card';
import { reminderCard } from '../../../bot/cards/reminder-card';
import { teamUpdateCard } from '../../../bot/cards/team-update-card';
import { personalChatCard } from '../../../bot/cards/personal-chat-card';
import { leadershipCard } from '../../../bot/cards/leadership-card';
import { scanIntroCard } from '../../../bot/cards/scan/intro-card';
import { questionCard } from '../../../bot/cards/scan/question-card';
import { resultCard } from '../../../bot/cards/scan/result-card';
import { modulesCard } from '../../../bot/cards/scan/modules-card';
import { deleteConfirmCard, exportCard, myDataCard, type MyDataModel } from '../../../bot/cards/privacy/my-data-card';
import { helpRequestCard } from '../../../bot/cards/help/help-request-card';
import { requesterStatusCard } from '../../../bot/cards/help/requester-status-card';
import { coachOfferCard } from '../../../bot/cards/help/coach-offer-card';
import { coachAssignedCard } from '../../../bot/cards/help/coach-assigned-card';
import { coachOfferClosedCard } from '../../../bot/cards/help/coach-offer-closed-card';
import { escalationCard } from '../../../bot/cards/help/escalation-card';
import { ratingCard } from '../../../bot/cards/help/rating-card';
import { myTicketsCard } from '../../../bot/cards/help/my-tickets-card';
import { coachRegistrationCard } from '../../../bot/cards/help/coach-registration-card';
import { coordinatorDigestCard } from '../../../bot/cards/help/coordinator-digest-card';
import { newsCard } from '../../../bot/cards/news/news-card';
import { notHelpedCard } from '../../../bot/cards/knowledge/not-helped-card';
import { assertValidCard, walk } from '../../helpers/cards';

// The Markdown renderer of Bot Framework Web Chat, which draws our cards in the playground.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require('markdown-it') as (opts?: object) => { render(src: string): string };
const renderer = markdownIt({ html: false, linkify: false });

/** What a display name, a typed question or a directory field could hold to take over a card. */
const HOSTILE = [
  '[Log in](https://evil.example/login)',
  '**bold** and _italic_ and ~~gone~~',
  '<at>Iedereen</at> <b>x</b>',
  '# heading',
  'Anna\n- item\n# heading\n> quote\n1. first',
  '![pixel](https://evil.example/p.png)',
  '`code` and ```block```',
  '\\[escaped](https://evil.example)',
  '- list at the start',
  '1) numbered',
  '> quote at the start',
  '<https://evil.example/auto>',
];
const BENIGN = 'Anna de Vries';

const seeds = readScanSeeds(path.join(__dirname, '..', '..', '..', 'seeds', 'scan'));

/** Every card builder, with `value` in every slot a person, the directory or the content fills. */
function everyCard(value: string, locale: Locale): Array<[string, AdaptiveCard]> {
  const content: ScanContent = structuredClone(seeds);
  for (const d of content.domains) d.name = { nl: value, en: value };
  for (const m of content.modules) m.title = { nl: value, en: value };
  for (const p of content.profiles) p.name = { nl: value, en: value };
  const index = new ContentIndex(content);
  const item = index.content.items[0];
  const session = {
    sessionId: 's1',
    tenantId: 't',
    userId: 'u',
    contentVersion: index.version,
    profileId: content.profiles[0].id,
    mode: 'adaptive' as const,
    status: 'in-progress' as const,
    answers: [],
    pendingItemId: item.id,
    startedAt: '2026-11-23T10:00:00Z',
    updatedAt: '2026-11-23T10:00:00Z',
  };
  const domainIds = content.domains.map((d) => d.id);
  const result: ScanResult = {
    resultId: 'r1',
    sessionId: 's1',
    tenantId: 't',
    userId: 'u',
    contentVersion: index.version,
    profileId: content.profiles[0].id,
    mode: 'adaptive',
    startedAt: '2026-11-23T10:00:00Z',
    completedAt: '2026-11-23T10:14:00Z',
    itemsAsked: 38,
    levels: Object.fromEntries(domainIds.map((d) => [d, 1])),
    targets: Object.fromEntries(domainIds.map((d) => [d, 3])),
    previousLevels: Object.fromEntries(domainIds.map((d) => [d, 1])),
    focusDomains: domainIds.slice(0, 3),
    adviceModuleIds: content.modules.slice(0, 3).map((m) => m.id),
    intakeOffered: true,
    answers: [],
  };
  const ticket = (state: TicketState): Ticket => ({
    ticketId: 'tk-1',
    tenantId: 't',
    kind: 'help',
    requester: {
      userId: 'u-jan',
      name: value,
      teamId: 'team',
      departmentId: 'dep',
      locationId: 'loc',
      locale: 'nl-NL',
    },
    topic: 'hr-apps',
    question: value,
    urgency: 'today',
    channel: 'in-person',
    where: value,
    state,
    offer: { coachId: 'c', offeredAt: '2026-11-23T09:14:00.000Z', dueAt: '2026-11-23T09:24:00.000Z', seq: 1 },
    offerCount: 1,
    passedBy: [],
    coachId: 'c',
    coachName: value,
    outcome: 'solved',
    minutesSpent: 12,
    rating: 4,
    comment: value,
    events: [],
    createdAt: '2026-11-23T09:02:00.000Z',
    updatedAt: '2026-11-23T09:30:00.000Z',
  });
  const options = [{ id: 'o1', name: value }];
  const summary = (state: TicketState) => ({
    ticketId: 'tk-1',
    state,
    topicName: value,
    question: value,
    otherPartyName: value,
    createdAt: '2026-11-23T09:02:00.000Z',
    minutesToAccept: 4,
    minutesToResolve: 12,
    minutesSpent: 7,
    rating: 5,
  });
  const myData: MyDataModel = {
    kind: 'overview',
    jobProfile: 'p',
    team: value,
    department: value,
    location: value,
    scanResults: 1,
    latestScan: '2026-11-23T10:14:00Z',
    scanInProgress: true,
    modulesMarked: 2,
    helpRequests: 1,
    leadershipScan: 'completed',
    coach: true,
    coachTickets: 3,
    remindersOff: false,
    chatReference: true,
    anonymityThreshold: 5,
    profileName: value,
    privacyUrl: 'https://digivaardig.example/privacy',
  };
  const states: TicketState[] = ['searching', 'escalated', 'accepted', 'resolved', 'rated', 'cancelled'];
  return [
    ['welcome', welcomeCard({ givenName: value, teamKnown: false, anonymityThreshold: 5 }, locale)],
    ['menu', menuCard({ isCoach: true, intro: true }, locale)],
    [
      'notice (a command someone typed)',
      noticeCard({ titleKey: 'error.title', bodyKey: 'error.body', params: { ref: value } }, locale),
    ],
    ['nudge', nudgeCard({ participation: { completed: 6, members: 9 } }, locale)],
    ['reminder', reminderCard({ participation: { completed: 6, members: 9 }, remindersLeft: 0 }, locale)],
    [
      'team update',
      teamUpdateCard(
        {
          teams: [
            { name: value, participation: { completed: 6, members: 9 } },
            { name: value, participation: null },
          ],
          threshold: 5,
        },
        locale,
      ),
    ],
    ['personal chat', personalChatCard({ chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:x' }, locale)],
    ['leadership', leadershipCard({ tabUrl: 'https://digivaardig.example/tab/' }, locale)],
    [
      'scan intro',
      scanIntroCard(
        { profiles: content.profiles, preselected: null, previousDate: '2026-05-01T00:00:00Z', anonymityThreshold: 5 },
        locale,
      ),
    ],
    [
      'question',
      questionCard(
        {
          kind: 'question',
          session,
          item,
          position: 2,
          estimatedTotal: 40,
          domain: index.domainsById.get(item.domain)!,
          index,
          canGoBack: true,
        },
        locale,
      ),
    ],
    [
      'result',
      resultCard(
        {
          result,
          index,
          modules: content.modules.slice(0, 3),
          learningPage: null,
          retakeFrom: new Date('2027-05-24'),
          justCompleted: true,
        },
        locale,
      ),
    ],
    [
      'modules',
      modulesCard(
        { learningPage: null, modules: content.modules.slice(0, 3).map((module) => ({ module, state: null })) },
        locale,
      ),
    ],
    ['my data', myDataCard(myData, locale)],
    ['export', exportCard({ ...myData, myDataUrl: 'https://digivaardig.example/tab/#my-data' }, locale)],
    ['delete confirmation', deleteConfirmCard(locale)],
    ['help request', helpRequestCard({ domains: options, where: value, kind: 'help' }, locale)],
    ...states.map((s): [string, AdaptiveCard] => [
      `requester status ${s}`,
      requesterStatusCard(
        {
          ticket: ticket(s),
          topicName: value,
          chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=x',
          canCancel: true,
          canReopen: true,
        },
        locale,
      ),
    ]),
    [
      'requester status compact',
      requesterStatusCard(
        {
          ticket: ticket('accepted'),
          topicName: value,
          chatUrl: null,
          canCancel: false,
          canReopen: false,
          compact: true,
        },
        locale,
      ),
    ],
    [
      'coach offer',
      coachOfferCard(
        {
          ticket: ticket('offered'),
          topicName: value,
          requesterName: value,
          reasons: ['nearest:team'],
          minutesToAnswer: 10,
        },
        locale,
      ),
    ],
    [
      'coach assigned',
      coachAssignedCard(
        {
          ticket: ticket('accepted'),
          topicName: value,
          requesterName: value,
          chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=x',
        },
        locale,
      ),
    ],
    [
      'coach offer closed',
      coachOfferClosedCard({ ticket: ticket('resolved'), topicName: value, why: 'resolved' }, locale),
    ],
    [
      'escalation to coaches',
      escalationCard({ ticket: ticket('escalated'), topicName: value, offers: 3, forCoach: true }, locale),
    ],
    [
      'escalation to the coordinator',
      escalationCard({ ticket: ticket('escalated'), topicName: value, offers: 3, forCoach: false }, locale),
    ],
    ['rating', ratingCard({ ticket: ticket('resolved'), coachName: value, topicName: value }, locale)],
    [
      'my tickets',
      myTicketsCard(
        {
          asRequester: states.map(summary),
          asCoach: states.map(summary),
          coachStats: {
            handled: 3,
            medianMinutesToAccept: 4,
            medianMinutesToResolve: 12,
            averageRating: 4.5,
            ratings: 2,
            available: true,
            openTickets: 1,
            maxOpenTickets: 3,
            weekCount: 1,
            weeklyCapacity: 3,
          },
        },
        locale,
      ),
    ],
    [
      'coach registration',
      coachRegistrationCard(
        { domains: options, locations: options, departments: options, current: null, departmentKnown: false },
        locale,
      ),
    ],
    [
      'coordinator digest',
      coordinatorDigestCard(
        {
          count: 3,
          since: new Date('2026-11-23T09:00:00Z'),
          latest: [{ topicName: value, question: value, requesterName: value }],
        },
        locale,
      ),
    ],
    // The news card keeps the team's line breaks as blocks; one line here, so every value gives as many blocks.
    [
      'coach news',
      newsCard({ text: value.replace(/\n/g, ' '), departmentName: value, sentAt: '2026-11-24T09:00:00Z' }, locale),
    ],
    [
      'not helped',
      notHelpedCard(
        {
          id: 'a',
          domain: 'communication',
          title: { nl: value, en: value },
          steps: { nl: [value], en: [value] },
          tags: [],
          source: 'tenant',
        },
        { question: value },
        locale,
      ),
    ],
  ];
}

/** Every Markdown TextBlock of a card, in order. */
function markdownTexts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk(card, (el) => {
    if (el.type === 'TextBlock' && typeof el.text === 'string') out.push(el.text);
  });
  return out;
}

/** Unescaped "](": where a Markdown link's text ends and its address begins. */
const links = (markdown: string) => markdown.match(/(?<!\\)\]\(/g)?.length ?? 0;

/** The HTML tags a Markdown text renders to: its formatting, without the words. */
const tags = (markdown: string) => renderer.render(markdown).match(/<\/?[a-z][a-z0-9]*/g) ?? [];

describe('hostile names and texts on every card', () => {
  for (const locale of ['nl', 'en'] as Locale[]) {
    it(`render as the text they are, never as a link, formatting or mention, on all ${everyCard(BENIGN, locale).length} cards (${locale})`, () => {
      const benign = everyCard(BENIGN, locale);
      for (const hostile of HOSTILE) {
        const cards = everyCard(hostile, locale);
        assert.equal(cards.length, benign.length);
        cards.forEach(([label, card], i) => {
          const name = `${label} with ${JSON.stringify(hostile)}`;
          assertValidCard(card, name);
          const texts = markdownTexts(card);
          const expected = markdownTexts(benign[i][1]);
          assert.equal(texts.length, expected.length, name);
          texts.forEach((text, j) => {
            // Our own links (a module's page) have an unescaped "](" too; the hostile text adds none.
            assert.equal(links(text), links(expected[j]), `${name}: an unescaped "](" in ${JSON.stringify(text)}`);
            assert.deepEqual(tags(text), tags(expected[j]), `${name}: formatting changed in ${JSON.stringify(text)}`);
            assert.doesNotMatch(
              renderer.render(text),
              /href="https:\/\/evil|<img |<at>|<b>|<code>|<h\d|<blockquote/,
              name,
            );
          });
        });
      }
    });
  }

  it('show as typed: the escapes vanish when rendered, and ordinary names stay untouched', () => {
    const plainText = (markdown: string) =>
      renderer
        .render(markdown)
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .trim();
    for (const hostile of HOSTILE)
      assert.equal(plainText(escapeMarkdown(hostile)), hostile.replace(/\s+/g, ' ').trim());
    for (const name of [
      'Anna de Vries',
      'Jan-Willem van der Berg',
      'J. de Vries',
      "Sinéad O'Brien",
      'Kantine (2e verdieping)',
    ])
      assert.equal(escapeMarkdown(name), name);
  });
});
