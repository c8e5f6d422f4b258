import assert from 'node:assert/strict';
import type { EventView } from '../../../bot/domain/events/event-service';
import { eventNoticeCard, eventsCard } from '../../../bot/cards/events/events-card';
import { assertValidCard, cardText, cardVerbs } from '../../helpers/cards';

const base: EventView = {
  eventId: '3f1c2a52-9d1e-4b7a-8c2f-5e4d3b2a1c01',
  kind: 'workshop',
  title: 'Samenwerken in [Teams](https://evil.test)',
  description: '',
  date: '2027-01-01',
  start: '09:30',
  end: '11:00',
  timeZone: 'Europe/Amsterdam',
  place: 'Gemeentehuis',
  onlineUrl: 'https://teams.test/meet/1',
  capacity: 10,
  moduleId: 'mod-1',
  status: 'scheduled',
  confirmed: 10,
  waiting: 2,
  spotsLeft: 0,
  mine: null,
  waitingPosition: null,
  started: false,
  canManage: false,
  version: '0',
};

describe('event cards', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`lists events with the right button per state, valid Adaptive Card 1.5 (${locale})`, () => {
      const full = eventsCard({ events: [base] }, locale);
      assertValidCard(full, 'full event');
      assert.ok(cardVerbs(full).includes('event.signUp'));
      assert.match(cardText(full), locale === 'nl' ? /wachtlijst/ : /waiting list/);
      assert.match(cardText(full), /\\\[Teams\\\]/, 'a title is never a link: its brackets are escaped');
      const mine = eventsCard({ events: [{ ...base, mine: 'confirmed' }] }, locale);
      assertValidCard(mine, 'signed up');
      assert.ok(cardVerbs(mine).includes('event.cancel'));
      assert.ok(JSON.stringify(mine).includes('Action.OpenUrl'), 'the online link once signed up');
      const empty = eventsCard({ events: [] }, locale);
      assertValidCard(empty, 'no events');
      const waiting = eventsCard(
        { events: [{ ...base, mine: 'waiting', waitingPosition: 2 }], module: { id: 'mod-1', title: 'Teams' } },
        locale,
      );
      assertValidCard(waiting, 'waiting');
      assert.match(cardText(waiting), /2/);
    });

    it(`builds the promotion, reminder and cancellation notices (${locale})`, () => {
      for (const kind of ['promoted', 'reminder', 'cancelled'] as const) {
        const card = eventNoticeCard(kind, { ...base, mine: 'confirmed', spotsLeft: 0 }, locale);
        assertValidCard(card, kind);
        assert.equal(cardVerbs(card).includes('event.cancel'), kind !== 'cancelled');
      }
      assert.match(cardText(eventNoticeCard('reminder', base, 'nl')), /1 jan/);
    });
  }
});
