import assert from 'node:assert/strict';
import path from 'node:path';
import { applyGrowth, emptyGrowth, growthOf, sumGrowth } from '../../../bot/domain/growth/growth';
import { mayReleaseResults } from '../../../bot/domain/dashboard/release';
import { emptyScan } from '../../../bot/domain/dashboard/rollups';
import type { UserContext } from '../../../bot/domain/org';
import { ContentIndex } from '../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../bot/domain/scan/load-content';
import type { ScanView } from '../../../bot/domain/scan/scan-service';
import type { AggregateEvent } from '../../../bot/domain/scan/scan-types';
import { FakeClock, TUESDAY_MORNING } from '../../fakes/fake-clock';
import { MemoryScanRepository, RecordingScanAggregates } from '../../fakes/memory-scans';
import { scanServiceOn, someAnswer } from '../../fakes/scan-service';

describe('growth per group: first scan against latest', () => {
  it('counts a second scan as a new pair and a third as replacing the latest, never the first', () => {
    const g = emptyGrowth();
    applyGrowth(g, { first: { safety: 1, content: 2 }, replaced: null, latest: { safety: 2, content: 2 } });
    assert.deepEqual(g, {
      people: 1,
      upAny: 1,
      measured: { safety: 1, content: 1 },
      before: { safety: 1, content: 2 },
      after: { safety: 2, content: 2 },
      up: { safety: 1 },
    });
    // The third scan: same person, the first stays the baseline, content drops back to 1.
    applyGrowth(g, {
      first: { safety: 1, content: 2 },
      replaced: { safety: 2, content: 2 },
      latest: { safety: 1, content: 1 },
    });
    assert.equal(g.people, 1, 'still one person');
    assert.equal(g.upAny, 0, 'no longer up anywhere');
    assert.deepEqual(g.after, { safety: 1, content: 1 });
    assert.equal(g.up.safety, 0);
  });

  it('measures a domain only when both scans had it (a profile change between scans)', () => {
    const g = emptyGrowth();
    applyGrowth(g, { first: { safety: 1, devices: 1 }, replaced: null, latest: { safety: 3 } });
    assert.deepEqual(g.measured, { safety: 1 });
    assert.equal(g.before.devices, undefined);
  });

  it('adds up teams into a department and turns counts into means and shares', () => {
    const a = emptyGrowth();
    const b = emptyGrowth();
    applyGrowth(a, { first: { safety: 1 }, replaced: null, latest: { safety: 3 } });
    applyGrowth(b, { first: { safety: 2 }, replaced: null, latest: { safety: 2 } });
    applyGrowth(b, { first: { safety: 2 }, replaced: null, latest: { safety: 3 } });
    const sum = sumGrowth([a, b, undefined]);
    const f = growthOf(sum, ['content', 'safety'], '2026-12-01T00:00:00Z');
    assert.equal(f.people, 3);
    assert.equal(Math.round(f.upAnyRate * 100), 67);
    assert.deepEqual(f.domains, [{ domain: 'safety', measured: 3, meanChange: 1, upRate: 2 / 3 }]);
  });
});

describe('the results gate with growth: results and growth move together', () => {
  const agg = (respondents: number, twice: number) => ({
    ...emptyScan(),
    respondents,
    growth: { ...emptyGrowth(), people: twice },
  });
  const k = 5;

  it('keeps fewer than k retakes back, and releases them once k people of the block retook', () => {
    assert.equal(mayReleaseResults(agg(10, 0), agg(10, 4), k), false);
    assert.equal(mayReleaseResults(agg(10, 0), agg(10, 5), k), true);
  });

  it('never leaves fewer than k people with one scan beside the growth figures', () => {
    assert.equal(mayReleaseResults(agg(0, 0), agg(8, 0), k), true);
    assert.equal(mayReleaseResults(agg(8, 0), agg(8, 5), k), false, '8 − 5 = 3 people would be results minus growth');
    assert.equal(mayReleaseResults(agg(8, 0), agg(8, 8), k), true);
    assert.equal(mayReleaseResults(agg(8, 0), agg(13, 5), k), true);
  });

  it('keeps new respondents back while fewer than k retakes are pending beside them', () => {
    assert.equal(mayReleaseResults(agg(10, 0), agg(15, 2), k), false);
    assert.equal(mayReleaseResults(agg(10, 0), agg(15, 0), k), true);
  });
});

