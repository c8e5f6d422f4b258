import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import type { OutboundActivity } from '../../bot/dev/connector-emulator';
import type { CampaignOverview } from '../../bot/domain/campaigns/campaign-service';
import type { Recipient } from '../../bot/domain/campaigns/campaign-ports';
import { t } from '../../bot/i18n';
import { withRunningApp, type RunningApp } from '../helpers/app';
import { cardText } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

type Conn = RunningApp['conn'];

/** Tuesday 1 December 2026, 10:00 in Amsterdam and Brussels: the first working day of the month. */
const CAMPAIGN_DAY = '2026-12-01T09:00:00Z';
const [gent, westerkwartier] = demoSeeds;

/** The user a 1:1 chat belongs to: `a:1dev-<id>` (opened by the test client) or `a:dev-<id>` (created by the bot). */
const userOf = (a: OutboundActivity) => /^a:1?dev-(.+)$/.exec(a.conversationId)?.[1] ?? null;

function kindOf(a: OutboundActivity): 'reminder' | 'leader' | null {
  if (a.op !== 'send') return null;
  let title: unknown;
  try {
    title = (cardOf(a).body as Array<{ text?: string }>)[0]?.text;
  } catch {
    return null;
  }
  if (title === t('nl', 'campaign.reminder.title') || title === t('en', 'campaign.reminder.title')) return 'reminder';
  if (title === t('nl', 'campaign.leader.title') || title === t('en', 'campaign.leader.title')) return 'leader';
  return null;
}

/** Campaign messages per user and kind. */
function delivered(conn: Conn, kind: 'reminder' | 'leader'): Map<string, OutboundActivity[]> {
  const by = new Map<string, OutboundActivity[]>();
  for (const a of conn.connector.activities()) {
    if (kindOf(a) !== kind) continue;
    const user = userOf(a)!;
    by.set(user, [...(by.get(user) ?? []), a]);
  }
  return by;
}

async function recipients(app: App, tenantId: string, campaignId: string): Promise<Recipient[]> {
  const { resources } = await app.store.containers.schedule.items
    .query<Recipient>(
      {
        query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'campaign-recipient' AND c.campaignId = @c",
        parameters: [
          { name: '@t', value: tenantId },
          { name: '@c', value: campaignId },
        ],
      },
      { partitionKey: tenantId },
    )
    .fetchAll();
  return resources;
}

const asUser = (seedIndex: number, id: string): TeamsUser => {
  const p = demoSeeds[seedIndex].users.find((u) => u.id === id)!;
  return {
    tenantId: demoSeeds[seedIndex].tenant.id,
    aadObjectId: p.id,
    name: p.name,
    locale: p.preferredLocale ?? 'nl-NL',
  };
};

