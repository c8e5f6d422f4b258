import assert from 'node:assert/strict';
import type { Coach, Ticket } from '../../../../bot/domain/help/help-types';
import { chooseCoach } from '../../../../bot/domain/help/routing';
import { isoWeek, withinWorkingHours } from '../../../../bot/domain/help/working-hours';

// A Tuesday at 10:00 in Amsterdam.
const NOW = new Date('2026-11-24T09:00:00Z');

function coach(id: string, extra: Partial<Coach> = {}): Coach {
  return {
    tenantId: 't',
    userId: id,
    name: id,
    domains: ['safety'],
    maxOpenTickets: 3,
    weeklyCapacity: 3,
    workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:30', timeZone: 'Europe/Amsterdam' },
    takesIntakes: true,
    available: true,
    teamId: 'team-x',
    departmentId: 'dep-x',
    locationId: 'loc-x',
    openTickets: 0,
    pendingOffers: 0,
    weekKey: isoWeek(NOW),
    weekCount: 0,
    lastOfferedAt: null,
    registeredAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const ticket = (extra: Partial<Ticket> = {}): Pick<Ticket, 'requester' | 'topic' | 'passedBy' | 'kind'> => ({
  requester: {
    userId: 'req',
    name: 'Requester',
    teamId: 'team-a',
    departmentId: 'dep-a',
    locationId: 'loc-a',
    locale: 'nl-NL',
  },
  topic: 'safety',
  passedBy: [],
  kind: 'help',
  ...extra,
});

const pick = (coaches: Coach[], t = ticket(), extra = {}) =>
  chooseCoach({ ticket: t, coaches, now: NOW, ...extra })?.coach.userId ?? null;

describe('choosing the nearest digicoach', () => {
  it('prefers the same team, then department, then location, then the organisation', () => {
    const org = coach('org');
    const loc = coach('loc', { locationId: 'loc-a' });
    const dep = coach('dep', { departmentId: 'dep-a' });
    const team = coach('team', { teamId: 'team-a' });
    assert.equal(pick([org, loc, dep, team]), 'team');
    assert.equal(pick([org, loc, dep]), 'dep');
    assert.equal(pick([org, loc]), 'loc');
    assert.equal(pick([org]), 'org');
  });

  it('prefers a coach who knows the topic among equally near coaches', () => {
    assert.equal(pick([coach('a', { domains: ['devices'] }), coach('b', { domains: ['safety'] })]), 'b');
  });

  it('never offers the requester their own question', () => {
    assert.equal(pick([coach('req', { teamId: 'team-a' })]), null);
  });

  it('never offers a coach who declined or timed out on this ticket again', () => {
    assert.equal(pick([coach('a'), coach('b')], ticket({ passedBy: ['a'] })), 'b');
  });

  it('skips coaches who switched themselves off, are outside working hours, or shown away in Teams', () => {
    const off = coach('off', { teamId: 'team-a', available: false });
    const weekend = coach('weekend', {
      teamId: 'team-a',
      workingHours: { days: [6, 7], start: '08:00', end: '16:00', timeZone: 'Europe/Amsterdam' },
    });
    const away = coach('away', { teamId: 'team-a' });
    const ok = coach('ok');
    assert.equal(pick([off, weekend, away, ok], ticket(), { presence: new Map([['away', 'away' as const]]) }), 'ok');
  });

  it('skips coaches at their maximum of open tickets (pending offers count too)', () => {
    assert.equal(pick([coach('full', { teamId: 'team-a', openTickets: 2, pendingOffers: 1 }), coach('free')]), 'free');
  });

  it('prefers coaches under their weekly capacity, then the lowest load', () => {
    const busyWeek = coach('busyweek', { weekCount: 3 });
    const loaded = coach('loaded', { openTickets: 2 });
    const idle = coach('idle');
    assert.equal(pick([busyWeek, loaded, idle]), 'idle');
    assert.equal(pick([busyWeek, loaded]), 'loaded');
  });

  it('rotates fairly among equals: the least recently offered first', () => {
    const recent = coach('recent', { lastOfferedAt: '2026-11-24T08:00:00Z' });
    const older = coach('older', { lastOfferedAt: '2026-11-20T08:00:00Z' });
    const never = coach('never');
    assert.equal(pick([recent, older, never]), 'never');
    assert.equal(pick([recent, older]), 'older');
  });

  it('offers a reopened ticket to the same coach first, and explains every choice', () => {
    const choice = chooseCoach({
      ticket: ticket(),
      coaches: [coach('near', { teamId: 'team-a' }), coach('before')],
      now: NOW,
      preferCoachId: 'before',
    });
    assert.equal(choice?.coach.userId, 'before');
    assert.ok(choice?.reasons.includes('same-coach-as-before'));
    const plain = chooseCoach({ ticket: ticket(), coaches: [coach('near', { teamId: 'team-a' })], now: NOW });
    assert.deepEqual(plain?.reasons.slice(0, 3), ['nearest:team', 'skill:topic', 'available-now']);
    assert.equal(plain?.candidates, 1);
  });

  it('sends intakes only to coaches who take intakes', () => {
    assert.equal(
      pick([coach('no', { takesIntakes: false, teamId: 'team-a' }), coach('yes')], ticket({ kind: 'intake' })),
      'yes',
    );
  });

  it('reads working hours in the coach’s own time zone', () => {
    const hours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:30', timeZone: 'Europe/Brussels' };
    assert.equal(withinWorkingHours(hours, new Date('2026-11-24T06:59:00Z')), false); // 07:59 local
    assert.equal(withinWorkingHours(hours, new Date('2026-11-24T07:00:00Z')), true); // 08:00 local
    assert.equal(withinWorkingHours(hours, new Date('2026-11-28T10:00:00Z')), false); // Saturday
  });
});
