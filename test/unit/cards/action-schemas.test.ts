import assert from 'node:assert/strict';
import { action } from '../../../bot/cards/card';
import { ACTIONS, parseAction, VERBS } from '../../../bot/cards/verbs';

describe('the card action schemas', () => {
  it('turn the short wire names of a scan answer into named fields', () => {
    const tap = { verb: 'scan.answer', s: 'session-1', i: 'dig-01', n: 3, cv: 'v2026-1', v: 2 };
    assert.deepEqual(parseAction('scan.answer', tap), {
      sessionId: 'session-1',
      itemId: 'dig-01',
      position: 3,
      contentVersion: 'v2026-1',
      value: '2',
    });
  });

  it("take Teams' input values as it sends them: numbers and toggles as text, a multi-select as a list", () => {
    assert.deepEqual(parseAction('help.resolve', { t: 'ticket-1', outcome: 'solved', minutes: ' 25 ' }), {
      ticketId: 'ticket-1',
      outcome: 'solved',
      minutes: 25,
    });
    assert.deepEqual(
      parseAction('help.register', {
        domains: 'communication, devices',
        days: '1,2,5',
        maxOpenTickets: '2',
        weeklyCapacity: 4,
        start: '08:30',
        end: '16:00',
        locationId: '',
        takesIntakes: 'true',
      }),
      {
        settings: {
          domains: ['communication', 'devices'],
          days: [1, 2, 5],
          maxOpenTickets: 2,
          weeklyCapacity: 4,
          start: '08:30',
          end: '16:00',
          takesIntakes: true,
        },
      },
    );
  });

  it('tell the "word digicoach" button (no fields: the form) from the form itself', () => {
    assert.deepEqual(parseAction('help.register', { verb: 'help.register' }), { settings: null });
    assert.equal(parseAction('help.register', { domains: 'communication' }), null);
  });

  it("tell an offered coach's accept from a pick-up out of the pool, and refuse neither", () => {
    assert.deepEqual(parseAction('help.accept', { t: 'ticket-1', seq: 2, reason: '' }), {
      ticketId: 'ticket-1',
      fromPool: false,
      seq: 2,
    });
    assert.deepEqual(parseAction('help.accept', { t: 'ticket-1', pool: true }), {
      ticketId: 'ticket-1',
      fromPool: true,
    });
    assert.equal(parseAction('help.accept', { t: 'ticket-1' }), null);
  });

  it('refuse data that is not an object, names another verb, or carries a field the card never sends', () => {
    assert.equal(parseAction('help.cancel', [{ t: 'ticket-1' }]), null);
    assert.equal(parseAction('help.cancel', 'ticket-1'), null);
    assert.equal(parseAction('help.cancel', { verb: 'help.reopen', t: 'ticket-1' }), null);
    assert.equal(parseAction('help.cancel', { t: 'ticket-1', ticketId: 'ticket-2' }), null);
    assert.deepEqual(parseAction('menu', undefined), {});
  });

  it('accept every button the builders make, with the data they put on it', () => {
    const buttons = [
      action('Annuleer', 'help.cancel', { t: 'ticket-1' }),
      action('Aannemen', 'help.accept', { t: 'ticket-1', seq: 1 }),
      action('Oppakken', 'help.accept', { t: 'ticket-1', pool: true }),
      action('Afgerond', 'module.mark', { module: 'mod-1', state: 'finished' }),
      action('Verwijder', 'privacy.confirmDelete', { confirm: 'yes' }, 'destructive'),
      action('Menu', 'menu'),
    ];
    for (const b of buttons) {
      const data = b.data as { verb: (typeof VERBS)[number] };
      assert.notEqual(parseAction(data.verb, data), null, JSON.stringify(data));
      assert.deepEqual(
        (b.fallback as { data: unknown }).data,
        data,
        'the Action.Submit fallback carries the same data',
      );
    }
  });

  it('make a wrong verb or field on a button a compile error', () => {
    // Each line below must fail to type-check (`tsc` checks the tests); at run time they only build JSON.
    // @ts-expect-error: not a verb
    action('x', 'help.cancle', {});
    // @ts-expect-error: the ticket travels as `t`
    action('x', 'help.cancel', { ticketId: 'ticket-1' });
    // @ts-expect-error: the verb needs its data
    action('x', 'help.cancel');
    // @ts-expect-error: a verb without data takes none
    action('x', 'scan.start', { s: 'session-1' });
    assert.equal(Object.keys(ACTIONS).length, VERBS.length);
  });
});
