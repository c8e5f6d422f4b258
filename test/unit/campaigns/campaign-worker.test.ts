import assert from 'node:assert/strict';
import { createLogger } from '../../../bot/logger';
import type { DeliverOptions, Delivery, Recipient } from '../../../bot/domain/campaigns/campaign-ports';
import {
  CampaignWorker,
  type CampaignWorkerDeps,
  type LeaderCardModel,
  type ReminderCardModel,
} from '../../../bot/domain/campaigns/campaign-worker';
import type { OrgUnit, Person, Tenant } from '../../../bot/domain/org';
import type { Directory } from '../../../bot/domain/ports';
import { FakeClock } from '../../fakes/fake-clock';
import { MemoryCampaignRepository, MemoryCompletion, MemoryLedger } from '../../fakes/memory-campaigns';

const T = 'tenant-1';
const NOW = '2026-12-01T09:00:00.000Z';
const log = createLogger('silent');

function directory(people: Person[], teams: OrgUnit[], tenant: Partial<Tenant> = {}): Directory {
  const t: Tenant = {
    tenantId: T,
    name: 'Gemeente Test',
    shortName: 'Test',
    country: 'NL',
    defaultLocale: 'nl-NL',
    programmeAdmins: ['admin'],
    anonymityThreshold: 5,
    ...tenant,
  };
  return {
    getTenant: async () => t,
    getPerson: async (_t, id) => people.find((p) => p.id === id) ?? null,
    getUnit: async (_t, id) => teams.find((u) => u.id === id) ?? null,
    directReports: async () => [],
    teamMembers: async (_t, id) => people.filter((p) => p.teamId === id),
    teamsLedBy: async (_t, id) => teams.filter((u) => u.leaderId === id),
    listPeople: async () => people,
    listUnits: async (_t, kind) => teams.filter((u) => u.kind === kind),
  };
}

const person = (id: string, extra: Partial<Person> = {}): Person => ({
  tenantId: T,
  id,
  name: id,
  teamId: 'team-a',
  ...extra,
});
const team: OrgUnit = { tenantId: T, id: 'team-a', kind: 'team', name: 'Team A', leaderId: 'leader' };

function queued(userId: string, kind: Recipient['kind'] = 'reminder', extra: Partial<Recipient> = {}): Recipient {
  return {
    tenantId: T,
    campaignId: '2026-12',
    userId,
    kind,
    ...(kind === 'leader' ? { teamIds: ['team-a'] } : {}),
    status: 'queued',
    availableAt: NOW,
    lease: null,
    attempts: 0,
    updatedAt: NOW,
    ...extra,
  };
}

/**
 * A Bot Connector stand-in behind the outbound queue: claims the item through its guard right
 * before "sending" (as the queue does), records every card per user, answers what the test says.
 */
class FakeDelivery {
  readonly sent: Array<{ userId: string; card: { kind: string; model: unknown; locale: string } }> = [];
  answer: (userId: string) => Delivery = () => ({ status: 'sent', activityId: 'a1' });
  delayMs = 0;
  async deliver(_t: string, userId: string, card: object, opts: DeliverOptions = {}): Promise<Delivery> {
    if (opts.guard && !(await opts.guard.claim())) return { status: 'lost' };
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const d = this.answer(userId);
    if (d.status === 'throttled') await opts.guard?.refused();
    if (d.status === 'sent') this.sent.push({ userId, card: card as never });
    return d;
  }
  to(userId: string) {
    return this.sent.filter((s) => s.userId === userId);
  }
}

function setup(
  opts: { people?: Person[]; tenant?: Partial<Tenant>; remindersOff?: string[]; withheld?: boolean } = {},
) {
  const repo = new MemoryCampaignRepository();
  const ledger = new MemoryLedger();
  const completion = new MemoryCompletion();
  const delivery = new FakeDelivery();
  const clock = new FakeClock(NOW);
  const people = opts.people ?? [person('ann'), person('bob'), person('leader')];
  const deps: CampaignWorkerDeps = {
    repo,
    ledger,
    completion,
    reminders: { remindersOff: async (_t, id) => (opts.remindersOff ?? []).includes(id) },
    directory: directory(people, [team], opts.tenant),
    figures: { participation: async () => (opts.withheld ? null : { completed: 8, members: 12 }) },
    delivery,
    slots: { take: async () => 0, missed: () => false },
    cards: {
      reminder: (model: ReminderCardModel, locale) => ({ kind: 'reminder', model, locale }),
      leader: (model: LeaderCardModel, locale) => ({ kind: 'leader', model, locale }),
    },
    clock,
    log,
    threshold: (t) => t.anonymityThreshold,
    leaseMs: 60_000,
  };
  const worker = (owner: string, extra: Partial<CampaignWorkerDeps> = {}) =>
    new CampaignWorker({ ...deps, owner, ...extra });
  return { repo, ledger, completion, delivery, clock, deps, worker };
}

