import assert from 'node:assert/strict';
import type { Locale } from '../../../bot/domain/org';
import type { Ticket, TicketState } from '../../../bot/domain/help/help-types';
import type { AdaptiveCard, Element } from '../../../bot/cards/card';
import type { CoachOfferClosedModel, CoachStats, TicketSummary } from '../../../bot/cards/help/models';
import { helpRequestCard } from '../../../bot/cards/help/help-request-card';
import { requesterStatusCard } from '../../../bot/cards/help/requester-status-card';
import { coachOfferCard, whyYouLine } from '../../../bot/cards/help/coach-offer-card';
import { coachAssignedCard } from '../../../bot/cards/help/coach-assigned-card';
import { coachOfferClosedCard } from '../../../bot/cards/help/coach-offer-closed-card';
import { escalationCard } from '../../../bot/cards/help/escalation-card';
import { ratingCard } from '../../../bot/cards/help/rating-card';
import { myTicketsCard } from '../../../bot/cards/help/my-tickets-card';
import { coachRegistrationCard } from '../../../bot/cards/help/coach-registration-card';
import { formatDuration, truncate } from '../../../bot/cards/help/ticket-facts';
import { coordinatorDigestCard } from '../../../bot/cards/help/coordinator-digest-card';
import { assertValidCard, cardText, cardVerbs, walk } from '../../helpers/cards';

const LOCALES: Locale[] = ['nl', 'en'];
const STATES: TicketState[] = ['searching', 'offered', 'escalated', 'accepted', 'resolved', 'rated', 'cancelled'];
const WHYS: CoachOfferClosedModel['why'][] = ['declined', 'timed-out', 'taken', 'cancelled', 'resolved', 'given-back'];
const CHAT_URL =
  'https://teams.microsoft.com/l/chat/0/0?users=fenna.bakker%40westerkwartier.example&message=Hoe%20deel%20ik';

const DOMAINS = [
  { id: 'communication', name: 'Communiceren en samenwerken' },
  { id: 'safety', name: 'Veilig werken' },
  { id: 'device-basics', name: 'Je telefoon en tablet' },
  { id: 'hr-apps', name: 'HR-apps (loonstrook, verlof)' },
];

/** A ticket as the help service stores it: created, offered twice (one decline), then accepted. */
function ticket(state: TicketState, over: Partial<Ticket> = {}): Ticket {
  const coachKnown = ['accepted', 'resolved', 'rated'].includes(state);
  return {
    ticketId: 'tk-7f3a9c',
    tenantId: 'tenant-westerkwartier',
    kind: 'help',
    requester: {
      userId: 'u-jan',
      name: 'Jan de Vries',
      email: 'jan.devries@westerkwartier.example',
      teamId: 'team-groen',
      departmentId: 'dep-buitendienst',
      locationId: 'loc-zuidhorn',
      locale: 'nl-NL',
    },
    topic: 'hr-apps',
    question: 'Hoe vind ik mijn loonstrook in de app op mijn telefoon?',
    urgency: 'today',
    channel: 'in-person',
    where: 'Gemeentewerf Zuidhorn, kantine',
    state,
    offer: {
      coachId: 'u-fenna',
      offeredAt: '2026-11-23T09:14:00.000Z',
      dueAt: '2026-11-23T09:24:00.000Z',
      seq: 2,
      activityId: 'act-offer-2',
    },
    offerCount: 2,
    passedBy: ['u-pieter'],
    // An offered ticket may already carry the offered coach's name internally; the requester must not see it.
    coachId: state === 'offered' || coachKnown ? 'u-fenna' : null,
    coachName: state === 'offered' || coachKnown ? 'Fenna Bakker' : null,
    requesterActivityId: 'act-req-1',
    ...(state === 'resolved' || state === 'rated' ? { outcome: 'service-desk' as const, minutesSpent: 12 } : {}),
    ...(state === 'rated' ? { rating: 4, comment: 'Fijn, dank je!' } : {}),
    events: [
      { type: 'created', at: '2026-11-23T09:02:00.000Z', by: 'u-jan' },
      {
        type: 'offered',
        at: '2026-11-23T09:02:01.000Z',
        coachId: 'u-pieter',
        reasons: ['nearest:team', 'skill:topic'],
      },
      { type: 'declined', at: '2026-11-23T09:14:00.000Z', by: 'u-pieter', coachId: 'u-pieter', reason: 'Op cursus' },
      {
        type: 'offered',
        at: '2026-11-23T09:14:00.000Z',
        coachId: 'u-fenna',
        reasons: ['nearest:department', 'skill:topic'],
      },
      ...(coachKnown
        ? [{ type: 'accepted' as const, at: '2026-11-23T09:18:00.000Z', by: 'u-fenna', coachId: 'u-fenna' }]
        : []),
    ],
    createdAt: '2026-11-23T09:02:00.000Z',
    updatedAt: '2026-11-23T09:18:00.000Z',
    ...over,
  };
}