describe('ScanService keeps the first scan as the baseline on every retake', () => {
  const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', 'seeds', 'scan')));
  const PROFILE = index.content.profiles[0].id;
  const user: UserContext = {
    tenantId: 'tenant-growth',
    userId: 'noor',
    name: 'Noor',
    locale: 'nl',
    person: null,
    team: null,
    department: null,
    location: null,
    roles: ['employee'],
  };

  const makeService = () => {
    const scans = new MemoryScanRepository();
    const aggregates = new RecordingScanAggregates();
    const clock = new FakeClock(TUESDAY_MORNING);
    const service = scanServiceOn(index, { scans, aggregates, clock });
    /**
     * One whole scan answering `self` to every self-rating; `beforeAnswer` runs before each
     * answer. The completing answer's result lookups are returned with the result.
     */
    const scanOnce = async (self: string, beforeAnswer?: () => void) => {
      let view: ScanView = await service.begin(user, { profileId: PROFILE });
      let lookups = 0;
      while (view.kind === 'question') {
        const q = view;
        const value = someAnswer(q, self);
        const before = scans.resultQueries;
        beforeAnswer?.();
        view = await service.answer(user, {
          sessionId: q.session.sessionId,
          itemId: q.item.id,
          position: q.position,
          contentVersion: q.session.contentVersion,
          value,
        });
        lookups = scans.resultQueries - before;
      }
      assert.equal(view.kind, 'result');
      clock.advance(91 * 86_400_000);
      return { result: view.kind === 'result' ? view.result : null!, lookups };
    };
    const growthEvents = () =>
      aggregates.recorded
        .filter((e): e is Extract<AggregateEvent, { type: 'scan-completed' }> => e.type === 'scan-completed')
        .map((e) => e.growth ?? null);
    return { scans, service, scanOnce, growthEvents };
  };

  it('stores the first result on the second and third, and counts the pair the retake replaces', async () => {
    const { service, scanOnce, growthEvents } = makeService();
    const first = (await scanOnce('1')).result;
    const second = await scanOnce('4');
    const third = await scanOnce('3');
    await service.idle();
    assert.equal(first.baseline, undefined, 'a first scan has no baseline');
    assert.deepEqual(second.result.baseline, {
      resultId: first.resultId,
      completedAt: first.completedAt,
      levels: first.levels,
    });
    assert.deepEqual(third.result.baseline, second.result.baseline, 'the third keeps the first as its baseline');
    assert.deepEqual(third.result.previousLevels, second.result.levels);
    assert.deepEqual(growthEvents(), [
      null,
      { first: first.levels, replaced: null, latest: second.result.levels },
      { first: first.levels, replaced: second.result.levels, latest: third.result.levels },
    ]);
    // The session carries what completing needs from the results before it: the last answer looks nothing up.
    assert.deepEqual([second.lookups, third.lookups], [0, 0]);
  });

  it('completes a retake begun before sessions carried their previous result the same way, by reading the results', async () => {
    const { scans, service, scanOnce, growthEvents } = makeService();
    const first = (await scanOnce('1')).result;
    const second = (await scanOnce('4')).result;
    // A session stored by the earlier version: no `previous` on it.
    const stripPrevious = () => {
      for (const stored of scans.sessions.values()) delete stored.value.previous;
    };
    const third = await scanOnce('3', stripPrevious);
    await service.idle();
    assert.ok(third.lookups > 0, 'the old session makes the completing turn read the results');
    assert.deepEqual(third.result.baseline, second.baseline);
    assert.deepEqual(third.result.previousLevels, second.levels);
    assert.deepEqual(growthEvents()[2], { first: first.levels, replaced: second.levels, latest: third.result.levels });
  });
});
