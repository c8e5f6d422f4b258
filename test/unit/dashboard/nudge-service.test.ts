import assert from 'node:assert/strict';
import { AppError } from '../../../bot/domain/errors';
import { NudgeService, type NudgeDeps } from '../../../bot/domain/dashboard/nudge-service';
import type { NudgeRepository, TeamNudge } from '../../../bot/domain/dashboard/nudge-ports';
import { FakeClock } from '../../fakes/fake-clock';

const DAY = 24 * 3600 * 1000;
const leader = { tenantId: 'ten', userId: 'lead' };
const team = { id: 'team-1', kind: 'team', name: 'Team 1', leaderId: 'lead' };
const members = [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }];

/** The team's nudge record with an ETag, as the store keeps it. */
class MemoryNudges implements NudgeRepository {
  record: { value: TeamNudge; etag: string } | null = null;
  private n = 0;
  private writes = 0;
  /** Someone else changing the record just before this service's write number `write`. */
  interfere: { write: number; run: () => void } | null = null;

  async getTeamNudge() {
    return this.record && { value: { ...this.record.value }, etag: this.record.etag };
  }
  async saveTeamNudge(nudge: TeamNudge, etag: string | null) {
    this.beforeWrite();
    if ((this.record?.etag ?? null) !== etag) throw new AppError('conflict', 409, 'error.conflict');
    this.record = { value: { ...nudge }, etag: `e${++this.n}` };
    return this.record.etag;
  }
  async deleteTeamNudge(_tenantId: string, _teamId: string, etag: string) {
    this.beforeWrite();
    if (!this.record) return;
    if (this.record.etag !== etag) throw new AppError('conflict', 409, 'error.conflict');
    this.record = null;
  }
  async remindersOff() {
    return false;
  }
  async setRemindersOff() {}
  private beforeWrite() {
    if (this.interfere?.write === ++this.writes) this.interfere.run();
  }
}

function service(
  reachable: Set<string>,
  nudges: MemoryNudges,
  clock: FakeClock,
  done = new Set<string>(),
  cards: Array<{ to: string; done: boolean }> = [],
) {
  const deps: NudgeDeps = {
    directory: {
      getUnit: async () => team,
      teamMembers: async () => members,
      getTenant: async () => null,
    } as unknown as NudgeDeps['directory'],
    messenger: {
      sendCard: async (_t: string, userId: string, card: { done?: boolean }) => {
        cards.push({ to: userId, done: card.done === true });
        return reachable.has(userId) ? `act-${userId}` : null;
      },
      updateCard: async () => true,
    },
    nudges,
    figures: { participation: async () => null },
    clock,
    completion: { hasCompleted: async (_t: string, userId: string) => done.has(userId) },
    card: (_participation, _locale, isDone) => ({ type: 'AdaptiveCard', done: isDone }),
  };
  return new NudgeService(deps);
}

describe('the leader’s team reminder and its 7-day limit', () => {
  it('when nobody was reached, gives the slot back so the leader can try again', async () => {
    const clock = new FakeClock('2026-11-24T09:00:00Z');
    const nudges = new MemoryNudges();
    const out = await service(new Set(), nudges, clock).send(leader, team.id);
    assert.deepEqual([out.sent, out.unreachable, out.slotReturned, out.nextAllowedAt], [0, 3, true, null]);
    assert.equal(nudges.record, null, 'no record: the team was never reminded');
    assert.deepEqual(await service(new Set(), nudges, clock).status(leader, team.id), {
      lastSentAt: null,
      nextAllowedAt: null,
    });
  });

  it('when nobody was reached, puts back the reminder of weeks ago, not a fresh 7 days', async () => {
    const clock = new FakeClock('2026-11-24T09:00:00Z');
    const nudges = new MemoryNudges();
    await service(new Set(['m1']), nudges, clock).send(leader, team.id);
    const earlier = nudges.record!.value;
    clock.advance(10 * DAY);
    const out = await service(new Set(), nudges, clock).send(leader, team.id);
    assert.equal(out.slotReturned, true);
    assert.deepEqual(nudges.record!.value, earlier);
    const again = await service(new Set(['m2']), nudges, clock).send(leader, team.id);
    assert.deepEqual([again.sent, again.slotReturned], [1, false]);
    assert.equal(again.nextAllowedAt, new Date(clock.now().getTime() + 7 * DAY).toISOString());
  });

  it('keeps the slot when at least one colleague was reached', async () => {
    const clock = new FakeClock('2026-11-24T09:00:00Z');
    const nudges = new MemoryNudges();
    const out = await service(new Set(['m3']), nudges, clock).send(leader, team.id);
    assert.deepEqual([out.sent, out.unreachable, out.slotReturned], [1, 2, false]);
    await assert.rejects(
      service(new Set(['m3']), nudges, clock).send(leader, team.id),
      (err: AppError) => err.code === 'nudge_too_soon',
    );
  });

  it('gives nothing back when the record changed meanwhile (its ETag no longer matches)', async () => {
    const clock = new FakeClock('2026-11-24T09:00:00Z');
    const nudges = new MemoryNudges();
    // Between the claim (write 1) and the give-back (write 2), another write lands on the record.
    nudges.interfere = {
      write: 2,
      run: () => void (nudges.record = { value: { ...nudges.record!.value, sentBy: 'someone-else' }, etag: 'other' }),
    };
    const out = await service(new Set(), nudges, clock).send(leader, team.id);
    assert.equal(out.slotReturned, false);
    assert.ok(out.nextAllowedAt, 'the limit stands');
    assert.equal(nudges.record!.value.sentBy, 'someone-else', 'the other write is kept');
  });

  it('sends everyone a message, so the counts do not tell who took part, and thanks who already did', async () => {
    const cards: Array<{ to: string; done: boolean }> = [];
    const out = await service(
      new Set(['m1', 'm2', 'm3']),
      new MemoryNudges(),
      new FakeClock('2026-11-24T09:00:00Z'),
      new Set(['m2']),
      cards,
    ).send(leader, team.id);
    assert.equal(out.sent, 3);
    assert.deepEqual(
      cards.sort((a, b) => a.to.localeCompare(b.to)),
      [
        { to: 'm1', done: false },
        { to: 'm2', done: true },
        { to: 'm3', done: false },
      ],
    );
  });
});