describe('the campaign queue worker', () => {
  it('sends each recipient exactly once, also when two instances work the same queue at once', async () => {
    const people = Array.from({ length: 200 }, (_, i) => person(`p${i}`));
    const s = setup({ people });
    for (const p of people) await s.repo.addRecipient(queued(p.id));
    s.delivery.delayMs = 1;
    const [a, b] = [
      s.worker('instance-a', { concurrency: 7, batch: 25 }),
      s.worker('instance-b', { concurrency: 5, batch: 25 }),
    ];
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    assert.equal(na + nb, 200);
    assert.ok(na > 0 && nb > 0, `both instances took work (${na}, ${nb})`);
    for (const p of people) assert.equal(s.delivery.to(p.id).length, 1, `${p.id} got one reminder`);
    assert.ok(s.repo.all().every((r) => r.status === 'sent' && r.lease === null));
  });

  it('leaves an item alone while another instance holds its lease, and takes it once the lease has run out', async () => {
    const s = setup();
    await s.repo.addRecipient(
      queued('ann', 'reminder', {
        lease: { owner: 'crashed', until: '2026-12-01T09:01:00.000Z' },
        availableAt: '2026-12-01T09:01:00.000Z',
      }),
    );
    assert.equal(await s.worker('w').drain(), 0);
    assert.equal(s.delivery.sent.length, 0);
    s.clock.advance(61_000);
    assert.equal(await s.worker('w').drain(), 1);
    assert.equal(s.delivery.to('ann').length, 1);
  });

  it('never sends again an item whose sender stopped while its message was in flight: it is marked uncertain, not failed', async () => {
    const s = setup();
    await s.repo.addRecipient(
      queued('ann', 'reminder', { status: 'sending', lease: { owner: 'crashed', until: NOW }, attempts: 1 }),
    );
    assert.equal(await s.worker('w').drain(), 1);
    assert.equal(s.delivery.sent.length, 0);
    const [r] = s.repo.all();
    assert.equal(r.status, 'uncertain');
    assert.equal(r.interruptions, 1);
    assert.equal(r.lease, null);
    assert.deepEqual(await s.repo.countByStatus(T, '2026-12'), {
      queued: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
      uncertain: 1,
    });
  });

  it('keeps the outcome of a slow sender whose lease ran out while another instance marked the item uncertain', async () => {
    const s = setup();
    await s.repo.addRecipient(queued('ann'));
    s.delivery.delayMs = 30;
    const slow = s.worker('slow').drain();
    await new Promise((r) => setTimeout(r, 10)); // "sending" is written, the connector is slow
    s.clock.advance(61_000);
    await s.worker('other').drain();
    assert.equal(s.repo.all()[0].status, 'uncertain');
    await slow;
    const [r] = s.repo.all();
    assert.equal(r.status, 'sent', 'the sender knows it was delivered');
    assert.equal(s.delivery.to('ann').length, 1, 'and it was sent once');
  });

  it('sends at most three reminders per person, ever, counting a retried item once', async () => {
    const s = setup({ people: [person('ann')] });
    for (const month of ['2026-09', '2026-10', '2026-11']) await s.ledger.reserve(T, 'ann', month, 3);
    await s.repo.addRecipient(queued('ann'));
    await s.worker('w').drain();
    assert.equal(s.delivery.sent.length, 0);
    assert.equal(s.repo.all()[0].reason, 'cap');

    const t = setup({ people: [person('bob')] });
    await t.ledger.reserve(T, 'bob', '2026-12', 3); // counted by an instance that stopped before sending
    await t.repo.addRecipient(queued('bob'));
    await t.worker('w').drain();
    assert.equal(await t.ledger.count(T, 'bob'), 1);
    assert.equal((t.delivery.to('bob')[0].card.model as ReminderCardModel).remindersLeft, 2);
  });

  it('tells the person when this is their last reminder', async () => {
    const s = setup({ people: [person('ann')] });
    for (const month of ['2026-10', '2026-11']) await s.ledger.reserve(T, 'ann', month, 3);
    await s.repo.addRecipient(queued('ann'));
    await s.worker('w').drain();
    assert.equal((s.delivery.to('ann')[0].card.model as ReminderCardModel).remindersLeft, 0);
  });

  it('honours the opt-out, a finished scan and a tenant that switched campaigns off', async () => {
    const s = setup({ remindersOff: ['ann'] });
    s.completion.done.add(`${T}|bob`);
    await s.repo.addRecipient(queued('ann'));
    await s.repo.addRecipient(queued('bob'));
    await s.worker('w').drain();
    assert.equal(s.delivery.sent.length, 0);
    assert.deepEqual(Object.fromEntries(s.repo.all().map((r) => [r.userId, `${r.status}:${r.reason}`])), {
      ann: 'skipped:reminders-off',
      bob: 'skipped:completed',
    });
    assert.equal(await s.ledger.count(T, 'ann'), 0, 'a skipped reminder does not count');

    const off = setup({ tenant: { settings: { remindersEnabled: false } } });
    await off.repo.addRecipient(queued('ann'));
    await off.worker('w').drain();
    assert.equal(off.delivery.sent.length, 0);
    assert.equal(off.repo.all()[0].reason, 'campaigns-off');
  });

  it('marks a removed app (403/404) skipped and gives the reminder back to the count', async () => {
    const s = setup();
    s.delivery.answer = () => ({ status: 'gone', code: 403 });
    await s.repo.addRecipient(queued('ann'));
    await s.worker('w').drain();
    const [r] = s.repo.all();
    assert.equal(`${r.status}:${r.reason}`, 'skipped:gone');
    assert.equal(await s.ledger.count(T, 'ann'), 0);
  });

  it('queues a throttled item again for later and gives up after the last try', async () => {
    const s = setup();
    s.delivery.answer = () => ({ status: 'throttled' });
    await s.repo.addRecipient(queued('ann'));
    const w = s.worker('w', { maxAttempts: 2, retryDelayMs: 60_000 });
    await w.drain();
    let [r] = s.repo.all();
    assert.equal(r.status, 'queued');
    assert.equal(r.availableAt, '2026-12-01T09:01:00.000Z');
    assert.equal(await w.drain(), 0, 'not before its time');
    s.clock.advance(60_000);
    await w.drain();
    [r] = s.repo.all();
    assert.equal(`${r.status}:${r.reason}`, 'failed:throttled');
    assert.equal(r.attempts, 2);
  });

  it("gives a leader the team's figures, or none when anonymity withholds them, in the leader's language", async () => {
    const s = setup({ people: [person('leader', { preferredLocale: 'en-GB' })] });
    await s.repo.addRecipient(queued('leader', 'leader'));
    await s.worker('w').drain();
    const [msg] = s.delivery.to('leader');
    assert.equal(msg.card.kind, 'leader');
    assert.equal(msg.card.locale, 'en');
    assert.deepEqual(msg.card.model, {
      teams: [{ name: 'Team A', participation: { completed: 8, members: 12 } }],
      threshold: 5,
    });

    const w = setup({ withheld: true });
    await w.repo.addRecipient(queued('leader', 'leader'));
    await w.worker('w').drain();
    assert.deepEqual((w.delivery.to('leader')[0].card.model as LeaderCardModel).teams[0].participation, null);
  });

  it('skips a leader message when the person no longer leads the team', async () => {
    const s = setup();
    await s.repo.addRecipient(queued('bob', 'leader'));
    await s.worker('w').drain();
    assert.equal(s.repo.all()[0].reason, 'no-team');
  });

  it("sends once when the store's answer to a write is lost, whether or not the write landed", async () => {
    const s = setup({ people: [person('ann'), person('bob')] });
    await s.repo.addRecipient(queued('ann'));
    await s.repo.addRecipient(queued('bob'));
    const replace = s.repo.replaceRecipient.bind(s.repo);
    const lost = new Set<string>();
    // ann: the "sending" mark lands but its answer is lost; bob: the "sent" write fails once before landing.
    s.repo.replaceRecipient = async (r, etag) => {
      if (r.userId === 'ann' && r.status === 'sending' && !lost.has('ann')) {
        lost.add('ann');
        await replace(r, etag);
        throw new Error('read ECONNRESET');
      }
      if (r.userId === 'bob' && r.status === 'sent' && !lost.has('bob')) {
        lost.add('bob');
        throw new Error('read ECONNRESET');
      }
      return replace(r, etag);
    };
    await s.worker('w').drain();
    assert.equal(s.delivery.to('ann').length, 1);
    assert.equal(s.delivery.to('bob').length, 1);
    assert.deepEqual(
      s.repo.all().map((r) => r.status),
      ['sent', 'sent'],
    );
  });

  it('stops after `max` items, so a test can stop an instance halfway', async () => {
    const s = setup({ people: Array.from({ length: 10 }, (_, i) => person(`p${i}`)) });
    for (let i = 0; i < 10; i++) await s.repo.addRecipient(queued(`p${i}`));
    assert.equal(await s.worker('w').drain({ max: 4 }), 4);
    assert.equal(s.delivery.sent.length, 4);
    assert.equal(await s.worker('w2').drain(), 6);
    assert.equal(s.delivery.sent.length, 10);
  });
});
