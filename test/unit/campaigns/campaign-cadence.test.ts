import assert from 'node:assert/strict';
import { createLogger } from '../../../bot/logger';
import { type CadenceTimers, CampaignCadence } from '../../../bot/domain/campaigns/campaign-cadence';
import type { Campaign, Recipient } from '../../../bot/domain/campaigns/campaign-ports';
import { CampaignService } from '../../../bot/domain/campaigns/campaign-service';
import { CampaignWorker } from '../../../bot/domain/campaigns/campaign-worker';
import type { OrgUnit, Person, Tenant } from '../../../bot/domain/org';
import type { Directory } from '../../../bot/domain/ports';
import { FakeClock } from '../../fakes/fake-clock';
import { MemoryCampaignRepository, MemoryCompletion, MemoryLedger } from '../../fakes/memory-campaigns';

const T = 'tenant-1';
const log = createLogger('silent');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Timers on the fake clock: `run` fires them in time order, waiting for each step of the cadence to end. */
class HandTimers implements CadenceTimers {
  private pending: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  constructor(private readonly clock: FakeClock) {}

  after(ms: number, run: () => void) {
    const t = { at: this.clock.now().getTime() + ms, run, cancelled: false };
    this.pending.push(t);
    return { cancel: () => void (t.cancelled = true) };
  }

  async run(forMs: number, cadences: CampaignCadence[]): Promise<void> {
    const end = this.clock.now().getTime() + forMs;
    for (;;) {
      this.pending = this.pending.filter((t) => !t.cancelled).sort((a, b) => a.at - b.at);
      const next = this.pending[0];
      if (!next || next.at >= end) break;
      this.pending.shift();
      this.clock.advance(Math.max(0, next.at - this.clock.now().getTime()));
      next.run();
      for (const c of cadences) await c.idle();
    }
    this.clock.advance(end - this.clock.now().getTime());
  }
}

