import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import type { Clock } from '../../bot/domain/ports';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds } from '../helpers/demo';
import { finishScan } from '../helpers/scan-driver';
import { TeamsTestClient } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

const wk = demoSeeds[1];
const TEAM = 'wk-team-directie';
const team = wk.teams.find((t) => t.id === TEAM)!;
const members = wk.users.filter((u) => u.teamId === TEAM);

interface Figures {
  results: { respondents: number } | null;
  growth: { people: number; upAnyRate: number; domains: Array<{ meanChange: number }> } | null;
  growthWithheld: string | null;
}

/** Real time from the test moment, able to jump whole days ahead (the nightly release, the retake period). */
function jumpingClock(): Clock & { days(n: number): void } {
  let offset = testNow().getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset), days: (n) => (offset += n * 24 * 3_600_000) };
}

/**
 * Growth through the real server and store: five colleagues of one team (threshold 5) take
 * the scan, then retake it a day later with better answers. The team's growth stays
 * withheld while four have two measurements, and appears, released the next day, once the
 * fifth retook.
 */
describe('growth per group through the real server: shown once the group has k people with two measurements', function () {
  this.timeout(240_000);
  let app: App;
  let api: TabClient;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const data = tempDir('dv-growth-');
  const clock = jumpingClock();

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ dataDir: data.dir, clock, env: { SCAN_RETAKE_DAYS: '1' } });
    api = new TabClient(app.url);
  });
  after(async () => {
    await app?.stop();
    await conn?.close();
    data.remove();
  });

  const scan = async (index: number, pick: number) => {
    const u = members[index];
    const chat = new TeamsTestClient(app.url, conn.connector, conn.url, {
      tenantId: wk.tenant.id,
      aadObjectId: u.id,
      name: u.name,
      locale: 'nl-NL',
    });
    await chat.say('scan');
    const start = await chat.tap('scan.begin', { profile: 'beleidsmedewerker' });
    await finishScan(chat, start.card!, (o) => o[Math.min(pick, o.length - 1)]);
  };
  /** The next night: the first view of the day takes the new release. */
  const nextDay = async () => {
    await new Promise((r) => setTimeout(r, 300)); // counters are stored after the turn
    clock.days(1);
    await teamView();
    await new Promise((r) => setTimeout(r, 300));
  };
  const teamView = async (): Promise<Figures> => {
    const leader = await api.devToken(wk.tenant.id, team.leaderId);
    const res = await api.get<Figures>(`/api/v1/teams/${TEAM}/dashboard`, leader);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };

  it('withholds growth at four retakes of five and shows it, with the first scan as the baseline, at five', async () => {
    for (let i = 0; i < 5; i++) await scan(i, 0);
    await nextDay();
    const first = await teamView();
    assert.equal(first.results?.respondents, 5);
    assert.equal(first.growth, null);
    assert.equal(first.growthWithheld, 'not-yet');

    for (let i = 0; i < 4; i++) await scan(i, 3);
    await nextDay();
    const four = await teamView();
    assert.equal(four.growth, null, 'four people with two measurements are fewer than the threshold');
    assert.equal(four.results?.respondents, 5);

    await scan(4, 3);
    await nextDay();
    const five = await teamView();
    assert.ok(five.growth, JSON.stringify(five));
    assert.equal(five.growth.people, 5);
    assert.ok(
      five.growth.domains.some((d) => d.meanChange > 0),
      'answers from the top of the scale after answers from the bottom: higher levels',
    );

    const admin = await api.devToken(wk.tenant.id, wk.tenant.programmeAdmins[0]);
    const csv = await api.get('/api/v1/programme/export.csv', admin);
    const [header, ...rows] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const col = header.split(';').indexOf('Twee metingen (aantal)');
    assert.ok(col > 0, header);
    // The programme's export has departments, locations and the organisation: the team's department holds the five.
    const department = rows.find((r) => r.split(';')[1] === team.departmentId);
    assert.ok(department, rows.join('\n'));
    assert.equal(department.split(';')[col], '5');
    // Growth per domain is a change of level only, never the mean level at the first scan.
    const changes = header
      .split(';')
      .map((h, i) => ({ h, i }))
      .filter(({ h }) => h.endsWith(': gemiddelde groei in niveaus sinds de eerste scan'));
    assert.ok(changes.length > 0, header);
    assert.ok(
      changes.some(({ i }) => Number(department.split(';')[i].replace(',', '.')) > 0),
      department,
    );
  });
});