function summary(i: number, side: 'requester' | 'coach'): TicketSummary {
  const state = STATES[i % STATES.length];
  const done = state === 'resolved' || state === 'rated';
  return {
    ticketId: `tk-${side}-${i}`,
    state,
    topicName: DOMAINS[i % DOMAINS.length].name,
    question: `Vraag ${i}: hoe zet ik mijn agenda van Outlook op mijn telefoon zodat ik mijn diensten en vergaderingen altijd bij me heb, ook buiten?`,
    otherPartyName: side === 'coach' ? `Collega ${i}` : state === 'searching' ? null : `Digicoach ${i}`,
    createdAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T08:30:00.000Z`,
    minutesToAccept: ['accepted', 'resolved', 'rated'].includes(state) ? 4 : null,
    minutesToResolve: done ? 12 + i : null,
    minutesSpent: done ? 7 : null,
    rating: state === 'rated' ? 5 : null,
  };
}

const STATS: CoachStats = {
  handled: 14,
  medianMinutesToAccept: 4,
  medianMinutesToResolve: 12.5,
  averageRating: 4.5,
  ratings: 8,
  available: true,
  openTickets: 1,
  maxOpenTickets: 3,
  weekCount: 2,
  weeklyCapacity: 3,
};

function actions(card: AdaptiveCard): Element[] {
  const out: Element[] = [];
  walk(card, (el) => {
    if (typeof el.type === 'string' && el.type.startsWith('Action.')) out.push(el as Element);
  });
  return out;
}
const byVerb = (card: AdaptiveCard, verb: string) => actions(card).filter((a) => a.verb === verb);
const openUrls = (card: AdaptiveCard) => actions(card).filter((a) => a.type === 'Action.OpenUrl');
function inputs(card: AdaptiveCard): Map<string, Element> {
  const out = new Map<string, Element>();
  walk(card, (el) => {
    if (typeof el.type === 'string' && el.type.startsWith('Input.')) out.set(String(el.id), el as Element);
  });
  return out;
}

/** No `{placeholder}` anywhere a user could read it (labels, titles, choices, runs included). */
function assertNoPlaceholders(card: unknown, label: string): void {
  const visit = (node: unknown): void => {
    if (typeof node === 'string')
      return assert.doesNotMatch(node, /\{\w+\}/, `${label}: unfilled placeholder in "${node}"`);
    if (Array.isArray(node)) return node.forEach(visit);
    if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(card);
}

function check(card: AdaptiveCard, label: string): string {
  assertValidCard(card, label);
  assertNoPlaceholders(card, label);
  for (const a of actions(card)) {
    if (a.type !== 'Action.Execute') continue;
    const fallback = a.fallback as Element;
    assert.equal(fallback.type, 'Action.Submit', `${label}: fallback`);
    assert.deepEqual(fallback.data, a.data, `${label}: fallback carries the same data`);
  }
  return cardText(card);
}

describe('the help cards', () => {
  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      it('help request: all inputs labelled, defaults set, submit carries the kind', () => {
        for (const kind of ['help', 'intake'] as const) {
          const card = helpRequestCard(
            { domains: DOMAINS, where: 'Gemeentewerf Zuidhorn', topic: 'safety', kind },
            locale,
          );
          check(card, `request ${kind} ${locale}`);
          const ins = inputs(card);
          assert.deepEqual([...ins.keys()], ['topic', 'question', 'urgency', 'channel', 'where']);
          assert.equal(ins.get('topic')?.value, 'safety');
          assert.equal(ins.get('topic')?.isRequired, true);
          assert.equal(ins.get('question')?.maxLength, 200);
          assert.equal(ins.get('question')?.isRequired, true);
          assert.ok(ins.get('question')?.errorMessage);
          assert.equal(ins.get('urgency')?.value, 'today');
          assert.equal(ins.get('channel')?.value, 'chat');
          assert.equal(ins.get('where')?.value, 'Gemeentewerf Zuidhorn');
          assert.deepEqual(
            (ins.get('channel')?.choices as Array<{ value: string }>).map((c) => c.value),
            ['chat', 'call', 'in-person'],
          );
          // A help question meets the knowledge base first; an intake goes to a coach at once.
          const submit = kind === 'intake' ? 'help.submit' : 'knowledge.ask';
          assert.deepEqual(byVerb(card, submit)[0].data, { verb: submit, kind });
        }
        const unknownTopic = helpRequestCard({ domains: DOMAINS, where: '', topic: 'gone', kind: 'help' }, locale);
        check(unknownTopic, `request without topic ${locale}`);
        assert.equal(inputs(unknownTopic).get('topic')?.value, undefined);
        // Nothing chosen yet: the empty list says what to do.
        assert.equal(
          inputs(unknownTopic).get('topic')?.placeholder,
          locale === 'nl' ? 'Kies een onderwerp' : 'Choose a topic',
        );
        assert.equal(inputs(unknownTopic).get('topic')?.style, 'compact');
        // On a phone the question gets room for its placeholder and what is typed.
        assert.equal(inputs(unknownTopic).get('question')?.isMultiline, true);
        assert.equal(inputs(unknownTopic).get('where')?.value, undefined);
      });

      it('requester status: every state, never the offered coach, chat link only when known', () => {
        for (const state of STATES) {
          const open = ['searching', 'offered', 'escalated'].includes(state);
          const canReopen = state === 'resolved' || state === 'rated';
          for (const chatUrl of [CHAT_URL, null]) {
            const card = requesterStatusCard(
              {
                ticket: ticket(state),
                topicName: 'HR-apps (loonstrook, verlof)',
                chatUrl: state === 'accepted' ? chatUrl : null,
                canCancel: open,
                canReopen,
              },
              locale,
            );
            const text = check(card, `status ${state} ${locale}`);
            assert.match(text, /HR-apps \(loonstrook, verlof\)/);
            assert.match(text, /loonstrook in de app/);
            if (state !== 'accepted' && state !== 'resolved' && state !== 'rated')
              assert.doesNotMatch(text, /Fenna/, `${state} must not name a coach`);
            if (state === 'accepted') {
              assert.match(text, /Fenna Bakker/);
              assert.equal(openUrls(card).length, chatUrl ? 1 : 0);
              if (chatUrl) assert.equal(openUrls(card)[0].url, CHAT_URL);
            } else {
              assert.equal(openUrls(card).length, 0);
            }
            assert.deepEqual(
              byVerb(card, 'help.cancel').map((a) => a.data),
              open ? [{ verb: 'help.cancel', t: 'tk-7f3a9c' }] : [],
            );
            assert.deepEqual(
              byVerb(card, 'help.reopen').map((a) => a.data),
              canReopen ? [{ verb: 'help.reopen', t: 'tk-7f3a9c' }] : [],
            );
            assert.equal(byVerb(card, 'help.tickets').length, 1);
            if (state === 'rated')
              // Right under the "afgerond" status card: thanks, and no second copy of its outcome and facts.
              assert.doesNotMatch(
                text,
                locale === 'nl' ? /afgerond|Uitkomst|Toch niet opgelost/ : /resolved|Outcome|Not solved/,
              );
          }
        }
      });

      it('requester news: a short message with the coach and the chat link, without the form facts', () => {
        const card = requesterStatusCard(
          {
            ticket: ticket('accepted'),
            topicName: 'HR-apps',
            chatUrl: CHAT_URL,
            canCancel: false,
            canReopen: false,
            compact: true,
          },
          locale,
        );
        const text = check(card, `status compact ${locale}`);
        assert.match(text, /Fenna Bakker/);
        assert.match(text, /HR-apps: .*loonstrook in de app/);
        assert.equal(openUrls(card).length, 1);
        assert.equal(byVerb(card, 'help.tickets').length, 0);
      });

      it('coach offer: requester, question, why, deadline; accept and decline carry t and seq', () => {
        const card = coachOfferCard(
          {
            ticket: ticket('offered'),
            topicName: 'HR-apps (loonstrook, verlof)',
            requesterName: 'Jan de Vries',
            reasons: [
              'nearest:team',
              'skill:topic',
              'available-now',
              'load:0/3 open, 1/3 this week',
              'last-offered:never',
            ],
            minutesToAnswer: 10,
          },
          locale,
        );
        const text = check(card, `offer ${locale}`);
        for (const s of [
          'Jan de Vries',
          'HR-apps (loonstrook, verlof)',
          'loonstrook in de app',
          'Gemeentewerf Zuidhorn, kantine',
          '10',
        ])
          assert.ok(text.includes(s), `offer shows ${s}`);
        assert.match(
          text,
          locale === 'nl' ? /hetzelfde team en je kent dit onderwerp/ : /same team and you know this topic/,
        );
        assert.doesNotMatch(text, /load:|last-offered|available-now/);
        assert.deepEqual(byVerb(card, 'help.accept')[0].data, { verb: 'help.accept', t: 'tk-7f3a9c', seq: 2 });
        assert.equal(byVerb(card, 'help.accept')[0].style, 'positive');
        assert.deepEqual(byVerb(card, 'help.decline')[0].data, { verb: 'help.decline', t: 'tk-7f3a9c', seq: 2 });
        const reason = inputs(card).get('reason');
        assert.ok(reason?.label);
        assert.notEqual(reason?.isRequired, true);

        const intake = coachOfferCard(
          {
            ticket: ticket('offered', { kind: 'intake' }),
            topicName: 'Veilig werken',
            requesterName: 'Jan de Vries',
            reasons: [],
            minutesToAnswer: 1,
          },
          locale,
        );
        check(intake, `offer intake ${locale}`);
      });

      it('coach assigned: resolve form, give back without inputs, chat link only when known', () => {
        for (const chatUrl of [CHAT_URL, null]) {
          const card = coachAssignedCard(
            {
              ticket: ticket('accepted'),
              topicName: 'HR-apps (loonstrook, verlof)',
              requesterName: 'Jan de Vries',
              chatUrl,
            },
            locale,
          );
          const text = check(card, `assigned ${locale}`);
          assert.match(text, /Jan de Vries/);
          assert.match(text, /loonstrook in de app/);
          assert.equal(openUrls(card).length, chatUrl ? 1 : 0);
          const ins = inputs(card);
          assert.deepEqual(
            (ins.get('outcome')?.choices as Array<{ value: string }>).map((c) => c.value),
            ['solved', 'service-desk', 'training'],
          );
          assert.equal(ins.get('outcome')?.isRequired, true);
          assert.equal(ins.get('minutes')?.type, 'Input.Number');
          assert.equal(ins.get('minutes')?.min, 1);
          assert.equal(ins.get('minutes')?.max, 480);
          assert.equal(ins.get('minutes')?.isRequired, true);
          assert.deepEqual(byVerb(card, 'help.resolve')[0].data, { verb: 'help.resolve', t: 'tk-7f3a9c' });
          const giveBack = byVerb(card, 'help.giveBack')[0];
          assert.deepEqual(giveBack.data, { verb: 'help.giveBack', t: 'tk-7f3a9c' });
          assert.equal(giveBack.associatedInputs, 'none');
          assert.equal((giveBack.fallback as Element).associatedInputs, 'none');
        }
      });

      it('offer closed: one line for every reason, the question, "my tickets", and a how-to from a resolved one', () => {
        const lines = new Set<string>();
        for (const why of WHYS) {
          const card = coachOfferClosedCard(
            {
              ticket: ticket(why === 'resolved' ? 'resolved' : 'searching'),
              topicName: 'HR-apps (loonstrook, verlof)',
              why,
            },
            locale,
          );
          const text = check(card, `closed ${why} ${locale}`);
          assert.match(text, /loonstrook in de app/);
          const draft = why === 'resolved' ? ['knowledge.draft'] : [];
          assert.deepEqual(cardVerbs(card), [...draft, 'help.tickets']);
          lines.add(text.split('\n')[1]);
        }
        assert.equal(lines.size, WHYS.length, 'a different line for every reason');
      });

      it('escalation: coaches may pick it up, the coordinator gets advice and no button', () => {
        const coach = escalationCard(
          { ticket: ticket('escalated'), topicName: 'HR-apps (loonstrook, verlof)', offers: 3, forCoach: true },
          locale,
        );
        const coachText = check(coach, `escalation coach ${locale}`);
        assert.match(coachText, /3/);
        assert.match(coachText, /Jan de Vries/);
        assert.match(coachText, /loonstrook in de app/);
        assert.deepEqual(byVerb(coach, 'help.accept')[0].data, { verb: 'help.accept', t: 'tk-7f3a9c', pool: true });

        const coordinator = escalationCard(
          { ticket: ticket('escalated'), topicName: 'HR-apps (loonstrook, verlof)', offers: 3, forCoach: false },
          locale,
        );
        const coordText = check(coordinator, `escalation coordinator ${locale}`);
        assert.match(coordText, /Jan de Vries/);
        assert.match(coordText, locale === 'nl' ? /beschikbaar/ : /available/);
        assert.deepEqual(cardVerbs(coordinator), []);

        for (const offers of [0, 1])
          check(
            escalationCard({ ticket: ticket('escalated'), topicName: 'x', offers, forCoach: true }, locale),
            `escalation ${offers} ${locale}`,
          );
      });

      it('rating: five required choices and an optional comment', () => {
        const card = ratingCard(
          { ticket: ticket('resolved'), coachName: 'Fenna Bakker', topicName: 'HR-apps (loonstrook, verlof)' },
          locale,
        );
        const text = check(card, `rating ${locale}`);
        assert.match(text, /Fenna Bakker/);
        const ins = inputs(card);
        assert.deepEqual(
          (ins.get('rating')?.choices as Array<{ value: string }>).map((c) => c.value),
          ['5', '4', '3', '2', '1'],
        );
        assert.equal(ins.get('rating')?.isRequired, true);
        assert.equal(ins.get('rating')?.style, 'expanded');
        assert.equal(ins.get('comment')?.maxLength, 300);
        assert.notEqual(ins.get('comment')?.isRequired, true);
        assert.deepEqual(byVerb(card, 'help.rate')[0].data, { verb: 'help.rate', t: 'tk-7f3a9c' });
      });

      it('my tickets: empty, 20 tickets each side, with and without coach figures', () => {
        const empty = myTicketsCard({ asRequester: [], asCoach: [], coachStats: null }, locale);
        const emptyText = check(empty, `tickets empty ${locale}`);
        assert.doesNotMatch(emptyText, locale === 'nl' ? /Vragen waarbij ik help/ : /Questions I help with/);
        assert.deepEqual(cardVerbs(empty), ['help.start']);

        const emptyCoach = myTicketsCard(
          {
            asRequester: [],
            asCoach: [],
            coachStats: {
              ...STATS,
              handled: 0,
              medianMinutesToAccept: null,
              medianMinutesToResolve: null,
              averageRating: null,
              ratings: 0,
              available: false,
            },
          },
          locale,
        );
        const emptyCoachText = check(emptyCoach, `tickets empty coach ${locale}`);
        assert.match(emptyCoachText, locale === 'nl' ? /Vragen waarbij ik help/ : /Questions I help with/);
        assert.match(emptyCoachText, locale === 'nl' ? /Typ \*\*beschikbaar\*\*/ : /Type \*\*available\*\*/);
        // Ratings are "beoordelingen" everywhere, never "cijfers" (which reads as the figures on the dashboards).
        assert.match(emptyCoachText, locale === 'nl' ? /Nog geen beoordelingen/ : /No ratings/);
        assert.doesNotMatch(emptyCoachText, /cijfers gekregen/);

        const asRequester = Array.from({ length: 20 }, (_, i) => summary(i, 'requester'));
        const asCoach = Array.from({ length: 20 }, (_, i) => summary(i, 'coach'));
        for (const coachStats of [STATS, null]) {
          const full = myTicketsCard({ asRequester, asCoach: coachStats ? asCoach : [], coachStats }, locale);
          const text = check(full, `tickets 20 ${coachStats ? 'coach' : 'employee'} ${locale}`);
          assert.ok(Buffer.byteLength(JSON.stringify(full)) < 28 * 1024);
          assert.ok(text.includes('…'), 'long questions are cut');
          assert.ok(!text.includes('altijd bij me heb, ook buiten?'), 'no full long question');
          assert.match(
            text,
            locale === 'nl' ? /aangenomen na 4 min · afgerond na/ : /taken after 4 min · resolved after/,
          );
          // The coach sees the minutes they entered, not only the clock time; the requester does not.
          if (coachStats)
            assert.match(text, locale === 'nl' ? /afgerond na \S+ min · jouw tijd: 7 min/ : /your time: 7 min/);
          else assert.doesNotMatch(text, /jouw tijd|your time/);
          if (coachStats) {
            assert.match(text, /1 (van|of) 3 open · 2 (van|of) 3/);
            assert.match(text, locale === 'nl' ? /4,5 van 5 \(8 keer beoordeeld\)/ : /4\.5 out of 5 \(rated 8 times\)/);
            assert.match(text, /Collega 3/);
          }
          // An offered ticket (index 1) never names a coach on the requester's side.
          assert.doesNotMatch(text, /Digicoach 1\b/);
        }
        const many = myTicketsCard(
          { asRequester: Array.from({ length: 25 }, (_, i) => summary(i, 'requester')), asCoach: [], coachStats: null },
          locale,
        );
        assert.match(
          check(many, `tickets 25 ${locale}`),
          locale === 'nl' ? /En nog 5 oudere vragen\./ : /And 5 older questions\./,
        );
        const oneMore = myTicketsCard(
          { asRequester: Array.from({ length: 21 }, (_, i) => summary(i, 'requester')), asCoach: [], coachStats: null },
          locale,
        );
        assert.match(
          check(oneMore, `tickets 21 ${locale}`),
          locale === 'nl' ? /En nog 1 oudere vraag\./ : /And 1 older question\./,
        );
        const once = myTicketsCard(
          { asRequester: [], asCoach: [], coachStats: { ...STATS, handled: 1, averageRating: 5, ratings: 1 } },
          locale,
        );
        const onceText = check(once, `tickets coach once ${locale}`);
        assert.match(onceText, locale === 'nl' ? /Geholpen: 1 vraag\b/ : /Helped: 1 question\b/);
        assert.match(onceText, locale === 'nl' ? /5 van 5 \(1 keer beoordeeld\)/ : /5 out of 5 \(rated once\)/);
      });

      it('registration: new coach with defaults, existing coach with their values', () => {
        const locations = [
          { id: 'loc-zuidhorn', name: 'Zuidhorn' },
          { id: 'loc-leek', name: 'Leek' },
        ];
        const departments = [
          { id: 'dep-buitendienst', name: 'Buitendienst' },
          { id: 'dep-publiekszaken', name: 'Publiekszaken' },
        ];
        const fresh = coachRegistrationCard(
          { domains: DOMAINS, locations, departments, current: null, departmentKnown: false },
          locale,
        );
        check(fresh, `register new ${locale}`);
        const ins = inputs(fresh);
        assert.deepEqual(
          [...ins.keys()],
          [
            'domains',
            'locationId',
            'departmentId',
            'maxOpenTickets',
            'weeklyCapacity',
            'days',
            'start',
            'end',
            'takesIntakes',
          ],
        );
        assert.equal(ins.get('domains')?.isMultiSelect, true);
        assert.equal(ins.get('domains')?.isRequired, true);
        assert.equal(ins.get('maxOpenTickets')?.value, 3);
        assert.equal(ins.get('maxOpenTickets')?.max, 10);
        assert.equal(ins.get('weeklyCapacity')?.value, 3);
        assert.equal(ins.get('weeklyCapacity')?.max, 20);
        assert.equal(ins.get('days')?.value, '1,2,3,4,5');
        assert.equal(ins.get('start')?.value, '08:00');
        assert.equal(ins.get('end')?.value, '16:30');
        assert.equal(ins.get('takesIntakes')?.valueOn, 'true');
        // No blank list: the lists say what to choose.
        assert.match(
          String(ins.get('locationId')?.placeholder),
          locale === 'nl' ? /Kies een locatie/ : /Choose a location/,
        );
        assert.match(
          String(ins.get('departmentId')?.placeholder),
          locale === 'nl' ? /Kies een afdeling/ : /Choose a department/,
        );
        assert.equal(
          ins.get('locationId')?.value,
          undefined,
          'no location chosen for someone the directory places nowhere',
        );
        const placed = coachRegistrationCard(
          { domains: DOMAINS, locations, departments, current: null, departmentKnown: true, ownLocationId: 'loc-leek' },
          locale,
        );
        assert.equal(inputs(placed).get('locationId')?.value, 'loc-leek', 'the directory’s location, chosen already');
        assert.equal(ins.get('takesIntakes')?.valueOff, 'false');
        assert.deepEqual(byVerb(fresh, 'help.register')[0].data, { verb: 'help.register' });

        const existing = coachRegistrationCard(
          {
            domains: DOMAINS,
            locations,
            departments,
            current: {
              domains: ['safety', 'hr-apps'],
              locationId: 'loc-leek',
              departmentId: 'dep-buitendienst',
              maxOpenTickets: 2,
              weeklyCapacity: 5,
              workingHours: { days: [1, 2, 4], start: '07:30', end: '15:00', timeZone: 'Europe/Amsterdam' },
              takesIntakes: true,
            },
            departmentKnown: true,
          },
          locale,
        );
        check(existing, `register existing ${locale}`);
        const ex = inputs(existing);
        assert.equal(ex.has('departmentId'), false, 'no department question when the directory knows it');
        assert.equal(ex.get('domains')?.value, 'safety,hr-apps');
        assert.equal(ex.get('locationId')?.value, 'loc-leek');
        assert.equal(ex.get('maxOpenTickets')?.value, 2);
        assert.equal(ex.get('weeklyCapacity')?.value, 5);
        assert.equal(ex.get('days')?.value, '1,2,4');
        assert.equal(ex.get('start')?.value, '07:30');
        assert.equal(ex.get('end')?.value, '15:00');
        assert.equal(ex.get('takesIntakes')?.value, 'true');
      });
    });
  }

  it('explain why a coach was chosen in plain words, leaving internal codes out', () => {
    assert.equal(
      whyYouLine(['nearest:department', 'skill:none', 'available-now'], 'nl'),
      'Waarom jij? Je werkt op dezelfde afdeling.',
    );
    assert.equal(
      whyYouLine(['same-coach-as-before', 'nearest:location', 'skill:topic'], 'en'),
      'Why you? You helped with this question before and you know this topic.',
    );
    assert.equal(whyYouLine(['available-now', 'load:1/3 open, 0/3 this week'], 'nl'), null);
  });

  it('cut long questions and read durations', () => {
    assert.equal(truncate('kort', 80), 'kort');
    const cut = truncate('a '.repeat(100), 80);
    assert.ok(cut.length <= 80 && cut.endsWith('…'));
    assert.equal(formatDuration(0.4, 'nl'), 'minder dan 1 min');
    assert.equal(formatDuration(12, 'nl'), '12 min');
    assert.equal(formatDuration(125, 'en'), '2 h 5 min');
    assert.equal(formatDuration(3 * 24 * 60, 'nl'), '3 dagen');
  });
});

describe('the coordinator digest card', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`gathers waiting questions on one valid card (${locale})`, () => {
      const latest = Array.from({ length: 8 }, (_, i) => ({
        topicName: 'Veiligheid',
        question: `Vraag ${i} `.repeat(20),
        requesterName: `Collega ${i}`,
      }));
      const card = coordinatorDigestCard({ count: 8, since: new Date('2026-11-24T08:30:00Z'), latest }, locale);
      assertValidCard(card, `digest ${locale}`);
      const text = cardText(card);
      assert.match(text, /8 (vragen wachten|questions are waiting)/);
      assert.match(text, /09:30/);
      assert.equal((text.match(/^- /gm) ?? []).length, 5, 'the five newest');
    });
  }
});
