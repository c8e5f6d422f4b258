import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import type { Clock } from '../../bot/domain/ports';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds, demoUser } from '../helpers/demo';
import { finishScan } from '../helpers/scan-driver';
import { cardOf, TeamsTestClient } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

const wk = demoSeeds[1];

interface Figures {
  withheld: string | null;
  participation: { completed: number } | null;
  results: { respondents: number; releasedAt: string; domains: Array<{ domain: string; levels: number[] }> } | null;
  help: { requests: number } | null;
}

/** A clock that runs with real time from the test moment and can jump ahead a day, like a night passing. */
function jumpingClock(): Clock & { nextDay(): void } {
  let offset = testNow().getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    nextDay: () => (offset += 24 * 3_600_000),
  };
}

/**
 * The attack that was seen, through the real server: the admin opens every department,
 * one named colleague finishes the scan in chat, the admin opens the organisation for the
 * first time. The organisation's figures come from the same released snapshot as the
 * departments', so the difference is the same as before the scan, and one more scan
 * moves nothing the next day either.
 */
describe('the tab API: one released snapshot for every group', function () {
  this.timeout(120_000);
  let app: App;
  let api: TabClient;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const data = tempDir('dv-tab-release-');
  const clock = jumpingClock();

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ dataDir: data.dir, clock });
    api = new TabClient(app.url);
    const res = await api.post('/dev/demo-figures', undefined, { tenantId: wk.tenant.id });
    assert.equal(res.status, 200, res.text);
  });
  after(async () => {
    await app?.stop();
    await conn?.close();
    data.remove();
  });

  const view = async (path: string): Promise<Figures> => {
    const admin = await api.devToken(wk.tenant.id, wk.tenant.programmeAdmins[0]);
    const res = await api.get<Figures>(path, admin);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const departments = () => Promise.all(wk.departments.map((d) => view(`/api/v1/programme/departments/${d.id}`)));
  const respondents = (f: Figures) => f.results?.respondents ?? 0;
  const completed = (f: Figures) => f.participation?.completed ?? NaN;
  const levels = (list: Figures[]) =>
    list.map((f) => (f.results?.domains ?? []).map((d) => `${d.domain}:${d.levels.join('/')}`).join(' '));

  it('when a colleague scans between the department views and the first organisation view, the organisation still adds up to the same release', async () => {
    const before = await departments();
    assert.ok(
      before.filter((d) => d.results).length >= 3,
      'several departments are released, as in the demo organisation',
    );

    const colleague = demoUser('employee', 1);
    const chat = new TeamsTestClient(app.url, conn.connector, conn.url, colleague);
    const { replies } = await chat.say('scan');
    assert.ok(cardOf(replies[0]));
    const start = await chat.tap('scan.begin', { profile: 'buitendienst' });
    await finishScan(chat, start.card!);
    await new Promise((r) => setTimeout(r, 300)); // the aggregates are counted in the background

    const organisation = await view('/api/v1/programme');
    // Every person of Westerkwartier is in a team of a department: the organisation is exactly their sum.
    assert.equal(
      completed(organisation),
      before.reduce((s, d) => s + completed(d), 0),
      'organisation minus its departments is nobody',
    );
    const after = await departments();
    assert.deepEqual(levels(after), levels(before), 'the departments are the same release');
    const rest = respondents(organisation) - after.reduce((s, d) => s + respondents(d), 0);

    clock.nextDay();
    await view('/api/v1/programme'); // the first view of the day starts the next release
    await new Promise((r) => setTimeout(r, 300));
    const nextOrganisation = await view('/api/v1/programme');
    const nextDepartments = await departments();
    assert.equal(
      respondents(nextOrganisation),
      respondents(organisation),
      'one new scan is fewer than five: nothing moves',
    );
    assert.deepEqual(levels([nextOrganisation]), levels([organisation]));
    assert.deepEqual(levels(nextDepartments), levels(before));
    assert.equal(respondents(nextOrganisation) - nextDepartments.reduce((s, d) => s + respondents(d), 0), rest);
  });

  it('exports the released figures in Dutch with ";" and a decimal comma, in English with "," and a decimal point', async () => {
    const admin = await api.devToken(wk.tenant.id, wk.tenant.programmeAdmins[0]);
    const nl = await api.get('/api/v1/programme/export.csv', admin);
    const en = await api.call('GET', '/api/v1/programme/export.csv', { token: admin, lang: 'en-US' });
    const nlRows = nl.text.trim().split('\r\n');
    const enRows = en.text.trim().split('\r\n');
    assert.equal(nlRows.length, enRows.length);
    assert.ok(
      nlRows.every((r) => !/\d\.\d/.test(r)),
      'no decimal point in the Dutch export',
    );
    assert.ok(
      enRows.every((r) => !/\d;\d/.test(r)),
      'no semicolon in the English export',
    );
    const nlRatings = nlRows.slice(1).map((r) => r.split(';')[17]);
    const enRatings = enRows.slice(1).map((r) => r.split(',')[17]);
    assert.deepEqual(
      nlRatings.map((x) => x.replace(',', '.')),
      enRatings,
      'the same released ratings in both languages',
    );
  });
});
