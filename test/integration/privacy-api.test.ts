import assert from 'node:assert/strict';
import { withRunningApp } from '../helpers/app';
import { assertValidCard, cardText, walk } from '../helpers/cards';
import { demoSeeds, demoUser } from '../helpers/demo';
import { askForHelp, helpAndRate } from '../helpers/help-driver';
import { finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock, TUESDAY_MORNING } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';

const [gent, wk] = demoSeeds;

function personAsUser(userId: string): TeamsUser {
  const p = gent.users.find((u) => u.id === userId)!;
  return { tenantId: gent.tenant.id, aadObjectId: p.id, name: p.name, locale: p.preferredLocale ?? 'nl-NL' };
}

interface Overview {
  scanResults: number;
  helpRequests: number;
  coach: boolean;
  coachTickets: number;
  leadershipScan: string;
  remindersOff: boolean;
  chatReference: boolean;
  profileName: string | null;
  anonymityThreshold: number;
}

/**
 * "Mijn gegevens" through the tab's API: the caller's own overview, a complete export
 * as a file, erasure after a confirmation; another user's data is never reachable; bad
 * input changes nothing. And the programme admins' settings with their version (ETag).
 */
describe('the tab API: my data, and the tenant settings', function () {
  this.timeout(90_000);
  let api: TabClient;
  const clock = new FakeClock(TUESDAY_MORNING);
  const employee = demoUser('employee');
  const colleague = gent.users.find(
    (u) =>
      u.teamId === employee.teamId &&
      u.id !== employee.aadObjectId &&
      !u.coach &&
      !gent.tenant.programmeAdmins.includes(u.id),
  )!;
  const adminId = gent.tenant.programmeAdmins[0];
  const as = (user: TeamsUser) =>
    new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () => running.app.settle());
  const token = (userId: string, tenantId = gent.tenant.id) => api.devToken(tenantId, userId);
  let coachId = '';
  let closedTicket = '';
  let openTicket = '';
  let offeredCoach = '';

  const ask = (c: TeamsTestClient, question: string) => askForHelp(c, question, 'Stadskantoor, 3e verdieping');

  const running = withRunningApp({ clock, scheduler: false });
  before(async () => {
    api = new TabClient(running.app.url);
    const c = as(employee);
    await c.say('scan');
    await finishScan(c, (await c.tap('scan.begin', { profile: 'klantcontact' })).card!);
    await c.say('modules');
    // A question that a coach accepts, resolves, and the employee rates with a comment.
    const closed = await ask(c, 'Hoe plan ik een Teams-vergadering met een externe partij?');
    coachId = closed.coachId;
    closedTicket = closed.ticketId;
    await helpAndRate(c, as(personAsUser(coachId)), closed.offer, clock, {
      minutes: 9,
      rating: 4,
      comment: 'Heel fijn, dank aan mijn collega',
    });
    // A second question, still offered to a coach.
    ({ coachId: offeredCoach, ticketId: openTicket } = await ask(c, 'Waar vind ik mijn loonstrook in de running.app?'));
    await running.app.settle();
  });

  it('shows the signed-in user what is kept about them, and only about them', async () => {
    const mine = await api.get<Overview>('/api/v1/me/data', await token(employee.aadObjectId));
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.headers.get('cache-control'), 'no-store');
    assert.equal(mine.body.scanResults, 1);
    assert.equal(mine.body.helpRequests, 2);
    assert.equal(mine.body.chatReference, true);
    assert.equal(mine.body.coach, false);
    assert.equal(mine.body.anonymityThreshold, 5);

    const theirs = await api.get<Overview>('/api/v1/me/data', await token(colleague.id));
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.scanResults, 0, 'a colleague sees nothing of the employee');
    assert.equal(theirs.body.helpRequests, 0);

    const coach = await api.get<Overview>('/api/v1/me/data', await token(coachId));
    assert.equal(coach.body.coach, true);
    assert.ok(coach.body.coachTickets >= 1);

    assert.equal((await api.get('/api/v1/me/data')).status, 401);
    assert.equal((await api.get('/api/v1/me/data/export', undefined)).status, 401);
    assert.equal(
      (await api.call('GET', '/api/v1/me/data', { authorization: 'Bearer forged.token.value' })).status,
      401,
    );
  });

  it('downloads everything the app holds about the user as a JSON file; the chat says what it holds and links to it', async () => {
    const res = await api.get<Record<string, any>>('/api/v1/me/data/export', await token(employee.aadObjectId));
    assert.equal(res.status, 200, res.text);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /^attachment; filename="digivaardig-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const file = res.body;
    assert.equal(file.user.userId, employee.aadObjectId);
    assert.equal(file.scanResults.length, 1);
    assert.ok(file.scanResults[0].answers.length > 5, 'with the per-item answers');
    // Readable without the app: each answer's codes with the question and the chosen answer, in the user's language.
    for (const a of file.scanResults[0].answers) {
      assert.equal(typeof a.itemId, 'string');
      assert.ok('value' in a && typeof a.at === 'string');
      assert.ok(typeof a.question === 'string' && a.question.length > 10, `question text for ${a.itemId}`);
      assert.ok(
        typeof a.answer === 'string' && a.answer.length > 0 && a.answer !== String(a.value),
        `answer text for ${a.itemId}: ${a.answer}`,
      );
    }
    assert.ok(
      file.scanResults[0].answers.some((a: { answer: string }) =>
        /Zelfstandig|Met wat hulp|Kan ik anderen uitleggen|Dat kan ik|Juist|Onjuist|Weet ik niet/.test(a.answer),
      ),
      'Dutch answer words',
    );
    assert.ok(Object.keys(file.scanResults[0].levels).length > 0);
    assert.equal(file.helpRequests.length, 2);
    const closed = file.helpRequests.find((h: { ticketId: string }) => h.ticketId === closedTicket);
    assert.equal(closed.question, 'Hoe plan ik een Teams-vergadering met een externe partij?');
    assert.equal(closed.comment, 'Heel fijn, dank aan mijn collega');
    assert.equal(closed.rating, 4);
    assert.deepEqual(file.preferences, { scanReminders: true });
    assert.equal(file.chat.botCanMessageYou, true);
    assert.doesNotMatch(
      res.text,
      /serviceUrl|conversation"|"reference"/,
      'the conversation reference itself is not exported',
    );
    assert.equal(file.digicoach, null);
    assert.equal(file.leadershipScan, null);

    // In chat, "Download mijn gegevens" says what the file holds and opens "Mijn gegevens" in the tab: no JSON in a chat message.
    const chat = await as(employee).tap('privacy.export');
    assertValidCard(chat.card!, 'download card');
    const words = cardText(chat.card!);
    assert.match(words, /Mijn gegevens/);
    assert.match(words, /Zelfscan: 1 uitslag, van/);
    assert.match(words, /Hulpvragen: 2/);
    assert.match(words, /Herinneringen over de zelfscan: aan/);
    assert.doesNotMatch(words, /[{}]|"itemId"|scanResults/, 'no JSON on the card');
    const links: string[] = [];
    walk(chat.card!, (el) => void (el.type === 'Action.OpenUrl' && links.push(String(el.url))));
    assert.ok(
      links.includes(`${running.app.url}/tab/#my-data`),
      `a link to the tab's "Mijn gegevens" (${links.join(', ')})`,
    );
  });

  it('gives an English speaker the export’s texts in English', async () => {
    const res = await api.get<Record<string, any>>(
      '/api/v1/me/data/export',
      await token(employee.aadObjectId),
      'en-GB',
    );
    assert.equal(res.status, 200, res.text);
    const answers = res.body.scanResults[0].answers as Array<{ answer: string; question: string }>;
    assert.ok(
      answers.some((a) =>
        /On my own|With some help|I can explain it to others|I can't do this|True|False|I don't know/.test(a.answer),
      ),
      'English answer words',
    );
  });

  it('exports what a digicoach did, never the requesters or their questions', async () => {
    const res = await api.get<Record<string, any>>('/api/v1/me/data/export', await token(coachId));
    assert.equal(res.status, 200);
    assert.ok(res.body.digicoach, 'the coach record');
    assert.ok(Array.isArray(res.body.digicoach.topics));
    const handled = res.body.helpGivenAsDigicoach.find((t: { ticketId: string }) => t.ticketId === closedTicket);
    assert.ok(handled, 'the ticket they handled');
    assert.equal(handled.handledByYou, true);
    assert.equal(handled.minutesSpent, 9);
    assert.deepEqual(
      handled.yourSteps.map((s: { type: string }) => s.type),
      ['offered', 'accepted', 'resolved'],
    );
    assert.doesNotMatch(res.text, /Teams-vergadering|loonstrook|Heel fijn/, 'no question or comment of the requester');
    assert.doesNotMatch(res.text, new RegExp(employee.name), 'no requester name');
  });

  it('answers forged or malformed erasure requests with a localized 400 and changes nothing', async () => {
    const t = await token(employee.aadObjectId);
    for (const body of [{}, { confirm: 'no' }, { confirm: true }, { confirm: 'yes', userId: colleague.id }, ['yes']]) {
      const res = await api.call<{ error: string; message: string }>('POST', '/api/v1/me/data/delete', {
        token: t,
        body,
      });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.message, /niets (verwijderd|veranderd)/);
    }
    const malformed = await api.call('POST', '/api/v1/me/data/delete', { token: t, rawBody: '{"confirm": "yes"' });
    assert.equal(malformed.status, 400);
    const english = await api.call<{ message: string }>('POST', '/api/v1/me/data/delete', {
      token: t,
      body: { confirm: 'nope' },
      lang: 'en-GB',
    });
    assert.match(english.body.message, /Nothing was erased/);
    assert.equal((await api.get<Overview>('/api/v1/me/data', t)).body.scanResults, 1, 'still there');
  });

  it('refuses to erase a digicoach who still has an offered request, and says why', async () => {
    const res = await api.call<{ error: string; message: string }>('POST', '/api/v1/me/data/delete', {
      token: await token(offeredCoach),
      body: { confirm: 'yes' },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error, 'coach_busy');
    assert.match(res.body.message, /geef ze terug/);
    const record = await running.app.store.containers.tickets.item(`coach:${offeredCoach}`, gent.tenant.id).read();
    assert.ok(record.resource, 'the coach record is still there');
  });

  it('erases the user’s data after the confirmation; tickets keep their timings without the person; aggregates stay', async () => {
    const t = await token(employee.aadObjectId);
    await api.call('PUT', '/api/v1/me/reminders', { token: t, body: { remindersOff: true } });
    const aggregatesBefore = (
      await running.app.store.containers.aggregates.items.query('SELECT c.id, c._etag FROM c').fetchAll()
    ).resources;
    const closedBefore = (
      await running.app.store.containers.tickets.item(`ticket:${closedTicket}`, gent.tenant.id).read()
    ).resource;

    const res = await api.call<{ removed: number }>('POST', '/api/v1/me/data/delete', {
      token: t,
      body: { confirm: 'yes' },
    });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.removed >= 4);
    await running.app.settle();

    const key = `${gent.tenant.id}|${employee.aadObjectId}`;
    const inPartition = { query: 'SELECT c.id FROM c WHERE c.userKey = @k', parameters: [{ name: '@k', value: key }] };
    assert.deepEqual(
      (await running.app.store.containers.scans.items.query(inPartition, { partitionKey: key }).fetchAll()).resources,
      [],
      'scans, results, modules and the leadership scan are gone',
    );
    const users = (await running.app.store.containers.users.items.query(inPartition, { partitionKey: key }).fetchAll())
      .resources;
    assert.deepEqual(
      users.map((d) => d.id),
      ['nudge-optout'],
      'only the “no reminders” choice stays, so erasure does not switch reminders back on',
    );

    const closed = (await running.app.store.containers.tickets.item(`ticket:${closedTicket}`, gent.tenant.id).read())
      .resource;
    assert.equal(closed.requester.userId, 'erased');
    assert.equal(closed.requester.name, '—');
    assert.equal(closed.requester.teamId, undefined);
    assert.equal(closed.question, '—');
    assert.equal(closed.where, '—');
    assert.equal(closed.comment, undefined);
    assert.deepEqual(
      closed.events.map((e: { type: string; at: string }) => [e.type, e.at]),
      closedBefore.events.map((e: { type: string; at: string }) => [e.type, e.at]),
      'the timings stay',
    );
    assert.equal(closed.outcome, 'solved');
    assert.equal(closed.minutesSpent, 9);
    assert.equal(closed.coachId, coachId, 'the coach is not the one erased');
    assert.doesNotMatch(JSON.stringify(closed), new RegExp(employee.aadObjectId));

    const open = (await running.app.store.containers.tickets.item(`ticket:${openTicket}`, gent.tenant.id).read())
      .resource;
    assert.equal(open.state, 'cancelled', 'an open request is cancelled first');
    assert.equal(open.question, '—');
    assert.doesNotMatch(JSON.stringify(open), new RegExp(employee.aadObjectId));
    const coach = (await running.app.store.containers.tickets.item(`coach:${offeredCoach}`, gent.tenant.id).read())
      .resource;
    assert.equal(coach.pendingOffers, 0, 'the offered coach is released');

    const aggregatesAfter = (
      await running.app.store.containers.aggregates.items.query('SELECT c.id, c._etag FROM c').fetchAll()
    ).resources;
    const scanAggregates = (docs: Array<{ id: string; _etag: string }>) =>
      docs.filter((d) => !d.id.startsWith('help')).sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(scanAggregates(aggregatesAfter), scanAggregates(aggregatesBefore), 'scan aggregates untouched');

    const after = await api.get<Overview>('/api/v1/me/data', t);
    assert.equal(after.body.scanResults, 0);
    assert.equal(after.body.helpRequests, 0);
    assert.equal(after.body.remindersOff, true);
  });

  it('writes exports and erasures to the audit log without naming the person', async () => {
    const res = await api.get<{
      entries: Array<{ action: string; actorId: string; targetUserId?: string }>;
      names: Record<string, string>;
    }>('/api/v1/admin/audit', await token(adminId));
    assert.equal(res.status, 200);
    const actions = res.body.entries.filter((e) => e.action.startsWith('data.'));
    // This colleague exported twice and erased once (others in this file exported too).
    assert.equal(actions.filter((e) => e.action === 'data.deleted').length, 1);
    assert.ok(actions.filter((e) => e.action === 'data.exported').length >= 2);
    assert.ok(actions.every((e) => e.actorId === 'self' && e.targetUserId === undefined));
    assert.doesNotMatch(
      JSON.stringify(res.body),
      new RegExp(employee.aadObjectId),
      'the erased person’s id is nowhere in the log',
    );
  });

  it('serves the privacy statement and the terms in Dutch and English as plain pages, nothing loaded from elsewhere', async () => {
    for (const [url, lang, expect] of [
      [
        '/privacy',
        'nl',
        [
          /uitslagen: alleen jij/,
          /minstens 5 collega’s/,
          /bewaartermijn/,
          /Verwijderen/,
          /programmateam/,
          /eerste werkdag van elke maand/,
          /hooguit 3/,
          /geen herinneringen/,
        ],
      ],
      [
        '/privacy?lang=en',
        'en',
        [
          /only you/i,
          /at least 5 colleagues/,
          /retention period/,
          /Delete it/,
          /programme team/,
          /first working day of each month/,
          /at most 3/,
          /no reminders/,
        ],
      ],
      ['/terms', 'nl', [/Gebruiksvoorwaarden/]],
      ['/terms?lang=en', 'en', [/terms of use/i]],
    ] as const) {
      const res = await fetch(`${running.app.url}${url}`);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal(res.headers.get('vary'), 'Accept-Language', 'a shared cache keeps the languages apart');
      const html = await res.text();
      assert.match(html, new RegExp(`<html lang="${lang}`));
      for (const e of expect) assert.match(html, e, `${url}: ${e}`);
      assert.doesNotMatch(html, /<script|<link|https?:\/\//, `${url}: no scripts, stylesheets or external addresses`);
    }
  });

  it('links the scan intro to the statement with an absolute address', async () => {
    const c = as(personAsUser(colleague.id));
    const intro = cardOf((await c.say('scan')).replies[0]);
    const open = (intro.actions as Array<{ type: string; url?: string }>).find((a) => a.type === 'Action.OpenUrl');
    assert.equal(open?.url, `${running.app.url}/privacy`);
  });

  describe('tenant settings', () => {
    it('are for programme admins only', async () => {
      for (const who of [employee.aadObjectId, demoUser('leader').aadObjectId, demoUser('coach').aadObjectId]) {
        const t = await token(who);
        assert.equal((await api.get('/api/v1/admin/settings', t)).status, 403);
        assert.equal(
          (await api.call('PUT', '/api/v1/admin/settings', { token: t, body: { retentionMonths: 12 } })).status,
          403,
        );
      }
      assert.equal((await api.get('/api/v1/admin/settings')).status, 401);
    });

    it('show the defaults with a version, validate every change, and need the version back', async () => {
      const t = await token(adminId);
      const res = await api.get<{ retentionMonths: number | null; remindersEnabled: boolean; version: string }>(
        '/api/v1/admin/settings',
        t,
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.retentionMonths, null);
      assert.equal(res.body.remindersEnabled, true);
      assert.equal(res.headers.get('etag'), res.body.version);
      const version = res.body.version;

      const noVersion = await api.call<{ message: string }>('PUT', '/api/v1/admin/settings', {
        token: t,
        body: { retentionMonths: 12 },
      });
      assert.equal(noVersion.status, 428);
      assert.match(noVersion.body.message, /Laad de instellingen eerst/);

      for (const body of [
        {},
        { retentionMonths: 0 },
        { retentionMonths: 121 },
        { retentionMonths: 1.5 },
        { retentionMonths: '12' },
        { remindersEnabled: 'yes' },
        { retentionMonths: 12, tenantId: wk.tenant.id },
        [12],
      ]) {
        const bad = await fetch(`${running.app.url}/api/v1/admin/settings`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${t}`,
            'content-type': 'application/json',
            'if-match': version,
            'accept-language': 'nl-NL',
          },
          body: JSON.stringify(body),
        });
        assert.equal(bad.status, 400, JSON.stringify(body));
        assert.match(((await bad.json()) as { message: string }).message, /Er is niets veranderd/);
      }
      const malformed = await fetch(`${running.app.url}/api/v1/admin/settings`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', 'if-match': version },
        body: '{"retentionMonths": ',
      });
      assert.equal(malformed.status, 400);
      assert.equal(
        (await api.get<{ version: string }>('/api/v1/admin/settings', t)).body.version,
        version,
        'nothing changed',
      );
    });

    it('change with the version seen; a change based on an older version gets 412 and changes nothing; each change is audited old → new', async () => {
      const t = await token(adminId);
      const other = await token(gent.tenant.programmeAdmins[1] ?? adminId);
      const seen = (await api.get<{ version: string }>('/api/v1/admin/settings', t)).body.version;
      const put = (tok: string, version: string, body: unknown, lang = 'nl-NL') =>
        fetch(`${running.app.url}/api/v1/admin/settings`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${tok}`,
            'content-type': 'application/json',
            'if-match': version,
            'accept-language': lang,
          },
          body: JSON.stringify(body),
        });

      const first = await put(other, seen, { retentionMonths: 24, remindersEnabled: false });
      assert.equal(first.status, 200);
      const saved = (await first.json()) as { retentionMonths: number; remindersEnabled: boolean; version: string };
      assert.deepEqual([saved.retentionMonths, saved.remindersEnabled], [24, false]);
      assert.notEqual(saved.version, seen);

      const late = await put(t, seen, { retentionMonths: 6 }, 'en-GB');
      assert.equal(late.status, 412);
      assert.match(((await late.json()) as { message: string }).message, /Someone else just changed the settings/);
      const now = (await api.get<{ retentionMonths: number; version: string }>('/api/v1/admin/settings', t)).body;
      assert.equal(now.retentionMonths, 24, 'the earlier change stands');

      const keep = await put(t, now.version, { retentionMonths: null });
      assert.equal(keep.status, 200);
      assert.equal(((await keep.json()) as { retentionMonths: number | null }).retentionMonths, null);

      const tenant = (await running.app.store.containers.tenants.item('tenant', gent.tenant.id).read()).resource;
      assert.deepEqual(tenant.settings, { remindersEnabled: false }, 'null means: keep (no retention period stored)');
      assert.equal(tenant.name, gent.tenant.name, 'the rest of the tenant record is untouched');

      const audit = await api.get<{ entries: Array<{ action: string; changes?: unknown[] }> }>(
        '/api/v1/admin/audit',
        t,
      );
      const changes = audit.body.entries.filter((e) => e.action === 'settings.changed').map((e) => e.changes);
      assert.deepEqual(changes, [
        [{ field: 'retentionMonths', from: 24, to: null }],
        [
          { field: 'retentionMonths', from: null, to: 24 },
          { field: 'remindersEnabled', from: true, to: false },
        ],
      ]);

      const wkAdmin = await token(wk.tenant.programmeAdmins[0], wk.tenant.id);
      const theirs = await api.get<{ retentionMonths: number | null; remindersEnabled: boolean }>(
        '/api/v1/admin/settings',
        wkAdmin,
      );
      assert.deepEqual(
        [theirs.body.retentionMonths, theirs.body.remindersEnabled],
        [null, true],
        'another tenant’s settings are its own',
      );
    });
  });

  it('records who viewed the programme dashboard at most once per admin per day, and every CSV export', async () => {
    const t = await token(adminId);
    for (let i = 0; i < 3; i++) assert.equal((await api.get('/api/v1/programme', t)).status, 200);
    assert.equal((await api.get('/api/v1/programme/export.csv', t)).status, 200);
    clock.advance(24 * 3600_000);
    assert.equal((await api.get('/api/v1/programme', t)).status, 200);
    assert.equal((await api.get('/api/v1/programme', await token(employee.aadObjectId))).status, 403);
    const audit = await api.get<{
      entries: Array<{ action: string; actorId: string; at: string }>;
      names: Record<string, string>;
    }>('/api/v1/admin/audit', t);
    const views = audit.body.entries.filter((e) => e.action === 'programme.viewed');
    assert.equal(views.length, 2, 'one per day');
    assert.ok(views.every((v) => v.actorId === adminId));
    assert.equal(audit.body.entries.filter((e) => e.action === 'programme.exported').length, 1);
    assert.ok(audit.body.names[adminId], 'the admin is named in the list');
  });
});
