import assert from 'node:assert/strict';
import {
  belgianHolidays,
  calendarFor,
  campaignMoment,
  dueCampaign,
  dutchHolidays,
  easterSunday,
  firstWorkingDay,
  monthOf,
  nextCampaign,
  zonedTime,
} from '../../../bot/domain/campaigns/schedule';

const NL = calendarFor('NL');
const BE = calendarFor('BE');

describe('when the monthly reminder campaign goes out', () => {
  it('knows Easter, the anchor of the moving holidays', () => {
    assert.deepEqual(easterSunday(2024), [3, 31]);
    assert.deepEqual(easterSunday(2025), [4, 20]);
    assert.deepEqual(easterSunday(2026), [4, 5]);
    assert.deepEqual(easterSunday(2038), [4, 25]);
  });

  it('is the first Monday to Friday of the month', () => {
    assert.equal(firstWorkingDay(2026, 12, dutchHolidays), 1, 'Tuesday 1 December 2026');
    assert.equal(firstWorkingDay(2026, 2, dutchHolidays), 2, '1 February 2026 is a Sunday');
    assert.equal(firstWorkingDay(2026, 8, dutchHolidays), 3, '1 August 2026 is a Saturday');
  });

  it("skips New Year's Day and the other public holidays", () => {
    assert.equal(firstWorkingDay(2027, 1, dutchHolidays), 4, '1 January 2027 is a Friday and a holiday');
    assert.equal(firstWorkingDay(2026, 1, dutchHolidays), 2, 'Thursday 1 January 2026 is a holiday');
    assert.equal(firstWorkingDay(2024, 4, dutchHolidays), 2, '1 April 2024 was Easter Monday');
    assert.equal(firstWorkingDay(2020, 6, dutchHolidays), 2, '1 June 2020 was Whit Monday');
  });

  it('follows the Belgian calendar for a Belgian tenant', () => {
    assert.equal(firstWorkingDay(2026, 5, dutchHolidays), 1, 'Friday 1 May is a working day in the Netherlands');
    assert.equal(firstWorkingDay(2026, 5, belgianHolidays), 4, 'but Labour Day in Belgium');
    assert.equal(BE.timeZone, 'Europe/Brussels');
  });

  it('is 10:00 in Amsterdam, winter time and summer time alike', () => {
    assert.equal(campaignMoment(2026, 12, NL).toISOString(), '2026-12-01T09:00:00.000Z', 'CET: UTC+1');
    assert.equal(campaignMoment(2026, 10, NL).toISOString(), '2026-10-01T08:00:00.000Z', 'CEST: UTC+2');
    assert.equal(campaignMoment(2026, 4, NL).toISOString(), '2026-04-01T08:00:00.000Z');
    assert.equal(
      campaignMoment(2026, 3, NL).toISOString(),
      '2026-03-02T09:00:00.000Z',
      'Monday 2 March, before the clocks change',
    );
  });

  it('converts a wall-clock time correctly on the days the clocks change', () => {
    assert.equal(zonedTime(2026, 3, 29, '10:00', 'Europe/Amsterdam').toISOString(), '2026-03-29T08:00:00.000Z');
    assert.equal(zonedTime(2026, 10, 25, '10:00', 'Europe/Amsterdam').toISOString(), '2026-10-25T09:00:00.000Z');
    assert.equal(zonedTime(2026, 3, 28, '10:00', 'Europe/Amsterdam').toISOString(), '2026-03-28T09:00:00.000Z');
  });

  it("names the campaign after the tenant's local month, also around midnight", () => {
    assert.equal(monthOf(new Date('2026-11-30T23:30:00Z'), NL), '2026-12', '00:30 on 1 December in Amsterdam');
    assert.equal(monthOf(new Date('2026-11-30T22:30:00Z'), NL), '2026-11');
  });

  it('is due from its moment for a week (a server that was down catches up), not before and not later', () => {
    assert.equal(dueCampaign(new Date('2026-12-01T08:59:59Z'), NL), null);
    assert.deepEqual(dueCampaign(new Date('2026-12-01T09:00:00Z'), NL), {
      month: '2026-12',
      at: new Date('2026-12-01T09:00:00Z'),
    });
    assert.equal(dueCampaign(new Date('2026-12-07T12:00:00Z'), NL)?.month, '2026-12');
    assert.equal(
      dueCampaign(new Date('2026-12-09T12:00:00Z'), NL),
      null,
      'deployed late in the month: wait for the next one',
    );
  });

  it('tells when the next one is', () => {
    assert.deepEqual(nextCampaign(new Date('2026-11-24T09:00:00Z'), NL), {
      month: '2026-12',
      at: new Date('2026-12-01T09:00:00Z'),
    });
    assert.deepEqual(nextCampaign(new Date('2026-12-15T09:00:00Z'), NL), {
      month: '2027-01',
      at: new Date('2027-01-04T09:00:00Z'),
    });
    assert.equal(nextCampaign(new Date('2026-12-01T08:00:00Z'), NL).month, '2026-12');
  });
});
