import assert from 'node:assert/strict';
import path from 'node:path';
import type { UserContext } from '../../../../bot/domain/org';
import { ContentIndex } from '../../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../../bot/domain/scan/load-content';
import { MissingResultsJob } from '../../../../bot/domain/scan/missing-results-job';
import { type ScanService, type ScanView } from '../../../../bot/domain/scan/scan-service';
import type { ScanResult } from '../../../../bot/domain/scan/scan-types';
import { FakeClock, TUESDAY_MORNING } from '../../../fakes/fake-clock';
import { MemoryScanRepository, RecordingScanAggregates } from '../../../fakes/memory-scans';
import { scanServiceOn, someAnswer } from '../../../fakes/scan-service';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', '..', 'seeds', 'scan')));
const PROFILE = index.content.profiles[0].id;
const silentLog = { info() {}, warn() {}, error() {}, debug() {}, child: () => silentLog } as never;

const userNamed = (userId: string): UserContext => ({
  tenantId: 'tenant-after-turn',
  userId,
  name: userId,
  locale: 'nl',
  person: null,
  team: null,
  department: null,
  location: null,
  roles: ['employee'],
});

/** A store whose result writes fail while `down` is set (the server stopped, or the store failed, after the answer). */
class FlakyResults extends MemoryScanRepository {
  down = false;
  override async createResult(result: ScanResult) {
    if (this.down) throw Object.assign(new Error('store unavailable'), { code: 503 });
    return super.createResult(result);
  }
}

/**
 * The completing answer stores the completed session (which holds every answer) and shows the
 * result at once; the result itself is stored after the turn. A result that did not get stored
 * is stored later, by the person's next visit or by the sweep, and counted once.
 */
describe('the scan result, stored after the completing answer', () => {
  let scans: FlakyResults;
  let aggregates: RecordingScanAggregates;
  let clock: FakeClock;
  let failures: unknown[];
  const service = () =>
    scanServiceOn(index, { scans, aggregates, clock, onBackgroundError: (err) => failures.push(err) });

  beforeEach(() => {
    scans = new FlakyResults();
    aggregates = new RecordingScanAggregates();
    clock = new FakeClock(TUESDAY_MORNING);
    failures = [];
  });

  const completeScan = async (s: ScanService, user: UserContext): Promise<ScanView> => {
    let view: ScanView = await s.begin(user, { profileId: PROFILE });
    while (view.kind === 'question') {
      const q = view;
      const value = someAnswer(q);
      if (q.position > 3) scans.down = true; // answers are session writes: only the result write fails
      view = await s.answer(user, {
        sessionId: q.session.sessionId,
        itemId: q.item.id,
        position: q.position,
        contentVersion: q.session.contentVersion,
        value,
      });
    }
    await s.idle();
    scans.down = false;
    return view;
  };
  const completions = () => aggregates.events.filter((e) => e === 'scan-completed').length;

  it('shows the result even when storing it fails, and stores it on the next visit, counted once', async () => {
    const s = service();
    const user = userNamed('ilse');
    const shown = await completeScan(s, user);
    assert.equal(shown.kind, 'result');
    assert.equal(failures.length, 1, 'the failed result write is reported');
    assert.equal((await scans.results(user.tenantId, user.userId)).length, 0);
    assert.equal(completions(), 0);

    const later = await s.result(user);
    assert.equal(later.kind, 'result');
    if (later.kind !== 'result' || shown.kind !== 'result') return;
    assert.deepEqual(later.result.levels, shown.result.levels, 'the same result as shown');
    await s.idle();
    assert.equal((await scans.results(user.tenantId, user.userId)).length, 1);
    assert.equal(completions(), 1);
  });

  it('the sweep stores every missing result once, with two instances sweeping at the same time', async () => {
    const a = service();
    const b = service();
    for (const name of ['ada', 'bo']) await completeScan(a, userNamed(name));
    assert.equal(completions(), 0);
    const since = new Date(clock.now().getTime() - 60_000);
    const stored = await Promise.all([a, b].map((s) => s.storeMissingResults(since, async (_t, u) => userNamed(u))));
    await Promise.all([a.idle(), b.idle()]);
    assert.ok(stored[0] + stored[1] >= 2);
    for (const name of ['ada', 'bo']) assert.equal((await scans.results('tenant-after-turn', name)).length, 1);
    assert.equal(completions(), 2, 'each result counted once');
    assert.equal(await a.storeMissingResults(since, async (_t, u) => userNamed(u)), 0, 'nothing left to do');
  });

  it('looks back half an hour every run and a whole day at start, by the Clock', async () => {
    const s = service();
    await completeScan(s, userNamed('cas'));
    clock.advance(40 * 60_000);
    const job = new MissingResultsJob({ scan: s, userOf: async (_t, u) => userNamed(u), clock, log: silentLog });
    assert.equal(await job.runNow(), 0, 'completed 40 minutes ago: outside the half hour');
    assert.equal(await job.runNow(24 * 3600_000), 1);
    await s.idle();
    assert.equal(completions(), 1);
  });
});
