import assert from 'node:assert/strict';
import type { DeliverOptions, Delivery, Recipient, SendSlots } from '../../bot/domain/campaigns/campaign-ports';
import { CampaignWorker } from '../../bot/domain/campaigns/campaign-worker';
import type { NewsItem } from '../../bot/domain/news/news-types';
import { NewsService } from '../../bot/domain/news/news-service';
import type { Person, Tenant } from '../../bot/domain/org';
import type { Directory } from '../../bot/domain/ports';
import { createLogger } from '../../bot/logger';
import { CosmosCampaignRepository, CosmosReminderLedger } from '../../bot/storage/cosmos-campaigns';
import { CosmosNewsRepository } from '../../bot/storage/cosmos-news';
import { withRunningApp } from '../helpers/app';
import { FakeClock } from '../fakes/fake-clock';

const NOW = '2026-12-01T09:00:00.000Z';
const TENANT = 'tenant-crash';
const LEASE_MS = 5 * 60_000;
const PEOPLE = Array.from({ length: 24 }, (_, i) => `p${String(i).padStart(2, '0')}`);
const log = createLogger('silent');
const never = () => new Promise<never>(() => undefined);

const tenant: Tenant = {
  tenantId: TENANT,
  name: 'Gemeente Proef',
  shortName: 'Proef',
  country: 'NL',
  defaultLocale: 'nl-NL',
  programmeAdmins: ['admin'],
  anonymityThreshold: 5,
};
const directory: Directory = {
  getTenant: async () => tenant,
  getPerson: async (_t, id): Promise<Person> => ({ tenantId: TENANT, id, name: id }),
  getUnit: async () => null,
  directReports: async () => [],
  teamMembers: async () => [],
  teamsLedBy: async () => [],
  listPeople: async () => [],
  listUnits: async () => [],
};

/**
 * Teams behind one instance's outbound queue, which sends one message at a time in order. The
 * instance "dies" after `sendsBeforeDeath` messages: the next `inFlight` were claimed and their
 * HTTP calls started (every other one reached Teams), and they never return; everything behind
 * them waits in the queue for ever, never claimed. `deliverable: Infinity` is an instance that lives.
 */
class TeamsBehindQueue {
  private started = 0;

  constructor(
    private readonly teams: string[],
    private readonly sendsBeforeDeath = Number.POSITIVE_INFINITY,
    private readonly inFlight = 0,
  ) {}

  async deliver(_t: string, userId: string, _card: object, opts: DeliverOptions = {}): Promise<Delivery> {
    const place = this.started++;
    if (place >= this.sendsBeforeDeath + this.inFlight) return never(); // waiting in the queue when it died
    if (opts.guard && !(await opts.guard.claim())) return { status: 'lost' };
    if (place >= this.sendsBeforeDeath) {
      if (place % 2 === 0) this.teams.push(userId); // arrived, but the answer never came back
      return never();
    }
    this.teams.push(userId);
    return { status: 'sent', activityId: `act-${userId}` };
  }
}

const slots: SendSlots = { take: async () => 0, missed: () => false };
const count = (list: string[], id: string) => list.filter((u) => u === id).length;

/**
 * Two instances work one queue in the embedded store (the real SDK, ETags and all). The first
 * dies in the middle of the round with some HTTP calls in flight; the second finishes the round
 * once the first one's leases have run out. Every message that was not in flight arrives exactly
 * once; those in flight are `uncertain` for a campaign and sent again for coach news.
 */
