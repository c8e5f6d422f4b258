import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { withRunningApp } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { actionData, finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient, type TeamsUser } from '../helpers/teams';
import { FakeClock } from '../fakes/fake-clock';
import { TabClient } from '../unit/http/support/tab-client';
import type { CredentialStatus, ImportReport, NewCredential } from '../../bot/http/learning-routes';

const wk = demoSeeds.find((s) => s.tenant.country === 'NL')!;
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

/**
 * Completions that are not the employee's own word, through the real server and store: a
 * learning platform's CSV export (dry run first, refused while it has problems) and its xAPI
 * "completed" statements (own credential, idempotent by statement id, nothing changed on bad input).
 */
describe('completions from a learning platform: CSV import and xAPI statements', function () {
  this.timeout(120_000);
  const clock = new FakeClock(testNow());
  const running = withRunningApp({ clock, scheduler: false });
  let api: TabClient;
  const adminId = wk.tenant.programmeAdmins[0];
  const leaders = new Set(wk.teams.map((t) => t.leaderId));
  const [learner, other] = wk.users.filter(
    (u) => !u.coach && !leaders.has(u.id) && !wk.tenant.programmeAdmins.includes(u.id) && u.teamId && u.email,
  );
  const user: TeamsUser = { tenantId: wk.tenant.id, aadObjectId: learner.id, name: learner.name, locale: 'nl-NL' };
  let advised: string;
  let admin: string;

  const progress = async (userId: string) =>
    (
      await running.app.store.containers.scans
        .item('modules', `${wk.tenant.id}|${userId}`)
        .read<{ modules: Record<string, { state: string; sources?: string[] }> }>()
    ).resource?.modules ?? {};
  const statementCount = async () =>
    (
      await running.app.store.containers.schedule.items
        .query<number>({
          query: "SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t AND c.docType = 'xapi-statement'",
          parameters: [{ name: '@t', value: wk.tenant.id }],
        })
        .fetchAll()
    ).resources[0];

  before(async () => {
    api = new TabClient(running.app.url);
    admin = await api.devToken(wk.tenant.id, adminId);
    const c = new TeamsTestClient(running.app.url, running.conn.connector, running.conn.url, user, () =>
      running.app.settle(),
    );
    await c.say('scan');
    const begun = await c.tap('scan.begin', { profile: 'ondersteunend' });
    await finishScan(c, begun.card!);
    advised = String(actionData(cardOf((await c.say('modules')).replies[0]), 'module.mark')!.module);
  });

  describe('the CSV import', () => {
    // Built when a test runs: the advised module is known only after the `before` hook.
    const broken = () =>
      [
        'e-mailadres;module;datum',
        `${learner.email};${advised};01-11-2026`,
        'nobody@nowhere.test;mod-x;2026-11-01',
        `${other.email};;2026-11-01`,
        `${other.email};${advised};31-02-2026`,
        `${other.email};${advised};2031-01-01`,
      ].join('\n');

    it('reports every problem per row in a dry run and changes nothing', async () => {
      const res = await api.post<ImportReport>('/api/v1/admin/completions/import', admin, {
        csv: broken(),
        dryRun: true,
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        res.body.problems.map((p) => [p.row, p.code]),
        [
          [3, 'unknown-person'],
          [3, 'unknown-module'],
          [4, 'missing-module'],
          [5, 'bad-date'],
          [6, 'future-date'],
        ],
      );
      assert.equal(res.body.recorded, 1, 'the one good row would be recorded');
      assert.deepEqual(await progress(learner.id), {}, 'nothing recorded by a dry run');
    });

    it('refuses to import a file that still has problems, changing nothing', async () => {
      const res = await api.post('/api/v1/admin/completions/import', admin, { csv: broken(), dryRun: false });
      assert.equal(res.status, 409);
      assert.match(String(res.body.message), /Er is niets veranderd/);
      assert.deepEqual(await progress(learner.id), {});
    });

    it('imports the fixed file with the source "import", and a second import adds nothing', async () => {
      const fixed = ['employeeId,moduleId,date', `${learner.id},${advised},2026-11-01`].join('\n');
      const res = await api.post<ImportReport>('/api/v1/admin/completions/import', admin, {
        csv: fixed,
        dryRun: false,
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.recorded, 1);
      assert.deepEqual((await progress(learner.id))[advised].sources, ['import']);
      const again = await api.post<ImportReport>('/api/v1/admin/completions/import', admin, {
        csv: fixed,
        dryRun: true,
      });
      assert.deepEqual([again.body.recorded, again.body.alreadyRecorded], [0, 1]);
    });

    it('is for programme admins only', async () => {
      const employee = await api.devToken(wk.tenant.id, learner.id);
      const res = await api.post('/api/v1/admin/completions/import', employee, {
        csv: 'email;module;datum',
        dryRun: true,
      });
      assert.equal(res.status, 403);
    });
  });

  describe('the xAPI statements endpoint', () => {
    let secret: string;
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const post = (authorization: string, body: unknown, raw?: string) =>
      api.call<unknown>('POST', '/api/xapi/statements', { authorization, body, rawBody: raw });
    const statement = (id: string, verb = COMPLETED, mbox = `mailto:${other.email}`) => ({
      id,
      actor: { mbox, objectType: 'Agent' },
      verb: { id: verb, display: { 'en-US': 'completed' } },
      object: { id: `https://leerplatform.test/modules/${advised}`, objectType: 'Activity' },
      timestamp: '2026-11-10T10:00:00Z',
    });

    it('refuses statements before the admin created a credential', async () => {
      const res = await post(basic(wk.tenant.id, 'guess'), statement(randomUUID()));
      assert.equal(res.status, 401);
    });

    it('shows the new secret once and keeps only whether one exists', async () => {
      const created = await api.post<NewCredential>('/api/v1/admin/xapi-credential', admin);
      assert.equal(created.status, 201, created.text);
      secret = created.body.secret;
      assert.ok(secret.length >= 40);
      const status = await api.get<CredentialStatus>('/api/v1/admin/xapi-credential', admin);
      assert.equal(status.body.exists, true);
      assert.doesNotMatch(status.text, new RegExp(secret));
      const stored = JSON.stringify(
        (await running.app.store.containers.schedule.item('xapi-credential', wk.tenant.id).read()).resource,
      );
      assert.doesNotMatch(stored, new RegExp(secret), 'only the hash is stored');
      const employee = await api.devToken(wk.tenant.id, learner.id);
      assert.equal((await api.post('/api/v1/admin/xapi-credential', employee)).status, 403);
    });

    it('answers bad credentials, malformed JSON and statements that do not fit with clear errors, changing nothing', async () => {
      const good = basic(wk.tenant.id, secret);
      assert.equal((await post(basic(wk.tenant.id, `${secret}x`), statement(randomUUID()))).status, 401);
      assert.equal((await post(basic('other-tenant', secret), statement(randomUUID()))).status, 401);
      assert.equal((await post('Bearer abc', statement(randomUUID()))).status, 401);
      const malformed = await post(good, undefined, '{"id": ');
      assert.equal(malformed.status, 400);
      const cases = [
        { ...statement(randomUUID()), id: 'not-a-uuid' },
        statement(randomUUID(), 'http://adlnet.gov/expapi/verbs/attempted'),
        statement(randomUUID(), COMPLETED, 'mailto:nobody@nowhere.test'),
        [statement(randomUUID()), { ...statement(randomUUID()), object: { id: 'https://x.test/modules/nope' } }],
      ];
      for (const body of cases) {
        const res = await post(good, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match(JSON.stringify(res.body), /niets veranderd/);
      }
      assert.deepEqual(await progress(other.id), {});
      assert.equal(await statementCount(), 0);
    });

    it('records a completed statement with the source "xapi", once per statement id', async () => {
      const id = randomUUID();
      const good = basic(wk.tenant.id, secret);
      const res = await post(good, [statement(id)]);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, [id]);
      assert.deepEqual((await progress(other.id))[advised].sources, ['xapi']);
      const again = await post(good, statement(id));
      assert.equal(again.status, 200);
      assert.equal(await statementCount(), 1);
      assert.deepEqual((await progress(other.id))[advised].sources, ['xapi']);
    });

    it('stops taking the old secret once the admin rotates it', async () => {
      const rotated = await api.post<NewCredential>('/api/v1/admin/xapi-credential', admin);
      assert.notEqual(rotated.body.secret, secret);
      assert.equal((await post(basic(wk.tenant.id, secret), statement(randomUUID()))).status, 401);
      assert.equal((await post(basic(wk.tenant.id, rotated.body.secret), statement(randomUUID()))).status, 200);
    });
  });

  describe('the "follows the advice" figure split by source', () => {
    interface Programme {
      followUp: {
        modules: { finishers: number; confirmed: number; bySource: Record<string, number> };
      } | null;
    }

    it('shows the finishers per source and the confirmed ones from the release, never a count below k', async () => {
      // Ghent, where nobody took the scan yet: the example figures go through the same counters as the bot's.
      const gent = demoSeeds.find((s) => s.tenant.country === 'BE')!;
      const seeded = await api.post('/dev/demo-figures', undefined, { tenantId: gent.tenant.id });
      assert.equal(seeded.status, 200, seeded.text);
      const gentAdmin = await api.devToken(gent.tenant.id, gent.tenant.programmeAdmins[0]);
      const res = await api.get<Programme>('/api/v1/programme', gentAdmin);
      assert.equal(res.status, 200, res.text);
      const modules = res.body.followUp!.modules;
      const k = gent.tenant.anonymityThreshold;
      const values = [modules.confirmed, ...Object.values(modules.bySource)];
      for (const v of values) assert.ok(v === 0 || v >= k, `${v} is 0 or at least ${k}`);
      assert.deepEqual(Object.keys(modules.bySource).sort(), ['event', 'import', 'self', 'xapi']);
      assert.ok(modules.confirmed <= modules.finishers);
      for (const v of Object.values(modules.bySource)) assert.ok(v <= modules.finishers);
    });
  });
});
