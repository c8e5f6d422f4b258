import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import type { CampaignOverview } from '../../bot/domain/campaigns/campaign-service';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { demoSeeds } from '../helpers/demo';
import { FakeClock } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const [gent] = demoSeeds;
const adminId = gent.tenant.programmeAdmins[0];

/** Monday 7 December 2026, 12:00 in Amsterdam: within the week after December's round (Tuesday 1 December, 10:00). */
const FIRST_WEEK = '2026-12-07T11:00:00Z';

async function campaignsOf(app: App): Promise<number> {
  const { resources } = await app.store.containers.schedule.items
    .query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.docType = 'campaign'")
    .fetchAll();
  return resources[0];
}

async function overview(app: App): Promise<CampaignOverview> {
  const api = new TabClient(app.url);
  const admin = await api.devToken(gent.tenant.id, adminId);
  const res = await api.get<CampaignOverview>('/api/v1/admin/campaigns', admin);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/**
 * The regression for a fresh install in the first week of a month: that month's round used to
 * start by itself at the first schedule check (and "Nu versturen" was then disabled until next
 * month). Now it waits for the admin; a round the app saw coming still starts on its own.
 */
describe('the first start of the reminder rounds', function () {
  this.timeout(60_000);
  let conn: Awaited<ReturnType<typeof startConnector>>;
  before(async () => (conn = await startConnector()));
  after(async () => conn?.close());

  it('does not send this month’s round by itself on a first start after its day; the admin sees it waiting and starts it', async () => {
    const data = tempDir('dv-first-start-');
    const clock = new FakeClock(FIRST_WEEK);
    const app = await startTestApp({ dataDir: data.dir, clock, scheduler: false, env: { CAMPAIGN_AUTOSTART: 'true' } });
    try {
      const round = await app.runCampaigns();
      assert.equal(round.prepared, 0, 'nothing starts by itself');
      assert.equal(await campaignsOf(app), 0);
      const before = await overview(app);
      assert.equal(before.canStartNow, true, '"Nu versturen" is available');
      assert.deepEqual(before.waiting?.campaignId, '2026-12');

      const api = new TabClient(app.url);
      const admin = await api.devToken(gent.tenant.id, adminId);
      const started = await api.call<{ campaignId: string; trigger: string }>('POST', '/api/v1/admin/campaigns', {
        token: admin,
      });
      assert.equal(started.status, 202, started.text);
      assert.equal(started.body.trigger, 'admin');
      const after = await overview(app);
      assert.equal(after.canStartNow, false);
      assert.equal(after.waiting, null);

      // A restart the same week still leaves the other tenant's round waiting.
      await app.stop();
      const again = await startTestApp({
        dataDir: data.dir,
        clock,
        scheduler: false,
        env: { CAMPAIGN_AUTOSTART: 'true' },
      });
      try {
        assert.equal((await again.runCampaigns()).prepared, 0);
        // January's round was seen coming: it starts on its day.
        clock.advance(Date.parse('2027-01-04T09:05:00Z') - clock.now().getTime());
        assert.equal((await again.runCampaigns()).prepared, 2, 'both tenants get January’s round');
      } finally {
        await again.stop();
      }
    } finally {
      await app.stop().catch(() => undefined);
      data.remove();
    }
  });

  it('never starts a round by itself in development, even on its day', async () => {
    const data = tempDir('dv-dev-rounds-');
    const clock = new FakeClock('2026-11-30T09:00:00Z');
    const app = await startTestApp({ dataDir: data.dir, clock, scheduler: false });
    try {
      assert.equal((await app.runCampaigns()).prepared, 0);
      clock.advance(Date.parse('2026-12-01T09:30:00Z') - clock.now().getTime());
      assert.equal((await app.runCampaigns()).prepared, 0);
      assert.equal(await campaignsOf(app), 0);
      assert.equal((await overview(app)).waiting?.campaignId, '2026-12', 'the admin is told the round waits for them');
    } finally {
      await app.stop();
      data.remove();
    }
  });
});
