import assert from 'node:assert/strict';
import type { Locale } from '../../../bot/domain/org';
import type { Ticket } from '../../../bot/domain/help/help-types';
import { myCoachesCard, teamsChatUrl } from '../../../bot/cards/help/my-coaches-card';
import {
  coachApprovalCard,
  coachDecidedCard,
  coachDecisionDoneCard,
} from '../../../bot/cards/help/coach-approval-card';
import { escalationCard } from '../../../bot/cards/help/escalation-card';
import { coachRegistrationCard } from '../../../bot/cards/help/coach-registration-card';
import { parseAction } from '../../../bot/cards/verbs';
import { assertValidCard, cardText, cardVerbs, walk } from '../../helpers/cards';

const LOCALES: Locale[] = ['nl', 'en'];

const coach = (name: string, upn: string | null, available = true) => ({
  name,
  topicNames: ['Communiceren en samenwerken', 'Je telefoon en tablet'],
  available,
  chatUrl: upn ? teamsChatUrl(upn) : null,
});

describe('the coach network cards', () => {
  describe('"wie is mijn digicoach"', () => {
    for (const locale of LOCALES)
      it(`lists the team's and the department's coaches with topics and a chat link (${locale})`, () => {
        const card = myCoachesCard(
          {
            team: [coach('Fenna Bakker', 'fenna.bakker@westerkwartier.example')],
            department: [coach('Joris [de] Vries', null, false)],
            contactNames: ['Anke Smit'],
          },
          locale,
        );
        assertValidCard(card, `my coaches ${locale}`);
        const text = cardText(card);
        assert.match(
          text,
          locale === 'nl'
            ? /Jouw digicoaches.*In je team.*Fenna Bakker.*In je afdeling/s
            : /Your digicoaches.*In your team/s,
        );
        assert.match(text, locale === 'nl' ? /Nu even niet beschikbaar/ : /Not available right now/);
        assert.match(text, /Anke Smit/);
        assert.match(text, /Joris \\\[de\\\] Vries/, 'names are plain text, never Markdown');
        const urls: string[] = [];
        walk(card, (el) => {
          if (el.type === 'Action.OpenUrl') urls.push(String(el.url));
        });
        assert.deepEqual(urls, ['https://teams.microsoft.com/l/chat/0/0?users=fenna.bakker%40westerkwartier.example']);
        assert.deepEqual(cardVerbs(card), ['help.start']);
      });

    for (const locale of LOCALES)
      it(`says what to do when there is no coach nearby (${locale})`, () => {
        const card = myCoachesCard({ team: [], department: [], contactNames: [] }, locale);
        assertValidCard(card, `empty ${locale}`);
        assert.match(
          cardText(card),
          locale === 'nl' ? /Nog geen digicoach.*typ \*\*hulp\*\*/s : /No digicoach.*type \*\*help\*\*/s,
        );
        assert.deepEqual(cardVerbs(card), ['help.start']);
      });

    it('stays small with many coaches: at most six per group', () => {
      const many = Array.from({ length: 20 }, (_, i) => coach(`Coach ${i}`, `c${i}@x.example`));
      const card = myCoachesCard({ team: many, department: many, contactNames: [] }, 'nl');
      assertValidCard(card, 'many');
      let blocks = 0;
      walk(card, (el) => {
        if (el.type === 'Container') blocks++;
      });
      assert.equal(blocks, 12);
      assert.ok(JSON.stringify(card).length < 28_000);
    });
  });

  describe('approval', () => {
    for (const locale of LOCALES)
      it(`asks the approver to approve or reject, with buttons that parse back (${locale})`, () => {
        const card = coachApprovalCard(
          {
            userId: 'u-fenna',
            name: 'Fenna *Bakker*',
            departmentName: 'Openbare ruimte',
            topicNames: ['Veilig werken'],
          },
          locale,
        );
        assertValidCard(card, `approval ${locale}`);
        assert.deepEqual(cardVerbs(card), ['coach.decide', 'coach.decide']);
        assert.match(cardText(card), /Fenna \\\*Bakker\\\*/);
        const data: Array<Record<string, unknown>> = [];
        walk(card, (el) => {
          if (el.type === 'Action.Execute') data.push(el.data as Record<string, unknown>);
        });
        assert.deepEqual(
          data.map((d) => parseAction('coach.decide', d)),
          [
            { userId: 'u-fenna', approve: true },
            { userId: 'u-fenna', approve: false },
          ],
        );
      });

    for (const locale of LOCALES)
      it(`tells the coach and the approver the outcome (${locale})`, () => {
        for (const approved of [true, false]) {
          assertValidCard(coachDecidedCard({ approved }, locale), 'decided');
          assertValidCard(coachDecisionDoneCard({ name: 'Fenna', approved }, locale), 'done');
        }
        assert.match(cardText(coachDecidedCard({ approved: true }, 'nl')), /Je bent digicoach/);
        assert.match(cardText(coachDecidedCard({ approved: false }, 'en')), /not approved/);
      });
  });

  it('shows a waiting registration as waiting, not as "already a digicoach"', () => {
    const current = {
      domains: ['communication'],
      maxOpenTickets: 2,
      weeklyCapacity: 3,
      workingHours: { days: [1, 2], start: '08:00', end: '17:00', timeZone: 'Europe/Amsterdam' },
      takesIntakes: false,
    };
    const form = (approval?: { state: 'pending'; since: string }) =>
      coachRegistrationCard(
        {
          domains: [{ id: 'communication', name: 'Communiceren' }],
          locations: [],
          departments: [],
          current: { ...current, ...(approval ? { approval } : {}) },
          departmentKnown: true,
        },
        'nl',
      );
    const waiting = form({ state: 'pending', since: '2026-11-24T09:00:00Z' });
    assertValidCard(waiting, 'waiting');
    assert.match(cardText(waiting), /wacht op goedkeuring/);
    assert.doesNotMatch(cardText(waiting), /Je bent al digicoach/);
    assert.match(cardText(form()), /Je bent al digicoach/);
  });

  it('gives a contact person the escalation without a pick-up button and with their own advice', () => {
    const ticket = {
      ticketId: 'tk-1',
      tenantId: 't',
      kind: 'help',
      requester: { userId: 'u-jan', name: 'Jan', locale: 'nl-NL' },
      topic: 'communication',
      question: 'Hoe deel ik mijn scherm?',
      urgency: 'today',
      channel: 'chat',
      where: 'Stadhuis',
      state: 'escalated',
      offer: null,
      offerCount: 3,
      passedBy: [],
      coachId: null,
      coachName: null,
      events: [],
      createdAt: '2026-11-24T09:00:00Z',
      updatedAt: '2026-11-24T09:30:00Z',
    } satisfies Ticket;
    for (const locale of LOCALES) {
      const card = escalationCard(
        { ticket, topicName: 'Communiceren', offers: 3, forCoach: false, forContact: true },
        locale,
      );
      assertValidCard(card, `contact escalation ${locale}`);
      assert.deepEqual(cardVerbs(card), []);
      assert.match(
        cardText(card),
        locale === 'nl' ? /Een vraag uit je afdeling wacht.*aanspreekpunt/s : /from your department.*contact person/s,
      );
    }
  });
});