describe('the monthly reminder campaign', function () {
  this.timeout(120_000);
  const clock = new FakeClock(CAMPAIGN_DAY);

  // Gent (seed 0): the people the test arranges something for.
  const employees = gent.users.filter(
    (u) =>
      u.teamId && !gent.teams.some((team) => team.leaderId === u.id) && !gent.tenant.programmeAdmins.includes(u.id),
  );
  const [installed, finished, remindersOff, capped, removed] = employees;
  const adminId = gent.tenant.programmeAdmins[0];

  const running = withRunningApp({ clock, scheduler: false, env: { CAMPAIGN_AUTOSTART: 'true' } });

  it('reaches everyone without a scan result once, honours opt-out and the cap, survives a restart halfway, and marks a removed app skipped', async () => {
    // Each tenant's service URL becomes known when someone talks to the bot; the others get a chat the bot creates.
    await new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, asUser(0, installed.id), () =>
      running.app.settle(),
    ).install();
    await new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, demoUser('employee', 1), () =>
      running.app.settle(),
    ).install();
    // Someone who finished the scan gets nothing.
    await running.app.store.containers.scans.items.create({
      id: 'result:done',
      userKey: `${gent.tenant.id}|${finished.id}`,
      docType: 'result',
      tenantId: gent.tenant.id,
      userId: finished.id,
      completedAt: '2026-11-20T10:00:00Z',
    });
    // Someone switches reminders off in chat.
    const off = await new TeamsTestClient(
      running.app.url,
      running.conn.connector,
      running.conn.url,
      asUser(0, remindersOff.id),
      () => running.app.settle(),
    ).say('geen herinneringen');
    assert.match(cardText(cardOf(off.replies[0])), /Herinneringen staan uit/);
    // Someone already had three reminders.
    await running.app.store.containers.users.items.create({
      id: 'campaign-reminders',
      userKey: `${gent.tenant.id}|${capped.id}`,
      tenantId: gent.tenant.id,
      userId: capped.id,
      campaigns: ['2026-09', '2026-10', '2026-11'],
      docType: 'campaign-reminders',
    });
    // Someone removed the app: Teams answers 403 in their chat.
    running.conn.connector.failures.set(`a:dev-${removed.id}`, 403);

    // The first instance starts both tenants' campaigns and stops after 20 messages.
    const first = await running.app.runCampaigns({ max: 20 });
    assert.equal(first.prepared, 2, 'one campaign per tenant');
    assert.equal(first.handled, 20);

    // Then it "crashes" twice: one item leased but not sent (its lease runs), one in flight ("sending").
    const open = (await recipients(running.app, gent.tenant.id, '2026-12')).filter(
      (r) =>
        r.status === 'queued' && r.kind === 'reminder' && ![remindersOff.id, capped.id, removed.id].includes(r.userId),
    );
    assert.ok(open.length >= 2, 'work is left for the restart');
    const [claimedByCrash, sendingAtCrash] = open;
    const leaseUntil = new Date(clock.now().getTime() + 5 * 60_000).toISOString();
    await running.app.store.containers.schedule.items.upsert({
      ...claimedByCrash,
      lease: { owner: 'crashed', until: leaseUntil },
      availableAt: leaseUntil,
    });
    await running.app.store.containers.schedule.items.upsert({
      ...sendingAtCrash,
      status: 'sending',
      attempts: 1,
      lease: { owner: 'crashed', until: leaseUntil },
      availableAt: leaseUntil,
    });
    await running.app.stop();

    // A new instance on the same data, after the crashed instance's leases ran out.
    clock.advance(6 * 60_000);
    await running.restart();
    const second = await running.app.runCampaigns();
    assert.equal(second.prepared, 0, 'the month already has its campaign');

    const reminders = delivered(running.conn, 'reminder');
    for (const [user, messages] of reminders) assert.equal(messages.length, 1, `${user} got exactly one reminder`);
    assert.equal(
      reminders.get(claimedByCrash.userId)?.length,
      1,
      'the item claimed by the crashed instance was sent after its lease ran out',
    );
    assert.equal(
      reminders.has(sendingAtCrash.userId),
      false,
      'an item the crashed instance may have sent is never sent again',
    );
    for (const user of [finished.id, remindersOff.id, capped.id, removed.id])
      assert.equal(reminders.has(user), false, `${user} got no reminder`);

    const gentItems = await recipients(running.app, gent.tenant.id, '2026-12');
    const status = (userId: string) => gentItems.find((r) => r.userId === userId && r.kind === 'reminder');
    assert.equal(status(finished.id), undefined, 'people with a result are not queued at all');
    assert.equal(`${status(remindersOff.id)?.status}:${status(remindersOff.id)?.reason}`, 'skipped:reminders-off');
    assert.equal(`${status(capped.id)?.status}:${status(capped.id)?.reason}`, 'skipped:cap');
    assert.equal(`${status(removed.id)?.status}:${status(removed.id)?.reason}`, 'skipped:gone');
    assert.equal(status(sendingAtCrash.userId)?.status, 'uncertain', 'in flight at the crash: "mogelijk verstuurd"');
    const { resource: ref } = await running.app.store.containers.users
      .item('conversation', `${gent.tenant.id}|${removed.id}`)
      .read();
    assert.equal(ref?.stale, true, 'the removed app’s conversation is marked stale');

    // Everyone else without a result in both tenants got one; all items are done.
    for (const seed of [gent, westerkwartier]) {
      const items = await recipients(running.app, seed.tenant.id, '2026-12');
      assert.ok(
        items.every((r) => ['sent', 'skipped', 'failed', 'uncertain'].includes(r.status)),
        `${seed.tenant.shortName}: nothing left in the queue`,
      );
      for (const r of items.filter((i) => i.kind === 'reminder' && i.status === 'sent'))
        assert.equal(reminders.get(r.userId)?.length, 1);
      assert.equal(
        items.filter((i) => i.kind === 'reminder').length,
        seed.users.length - (seed === gent ? 1 : 0),
        'everyone without a result was queued',
      );
    }
    const ledger = (
      await running.app.store.containers.users.item('campaign-reminders', `${gent.tenant.id}|${installed.id}`).read()
    ).resource;
    assert.deepEqual(ledger?.campaigns, ['2026-12'], 'the reminder is counted');

    // Leaders hear about their teams: numbers only for teams the anonymity plan publishes.
    const leaderMessages = delivered(running.conn, 'leader');
    for (const [user, messages] of leaderMessages) assert.equal(messages.length, 1, `${user} got one team message`);
    const smallTeam = westerkwartier.teams.find(
      (team) => westerkwartier.users.filter((u) => u.teamId === team.id).length < 5,
    )!;
    const smallText = cardText(cardOf(leaderMessages.get(smallTeam.leaderId)![0]));
    assert.match(smallText, new RegExp(`${smallTeam.name}\\*\\*: geen aantallen`));
    const counted = westerkwartier.teams.filter((team) =>
      /\d+ van de \d+ in je team deden de scan/.test(cardText(cardOf(leaderMessages.get(team.leaderId)![0]))),
    );
    assert.ok(counted.length > 0, 'teams the plan publishes get their numbers');

    // An English speaker reads English.
    const english = demoUser('english');
    const inEnglish = reminders.get(english.aadObjectId) ?? leaderMessages.get(english.aadObjectId);
    if (inEnglish) assert.match(cardText(cardOf(inEnglish[0])), /self-scan|your team/);

    // A second round the same month sends nothing.
    const before = running.conn.connector.activities().length;
    await running.app.runCampaigns();
    assert.equal(running.conn.connector.activities().length, before);
  });

  it('shows programme admins the status per campaign, and only them', async () => {
    const api = new TabClient(running.app.url);
    const admin = await api.devToken(gent.tenant.id, adminId);
    const res = await api.get<CampaignOverview>('/api/v1/admin/campaigns', admin);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const [december] = res.body.campaigns;
    assert.equal(december.campaignId, '2026-12');
    assert.equal(december.status, 'done');
    assert.equal(december.trigger, 'schedule');
    assert.equal(december.counts.queued, 0);
    assert.equal(december.counts.failed, 0);
    assert.equal(december.counts.uncertain, 1, 'the one in flight at the crash: "mogelijk verstuurd"');
    assert.ok(december.counts.skipped >= 3, 'opted out, capped, app removed');
    assert.equal(
      december.counts.sent + december.counts.skipped + december.counts.failed + december.counts.uncertain,
      december.recipients!.reminders + december.recipients!.leaders,
    );
    assert.equal(res.body.enabled, true);
    assert.equal(res.body.canStartNow, false, 'this month has its campaign');
    assert.equal(res.body.next?.campaignId, '2027-01');
    assert.equal(res.body.next?.at, '2027-01-04T09:00:00.000Z', 'Monday 4 January: New Year’s Day is a Friday');

    const employee = await api.devToken(gent.tenant.id, employees[0].id);
    assert.equal((await api.get('/api/v1/admin/campaigns', employee)).status, 403);
    assert.equal((await api.call('POST', '/api/v1/admin/campaigns', { token: employee })).status, 403);
    assert.equal((await api.get('/api/v1/admin/campaigns')).status, 401);
    const again = await api.call<{ error: string; message: string }>('POST', '/api/v1/admin/campaigns', {
      token: admin,
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error, 'campaign_exists');
  });

  it('lets an admin send this month’s campaign now, once, with an audit entry; the schedule then leaves the month alone', async () => {
    clock.advance(Date.parse('2027-01-02T10:00:00Z') - clock.now().getTime()); // a Saturday, before January's campaign
    const api = new TabClient(running.app.url);
    const admin = await api.devToken(gent.tenant.id, adminId);
    assert.equal((await api.get<CampaignOverview>('/api/v1/admin/campaigns', admin)).body.canStartNow, true);
    const started = await api.call<{ campaignId: string; trigger: string }>('POST', '/api/v1/admin/campaigns', {
      token: admin,
    });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.campaignId, '2027-01');
    assert.equal(started.body.trigger, 'admin');
    const twice = await Promise.all([1, 2].map(() => api.call('POST', '/api/v1/admin/campaigns', { token: admin })));
    assert.deepEqual(
      twice.map((r) => r.status),
      [409, 409],
    );

    const before = delivered(running.conn, 'reminder');
    await running.app.runCampaigns();
    const after = delivered(running.conn, 'reminder');
    const januaryGent = [...after].filter(
      ([user, msgs]) => msgs.length > (before.get(user)?.length ?? 0) && gent.users.some((u) => u.id === user),
    );
    assert.ok(januaryGent.length > 10, 'Gent got its January reminders');
    assert.ok(
      ![...after].some(
        ([user, msgs]) =>
          msgs.length > (before.get(user)?.length ?? 0) && westerkwartier.users.some((u) => u.id === user),
      ),
      'Westerkwartier waits for its own schedule',
    );

    const audit = await api.get<{ entries: Array<{ action: string; actorId: string }> }>('/api/v1/admin/audit', admin);
    assert.ok(
      audit.body.entries.some((e) => e.action === 'campaign.started' && e.actorId === adminId),
      'the audit log has it',
    );

    // On the scheduled day nothing more goes out for Gent.
    clock.advance(Date.parse('2027-01-04T09:00:00Z') - clock.now().getTime());
    const mark = running.conn.connector
      .activities()
      .filter((a) => kindOf(a) && gent.users.some((u) => u.id === userOf(a))).length;
    await running.app.runCampaigns();
    assert.equal(
      running.conn.connector.activities().filter((a) => kindOf(a) && gent.users.some((u) => u.id === userOf(a))).length,
      mark,
    );
  });

  it('stops when the tenant switches campaigns off, and a colleague can switch reminders back on', async () => {
    const { resource: tenantDoc } = await running.app.store.containers.tenants.item('tenant', gent.tenant.id).read();
    await running.app.store.containers.tenants.items.upsert({
      ...tenantDoc,
      settings: { ...(tenantDoc.settings ?? {}), remindersEnabled: false },
    });
    clock.advance(2 * 60_000); // the directory cache forgets the tenant
    const api = new TabClient(running.app.url);
    const admin = await api.devToken(gent.tenant.id, adminId);
    const overview = await api.get<CampaignOverview>('/api/v1/admin/campaigns', admin);
    assert.equal(overview.body.enabled, false);
    assert.equal(overview.body.next, null);

    clock.advance(Date.parse('2027-02-01T09:00:00Z') - clock.now().getTime());
    const refused = await api.call<{ error: string }>('POST', '/api/v1/admin/campaigns', { token: admin });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error, 'campaigns_off');
    const result = await running.app.runCampaigns();
    assert.equal(result.prepared, 1, 'only Westerkwartier gets its February campaign');

    const on = await new TeamsTestClient(
      running.app.url,
      running.conn.connector,
      running.conn.url,
      asUser(0, remindersOff.id),
      () => running.app.settle(),
    ).say('wel herinneringen');
    assert.match(cardText(cardOf(on.replies[0])), /Herinneringen staan aan/);
    const { resource } = await running.app.store.containers.users
      .item('nudge-optout', `${gent.tenant.id}|${remindersOff.id}`)
      .read();
    assert.equal(resource?.remindersOff, false);
  });
  it('still honours a "reminders off" choice stored under its earlier field name', async () => {
    const earlier = employees[5];
    await running.app.store.containers.users.items.upsert({
      id: 'nudge-optout',
      userKey: `${gent.tenant.id}|${earlier.id}`,
      tenantId: gent.tenant.id,
      userId: earlier.id,
      optOut: true,
      updatedAt: '2026-10-01T08:00:00Z',
      docType: 'nudge-optout',
    });
    const api = new TabClient(running.app.url);
    const token = await api.devToken(gent.tenant.id, earlier.id);
    const mine = await api.get<{ remindersOff: boolean }>('/api/v1/me/reminders', token);
    assert.equal(mine.body.remindersOff, true);
  });
  it('forgets a colleague in every campaign queue when they erase their data', async () => {
    const queued = async () => {
      const { resources } = await running.app.store.containers.schedule.items
        .query<number>(
          {
            query:
              "SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t AND c.docType = 'campaign-recipient' AND c.userId = @u",
            parameters: [
              { name: '@t', value: gent.tenant.id },
              { name: '@u', value: installed.id },
            ],
          },
          { partitionKey: gent.tenant.id },
        )
        .fetchAll();
      return resources[0];
    };
    assert.ok((await queued()) > 0, 'the colleague was a recipient');
    const api = new TabClient(running.app.url);
    const token = await api.devToken(gent.tenant.id, installed.id);
    const erased = await api.call('POST', '/api/v1/me/data/delete', { token, body: { confirm: 'yes' } });
    assert.equal(erased.status, 200, erased.text);
    assert.equal(await queued(), 0);
  });
});
