import assert from 'node:assert/strict';
import { reminderMoment, slotMoments, stillDayBefore } from '../../../bot/domain/events/event-time';

const AMS = 'Europe/Amsterdam';

describe('event times in the tenant’s zone', () => {
  it('turns a local date and 24-hour times into moments, in winter and in summer time', () => {
    assert.equal(
      slotMoments({ date: '2027-01-12', start: '14:00', end: '16:00' }, AMS)?.startsAt.toISOString(),
      '2027-01-12T13:00:00.000Z',
    );
    assert.equal(
      slotMoments({ date: '2027-06-12', start: '14:00', end: '16:00' }, AMS)?.startsAt.toISOString(),
      '2027-06-12T12:00:00.000Z',
    );
    assert.equal(slotMoments({ date: '2027-02-29', start: '10:00', end: '11:00' }, AMS), null, 'no such day');
    assert.equal(slotMoments({ date: '2027-03-01', start: '11:00', end: '10:00' }, AMS), null, 'ends before it starts');
  });

  it('reminds at 10:00 local on the calendar day before, over month and year ends and both DST changes', () => {
    const cases: Array<[string, string]> = [
      ['2027-01-01T08:00:00Z', '2026-12-31T09:00:00.000Z'], // New Year's Day: 31 December, winter time
      ['2027-03-01T12:00:00Z', '2027-02-28T09:00:00.000Z'], // 1 March: the last day of February
      ['2027-03-29T07:00:00Z', '2027-03-28T08:00:00.000Z'], // the day after summer time starts: 10:00 CEST
      ['2027-03-28T08:00:00Z', '2027-03-27T09:00:00.000Z'], // the day summer time starts: the day before is winter time
      ['2026-10-26T09:00:00Z', '2026-10-25T09:00:00.000Z'], // the day after winter time starts: 10:00 CET
    ];
    for (const [start, due] of cases) assert.equal(reminderMoment(new Date(start), AMS).toISOString(), due, start);
  });

  it('sends no "tomorrow" reminder once the event’s own day has begun locally', () => {
    const start = new Date('2027-01-01T08:00:00Z');
    assert.equal(stillDayBefore(new Date('2026-12-31T22:59:00Z'), start, AMS), true, '23:59 on New Year’s Eve');
    assert.equal(stillDayBefore(new Date('2026-12-31T23:00:00Z'), start, AMS), false, 'midnight in Amsterdam');
  });
});