/** The memory store, counting what each repository method was asked. */
function countingRepo() {
  const repo = new MemoryCampaignRepository();
  repo.tenants = [T];
  const calls: Record<string, number> = {};
  for (const name of [
    'tenantIds',
    'getCampaign',
    'createCampaign',
    'replaceCampaign',
    'claimable',
    'getRecipient',
    'replaceRecipient',
    'countByStatus',
    'addRecipient',
  ] as const) {
    const original = (repo[name] as (...a: unknown[]) => unknown).bind(repo);
    (repo as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => (
      (calls[name] = (calls[name] ?? 0) + 1),
      original(...args)
    );
  }
  const count = (name: string) => calls[name] ?? 0;
  return { repo, count };
}

const people: Person[] = ['ann', 'bob', 'cas', 'leader'].map((id) => ({ tenantId: T, id, name: id, teamId: 'team-a' }));
const team: OrgUnit = { tenantId: T, id: 'team-a', kind: 'team', name: 'Team A', leaderId: 'leader' };
const tenant: Tenant = {
  tenantId: T,
  name: 'Gemeente Test',
  shortName: 'Test',
  country: 'NL',
  defaultLocale: 'nl-NL',
  programmeAdmins: ['admin'],
  anonymityThreshold: 5,
};
const directory: Directory = {
  getTenant: async () => tenant,
  getPerson: async (_t, id) => people.find((p) => p.id === id) ?? null,
  getUnit: async (_t, id) => (id === team.id ? team : null),
  directReports: async () => [],
  teamMembers: async () => people,
  teamsLedBy: async (_t, id) => (id === team.leaderId ? [team] : []),
  listPeople: async () => people,
  listUnits: async (_t, kind) => (kind === 'team' ? [team] : []),
};

/** One server instance: scheduler, worker and cadence on the shared store. */
function instance(
  owner: string,
  shared: { repo: MemoryCampaignRepository; clock: FakeClock; timers: HandTimers; sent: string[] },
) {
  const { repo, clock, timers, sent } = shared;
  const completion = new MemoryCompletion();

  const service = new CampaignService({
    repo,
    directory,
    completion,
    clock,
    log,
    owner,
    onStarted: (c) => cadence.notice([c]),
  });
  const worker = new CampaignWorker({
    repo,
    ledger: new MemoryLedger(),
    completion,
    reminders: { remindersOff: async () => false },
    directory,
    figures: { participation: async () => null },
    delivery: { deliver: async (_t, userId) => (sent.push(userId), { status: 'sent', activityId: null }) },
    slots: { take: async () => 0, missed: () => false },
    cards: { reminder: () => ({}), leader: () => ({}) },
    clock,
    log,
    threshold: () => 5,
    owner,
    afterDrain: async (cs) => void (await Promise.all(cs.map((c) => service.finalize(c.tenantId, c.campaignId)))),
  });
  const cadence: CampaignCadence = new CampaignCadence({
    clock,
    log,
    check: () => service.tick(),
    drain: () => worker.drain(),
    finalize: (t, c) => service.finalize(t, c),
    timers,
  });
  return { service, worker, cadence };
}

function setup(start: string) {
  const { repo, count } = countingRepo();
  const clock = new FakeClock(start);
  const timers = new HandTimers(clock);
  const sent: string[] = [];
  return { repo, count, clock, timers, sent, shared: { repo, clock, timers, sent } };
}

const campaign = (campaignId: string, status: Campaign['status']): Campaign => ({
  tenantId: T,
  campaignId,
  trigger: 'schedule',
  createdAt: '2026-12-01T09:00:00.000Z',
  status,
  lease: null,
});
const queueQueries = (count: (n: string) => number) =>
  count('claimable') + count('countByStatus') + count('getRecipient');

describe('the campaign cadence', () => {
  it('between campaigns only looks at the schedule, at most every 15 minutes, and never queries the queue', async () => {
    const s = setup('2026-12-10T00:00:00Z');
    await s.repo.createCampaign({ ...campaign('2026-12', 'done') });
    await s.repo.createCampaign({ ...campaign('2026-11', 'done') });
    const a = instance('a', s.shared);
    a.cadence.start();
    await s.timers.run(DAY, [a.cadence]);
    await a.cadence.stop();
    assert.ok(
      s.count('tenantIds') > 0 && s.count('tenantIds') <= 96,
      `${s.count('tenantIds')} schedule checks in a day`,
    );
    assert.equal(
      s.count('getCampaign'),
      2 * s.count('tenantIds'),
      "two point reads per tenant per check (this month's and last month's campaign)",
    );
    assert.equal(queueQueries(s.count), 0, 'no queue queries');
    assert.equal(s.count('createCampaign'), 2, 'only the two set up by the test');
  });

  it('starts draining when a campaign is prepared and stops when it is done', async () => {
    // Monday 4 January 2027 is the first working day (New Year's Day is a Friday): 10:00 in Amsterdam is 09:00Z.
    const s = setup('2027-01-04T00:00:00Z');
    await s.repo.createCampaign({ ...campaign('2026-12', 'done') });
    const a = instance('a', s.shared);
    a.cadence.start();
    await s.timers.run(9 * HOUR, [a.cadence]);
    assert.equal(queueQueries(s.count), 0, 'nothing queried before 10:00');
    assert.equal(s.repo.campaigns.has(`${T}|2027-01`), false);

    await s.timers.run(20 * MINUTE, [a.cadence]);
    assert.equal(s.repo.campaigns.get(`${T}|2027-01`)?.value.status, 'done');
    assert.deepEqual(
      [...s.sent].sort(),
      ['ann', 'bob', 'cas', 'leader', 'leader'],
      'each item sent once (the leader gets a reminder and the team message)',
    );
    assert.ok(s.count('claimable') > 0);
    assert.deepEqual(a.cadence.draining(), [], 'draining stopped');

    const afterCampaign = queueQueries(s.count);
    const checks = s.count('tenantIds');
    await s.timers.run(DAY - 9 * HOUR - 20 * MINUTE, [a.cadence]);
    await a.cadence.stop();
    assert.equal(queueQueries(s.count), afterCampaign, 'no queue queries for the rest of the day');
    assert.ok(s.count('tenantIds') - checks <= 60, 'only schedule checks');
    assert.equal(s.sent.length, 5);
  });

  it("keeps draining while items are under a crashed instance's lease, sends them once it runs out, then stops", async () => {
    const s = setup('2026-12-01T09:30:00Z');
    await s.repo.createCampaign({ ...campaign('2026-12', 'running'), recipients: { reminders: 2, leaders: 0 } });
    const until = '2026-12-01T09:35:00.000Z';
    const item = (userId: string, extra: Partial<Recipient>): Recipient => ({
      tenantId: T,
      campaignId: '2026-12',
      userId,
      kind: 'reminder',
      status: 'queued',
      availableAt: until,
      lease: { owner: 'crashed', until },
      attempts: 0,
      updatedAt: until,
      ...extra,
    });
    await s.repo.addRecipient(item('ann', {}));
    await s.repo.addRecipient(item('bob', { status: 'sending', attempts: 1 }));
    const a = instance('a', s.shared);
    a.cadence.start();
    await s.timers.run(4 * MINUTE, [a.cadence]);
    assert.equal(s.sent.length, 0, 'not while the lease holds');
    assert.equal(a.cadence.draining().length, 1, 'still draining: items are leased elsewhere');

    await s.timers.run(5 * MINUTE, [a.cadence]);
    assert.deepEqual(s.sent, ['ann'], 'taken over once the lease ran out');
    assert.equal(
      s.repo.all().find((r) => r.userId === 'bob')?.status,
      'uncertain',
      'in flight when its sender crashed: never sent again, "mogelijk verstuurd"',
    );
    assert.equal(s.repo.campaigns.get(`${T}|2026-12`)?.value.status, 'done');
    assert.deepEqual(a.cadence.draining(), []);

    const after = queueQueries(s.count);
    await s.timers.run(6 * HOUR, [a.cadence]);
    await a.cadence.stop();
    assert.equal(queueQueries(s.count), after);
  });

  it('drains at once on the instance where an admin starts a round', async () => {
    const s = setup('2026-12-15T13:00:00Z');
    await s.repo.createCampaign({ ...campaign('2026-11', 'done') });
    const a = instance('a', s.shared);
    a.cadence.start();
    await s.timers.run(MINUTE, [a.cadence]);
    assert.equal(queueQueries(s.count), 0);
    const started = await a.service.admin().startNow({ tenantId: T, userId: 'admin' });
    assert.equal(started.status, 'preparing');
    assert.deepEqual(a.cadence.draining(), [{ tenantId: T, campaignId: '2026-12' }]);
    await s.timers.run(MINUTE, [a.cadence]);
    assert.equal(s.repo.campaigns.get(`${T}|2026-12`)?.value.status, 'done');
    assert.equal(s.sent.length, 5);
    assert.deepEqual(a.cadence.draining(), []);
    await a.cadence.stop();
  });

  it('another instance takes over a round whose instance stopped, at its next schedule check', async () => {
    const s = setup('2026-12-15T13:00:00Z');
    const a = instance('a', s.shared);
    const b = instance('b', s.shared);
    a.cadence.start();
    b.cadence.start();
    await s.timers.run(MINUTE, [a.cadence, b.cadence]);
    await a.service.admin().startNow({ tenantId: T, userId: 'admin' });
    await a.service.idle();
    await Promise.all([a.cadence.stop(), a.worker.stop()]); // a goes down before sending anything
    await s.timers.run(13 * MINUTE, [b.cadence]);
    assert.equal(s.sent.length, 0, 'b has not looked at the schedule yet');
    assert.deepEqual(b.cadence.draining(), []);
    await s.timers.run(2 * MINUTE, [b.cadence]);
    assert.equal(s.sent.length, 5, "b's check at 13:15 found the running round and drained it");
    assert.equal(s.repo.campaigns.get(`${T}|2026-12`)?.value.status, 'done');
    await s.timers.run(HOUR, [b.cadence]);
    assert.deepEqual(b.cadence.draining(), []);
    await b.cadence.stop();
    assert.equal(s.sent.length, 5, 'nothing sent twice');
  });
});