describe('when an instance dies in the middle of sending', function () {
  this.timeout(60_000);
  const clock = new FakeClock(NOW);
  const running = withRunningApp({ clock, scheduler: false });

  it('the campaign round is finished by the other instance: each item not in flight sent once, those in flight "mogelijk verstuurd"', async () => {
    const store = running.app.store.containers;
    const repo = new CosmosCampaignRepository(store.schedule, store.tenants);
    for (const userId of PEOPLE)
      await repo.addRecipient({
        tenantId: TENANT,
        campaignId: '2026-12',
        userId,
        kind: 'reminder',
        status: 'queued',
        availableAt: NOW,
        lease: null,
        attempts: 0,
        updatedAt: NOW,
      });
    const teams: string[] = [];
    const worker = (owner: string, delivery: TeamsBehindQueue) =>
      new CampaignWorker({
        repo,
        ledger: new CosmosReminderLedger(store.users),
        completion: { completedUserIds: async () => new Set(), hasCompleted: async () => false },
        reminders: { remindersOff: async () => false },
        directory,
        figures: { participation: async () => null },
        delivery,
        slots,
        cards: { reminder: () => ({}), leader: () => ({}) },
        clock,
        log,
        threshold: () => 5,
        owner,
        leaseMs: LEASE_MS,
        concurrency: 10,
        batch: 24,
      });

    // Instance a keeps 10 items in hand (its concurrency): it sends 5, has 2 HTTP calls in flight,
    // and dies with 8 leased items waiting behind them in its queue (3 first, 5 taken as sends finished).
    const dying = worker('instance-a', new TeamsBehindQueue(teams, 5, 2));
    void dying.drain();
    const ofA = async () => (await items(repo)).filter((r) => r.lease?.owner === 'instance-a');
    await until(async () => (await items(repo)).filter((r) => r.status === 'sent').length === 5);
    await until(async () => (await ofA()).length === 10);
    const atDeath = await ofA();
    const inFlight = atDeath.filter((r) => r.status === 'sending').map((r) => r.userId);
    assert.equal(inFlight.length, 2, 'only the calls in flight are claimed');

    // Before a's leases run out, b leaves a's items alone and sends the rest.
    const b = worker('instance-b', new TeamsBehindQueue(teams));
    assert.equal(await b.drain(), PEOPLE.length - 15);
    assert.equal((await ofA()).length, 10);
    clock.advance(LEASE_MS + 1);
    await b.drain();

    const final = await items(repo);
    for (const r of final) {
      if (inFlight.includes(r.userId)) {
        assert.equal(r.status, 'uncertain', `${r.userId} was in flight: "mogelijk verstuurd"`);
        assert.ok(count(teams, r.userId) <= 1, `${r.userId} never twice`);
      } else {
        assert.equal(r.status, 'sent', `${r.userId} done`);
        assert.equal(count(teams, r.userId), 1, `${r.userId} got exactly one reminder`);
      }
    }
    assert.deepEqual(await repo.countByStatus(TENANT, '2026-12'), {
      queued: 0,
      sent: PEOPLE.length - 2,
      failed: 0,
      skipped: 0,
      uncertain: 2,
    });
  });

  it('the coach news is finished by the other instance: each item not in flight sent once, those in flight sent again', async () => {
    const repo = new CosmosNewsRepository(running.app.store.containers.schedule);
    const newsId = 'news-crash';
    await repo.createNews({
      tenantId: TENANT,
      newsId,
      text: 'Het nieuwe zaaksysteem start op 1 maart.',
      departmentId: null,
      recipients: PEOPLE.length,
      sentBy: 'admin',
      createdAt: NOW,
    });
    const start = clock.now().toISOString();
    for (const userId of PEOPLE)
      await repo.addItem({
        tenantId: TENANT,
        newsId,
        userId,
        status: 'queued',
        attempts: 0,
        availableAt: start,
        updatedAt: start,
      });
    const teams: string[] = [];
    const service = (owner: string, delivery: TeamsBehindQueue) =>
      new NewsService({
        repo,
        directory,
        audience: async () => PEOPLE,
        delivery,
        card: () => ({}),
        audit: { record: async () => undefined, recordDaily: async () => true, latest: async () => [] },
        clock,
        log,
        owner,
        leaseMs: LEASE_MS,
        concurrency: 8,
      });
    const all = async () => (await repo.counts(TENANT, [newsId]))[newsId];

    const dying = service('instance-a', new TeamsBehindQueue(teams, 4, 2));
    void dying.drain();
    await until(async () => (await all()).sent === 4 && (await all()).sending === 2);
    const inFlight = (await newsItems(running, newsId)).filter((i) => i.status === 'sending').map((i) => i.userId);

    const b = service('instance-b', new TeamsBehindQueue(teams));
    await b.drain();
    clock.advance(LEASE_MS + 1);
    await b.drain();

    for (const item of await newsItems(running, newsId)) {
      assert.equal(item.status, 'sent', `${item.userId} done`);
      if (inFlight.includes(item.userId)) {
        assert.equal(item.interruptions, 1, `${item.userId} on record as a possible duplicate`);
        assert.ok(count(teams, item.userId) >= 1 && count(teams, item.userId) <= 2, `${item.userId} at least once`);
      } else {
        assert.equal(item.interruptions, undefined);
        assert.equal(count(teams, item.userId), 1, `${item.userId} got the news exactly once`);
      }
    }
  });
});

async function items(repo: CosmosCampaignRepository): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (const userId of PEOPLE) {
    const r = await repo.getRecipient(TENANT, '2026-12', 'reminder', userId);
    if (r) found.push(r.value);
  }
  return found;
}

async function newsItems(running: ReturnType<typeof withRunningApp>, newsId: string): Promise<NewsItem[]> {
  const { resources } = await running.app.store.containers.schedule.items
    .query<NewsItem>({
      query: "SELECT * FROM c WHERE c.docType = 'coach-news-item' AND c.newsId = @n",
      parameters: [{ name: '@n', value: newsId }],
    })
    .fetchAll();
  return resources;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
