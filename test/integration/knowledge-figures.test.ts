import assert from 'node:assert/strict';
import type { App } from '../../bot/wiring/app';
import type { Clock } from '../../bot/domain/ports';
import type { HelpFigures } from '../../bot/domain/dashboard/figures';
import { startConnector, startTestApp, tempDir } from '../helpers/app';
import { testNow } from '../helpers/clock';
import { demoSeeds, demoUser } from '../helpers/demo';
import { cardText } from '../helpers/cards';
import { TeamsTestClient } from '../helpers/teams';
import { TabClient } from '../unit/http/support/tab-client';

const wk = demoSeeds[1];

/** A clock that runs with real time from the test moment and can jump ahead a day, like a night passing. */
function jumpingClock(): Clock & { nextDay(): void } {
  let offset = testNow().getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    nextDay: () => (offset += 24 * 3_600_000),
  };
}

/**
 * "Opgelost door uitleg" and the time to an answer on the organisation view: counted in the
 * asker's groups and released like every help figure (daily, in steps of at least k).
 */
describe('the dashboards: questions solved by the knowledge base, under the anonymity rules', function () {
  this.timeout(120_000);
  let app: App;
  let api: TabClient;
  let conn: Awaited<ReturnType<typeof startConnector>>;
  const data = tempDir('dv-knowledge-figures-');
  const clock = jumpingClock();
  const colleague = demoUser('employee', 1);

  before(async () => {
    conn = await startConnector();
    app = await startTestApp({ dataDir: data.dir, clock });
    api = new TabClient(app.url);
  });
  after(async () => {
    await app?.stop();
    await conn?.close();
    data.remove();
  });

  const help = async (): Promise<HelpFigures> => {
    const admin = await api.devToken(wk.tenant.id, wk.tenant.programmeAdmins[0]);
    const res = await api.get<{ help: HelpFigures }>('/api/v1/programme', admin);
    assert.equal(res.status, 200, res.text);
    return res.body.help;
  };
  /** A night passes: the first view of the day starts the next release. */
  const nextRelease = async () => {
    clock.nextDay();
    await help();
    await new Promise((r) => setTimeout(r, 300));
    return help();
  };
  const helped = async (times: number) => {
    const chat = new TeamsTestClient(app.url, conn.connector, conn.url, colleague, () => app.settle());
    for (let i = 0; i < times; i++) {
      const res = await chat.tap('knowledge.helped', { a: 'payslip-view' });
      assert.match(cardText(res.card!), /Fijn dat het gelukt is/);
    }
    await app.settle();
  };

  it('shows nothing until at least k questions were solved by an article, then the share and the time to an answer', async () => {
    const first = await nextRelease();
    assert.equal(first.articleSolved, 0);
    assert.equal(first.medianAnswerMinutes, null);

    await helped(4);
    const four = await nextRelease();
    assert.equal(four.articleSolved, 0, 'four are fewer than five: nothing moves');
    assert.equal(four.articleShare, null);

    await helped(1);
    const five = await nextRelease();
    assert.equal(five.articleSolved, 5);
    assert.equal(five.articleShare, 5 / (5 + five.requests));
    assert.equal(five.medianAnswerMinutes, 1, 'an article answers at once: within the first minute');

    await helped(1);
    assert.equal((await nextRelease()).articleSolved, 5, 'one more moves nothing');
  });
});
