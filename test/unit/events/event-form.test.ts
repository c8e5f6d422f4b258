import assert from 'node:assert/strict';
import { emptyEvent, problemsOf } from '../../../tab/src/views/EventForm';

/** The tab's event form says what is wrong per field, in Dutch first, before anything is sent. */
describe("the tab's event form checks", () => {
  const good = { ...emptyEvent(), title: 'Digicafé', date: '2026-12-01', start: '10:00', end: '11:00', place: 'Zaal' };

  it('finds nothing wrong in a complete plan, with a place or only an online link', () => {
    assert.deepEqual(problemsOf('nl', good, 0), {});
    assert.deepEqual(problemsOf('nl', { ...good, place: '', onlineUrl: 'https://teams.test/x' }, 0), {});
  });

  it('names each missing or wrong field in Dutch, and in English for an English reader', () => {
    const p = problemsOf('nl', { ...emptyEvent(), end: '09:00', start: '10:00', onlineUrl: 'http://x.test' }, 0);
    assert.deepEqual(p, {
      title: 'Vul een titel in.',
      date: 'Kies een datum.',
      end: 'De eindtijd moet na de begintijd liggen.',
      onlineUrl: 'Een online link begint met https://.',
    });
    assert.equal(problemsOf('en', { ...good, place: '' }, 0).place, 'Enter a place or an online link.');
  });

  it('keeps at least as many places as colleagues have, in the right singular or plural', () => {
    assert.equal(problemsOf('nl', { ...good, capacity: 0 }, 0).capacity, 'Kies 1 tot 1.000 plaatsen.');
    assert.equal(
      problemsOf('nl', { ...good, capacity: 2 }, 3).capacity,
      'Er hebben al 3 collega’s een plaats. Kies minstens 3 plaatsen.',
    );
    assert.equal(problemsOf('nl', { ...good, capacity: 3 }, 3).capacity, undefined);
  });
});
