import assert from 'node:assert/strict';
import type { Coach } from '../../../../bot/domain/help/help-types';
import { countAccepted, loadOf, loadRows, ratioRows } from '../../../../bot/domain/help/coach-load';
import { approvalOnRegister } from '../../../../bot/domain/help/coach-approvals';
import { approversOf, contactsOf, departmentsOfContact } from '../../../../bot/domain/help/contacts';
import type { Tenant } from '../../../../bot/domain/org';
import { isoWeek } from '../../../../bot/domain/help/working-hours';

const NOW = new Date('2026-11-24T09:00:00Z'); // Tuesday of 2026-W48

function coach(over: Partial<Coach> = {}): Coach {
  return {
    tenantId: 't',
    userId: 'c1',
    name: 'Fenna',
    departmentId: 'd1',
    domains: ['communication'],
    maxOpenTickets: 2,
    weeklyCapacity: 3,
    workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00', timeZone: 'Europe/Amsterdam' },
    takesIntakes: false,
    available: true,
    openTickets: 0,
    pendingOffers: 0,
    weekKey: isoWeek(NOW),
    weekCount: 0,
    lastOfferedAt: null,
    registeredAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

const tenant = (settings: Tenant['settings'] = {}): Tenant => ({
  tenantId: 't',
  name: 'Gemeente',
  shortName: 'G',
  country: 'NL',
  defaultLocale: 'nl-NL',
  programmeAdmins: ['admin'],
  coordinatorId: 'coordinator',
  anonymityThreshold: 5,
  settings,
});

describe('the coach network: load, ratio, approval and contact persons', () => {
  it('counts accepted questions per ISO week and moves a finished week into the history', () => {
    const c = coach({ weekKey: '2026-W46', weekCount: 4 });
    countAccepted(c, NOW);
    assert.equal(c.weekKey, '2026-W48');
    assert.equal(c.weekCount, 1);
    assert.deepEqual(c.weekHistory, { '2026-W46': 4 });
    countAccepted(c, NOW);
    assert.equal(c.weekCount, 2);
  });

  it('keeps at most eight weeks of history', () => {
    const history = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`2026-W3${i}`, 1]));
    const c = coach({ weekKey: '2026-W47', weekCount: 2, weekHistory: history });
    countAccepted(c, NOW);
    assert.equal(Object.keys(c.weekHistory!).length, 8);
    assert.equal(c.weekHistory!['2026-W47'], 2);
    assert.equal(c.weekHistory!['2026-W30'], undefined, 'the oldest goes');
  });

  it('averages the four weeks before this one against the 1–3 norm and flags a coach at or above capacity', () => {
    const busy = loadOf(
      coach({
        weekCount: 4,
        weekHistory: { '2026-W47': 5, '2026-W46': 4, '2026-W45': 4, '2026-W44': 3, '2026-W40': 9 },
      }),
      NOW,
    );
    assert.equal(busy.thisWeek, 4);
    assert.equal(busy.averagePerWeek, 4);
    assert.equal(busy.norm, 'above');
    assert.equal(busy.aboveCapacity, true);
    const quiet = loadOf(coach({ weekKey: '2026-W47', weekCount: 2 }), NOW);
    assert.equal(quiet.thisWeek, 0, 'a count of last week is not this week’s');
    assert.equal(quiet.averagePerWeek, 0.5, 'but it counts in the average');
    assert.equal(quiet.norm, 'below');
    assert.equal(loadOf(coach({ weekCount: 3 }), NOW).atCapacity, true);
  });

  it('leaves coaches out of the load view until they are approved', () => {
    const rows = loadRows(
      [
        coach({ userId: 'a', name: 'A' }),
        coach({ userId: 'p', name: 'P', approval: { state: 'pending', since: '2026-11-23T00:00:00Z' } }),
        coach({ userId: 'r', name: 'R', approval: { state: 'rejected', by: 'x', at: '2026-11-23T00:00:00Z' } }),
      ],
      NOW,
    );
    assert.deepEqual(
      rows.map((r) => r.userId),
      ['a'],
    );
  });

  it('shows a department’s ratio only where its size is published, and what the target asks', () => {
    const rows = ratioRows(
      [
        { id: 'd1', name: 'Groot' },
        { id: 'd2', name: 'Klein' },
        { id: 'd3', name: 'Zonder coach' },
      ],
      [coach({ userId: 'a' }), coach({ userId: 'b' }), coach({ userId: 'c', departmentId: 'd2' })],
      new Map([
        ['d1', 42],
        ['d3', 20],
      ]),
      14,
    );
    assert.deepEqual(rows[0], {
      departmentId: 'd1',
      name: 'Groot',
      coaches: 2,
      employeesPerCoach: 21,
      coachesNeeded: 3,
      belowTarget: true,
    });
    assert.deepEqual(rows[1], {
      departmentId: 'd2',
      name: 'Klein',
      coaches: 1,
      employeesPerCoach: null,
      coachesNeeded: null,
      belowTarget: null,
    });
    assert.equal(rows[2].coaches, 0);
    assert.equal(rows[2].employeesPerCoach, null);
    assert.equal(rows[2].belowTarget, true);
  });

  it('lets a new registration wait only when the tenant asks for approval, and keeps an approved coach approved', () => {
    assert.deepEqual(approvalOnRegister(null, tenant(), NOW), { state: 'pending', since: NOW.toISOString() });
    assert.equal(approvalOnRegister(null, tenant({ coachApproval: false }), NOW), undefined);
    assert.equal(approvalOnRegister(coach(), tenant(), NOW), undefined, 'a coach from before approval existed');
    const pending = { state: 'pending' as const, since: '2026-11-01T00:00:00Z' };
    assert.deepEqual(
      approvalOnRegister(coach({ approval: pending }), tenant(), NOW),
      pending,
      'still waiting since then',
    );
    const rejected = coach({ approval: { state: 'rejected', by: 'x', at: '2026-11-01T00:00:00Z' } });
    assert.equal(approvalOnRegister(rejected, tenant(), NOW)?.state, 'pending', 'registering again asks again');
  });

  it('asks the department’s contact persons to approve, else the coordinator, never the coach themself', () => {
    const t = tenant({ contactPersons: { d1: ['anke', 'c1'], d2: ['anke'] } });
    assert.deepEqual(contactsOf(t, 'd1'), ['anke', 'c1']);
    assert.deepEqual(departmentsOfContact(t, 'anke'), ['d1', 'd2']);
    assert.deepEqual(approversOf(t, 'd1', 'c1'), ['anke']);
    assert.deepEqual(approversOf(t, 'd9', 'c1'), ['coordinator']);
    assert.deepEqual(approversOf(t, undefined, 'coordinator'), []);
  });
});
