import assert from 'node:assert/strict';
import { advanceCell } from '../../../bot/domain/dashboard/release';
import { emptyHelp, emptyScan } from '../../../bot/domain/dashboard/rollups';

/** The "follows the advice" figure split by source goes through the same gate as every other counter. */
describe('the finishers split by source in the release', () => {
  const k = 5;
  const cell = (over: Partial<ReturnType<typeof emptyScan>>) => ({
    scan: { ...emptyScan(), ...over },
    help: emptyHelp(),
  });

  it('releases each source only once at least k people of a block count for it, and moves it only in steps of k', () => {
    let released = advanceCell(
      undefined,
      cell({ respondents: 20, moduleFinishers: 9, finishersSelf: 3, finishersEvent: 6, finishersConfirmed: 6 }),
      k,
      'day1',
    );
    assert.deepEqual(
      [
        released.scan.moduleFinishers,
        released.scan.finishersSelf,
        released.scan.finishersEvent,
        released.scan.finishersConfirmed,
      ],
      [9, 0, 6, 6],
      'three self-reported finishers are fewer than k: not shown',
    );
    released = advanceCell(
      released,
      cell({ respondents: 20, moduleFinishers: 10, finishersSelf: 3, finishersEvent: 7, finishersConfirmed: 7 }),
      k,
      'day2',
    );
    assert.equal(released.scan.finishersEvent, 6, 'one more attendee does not move the figure');
    assert.equal(released.at['scan.finishersEvent'], 'day1');
    released = advanceCell(
      released,
      cell({ respondents: 20, moduleFinishers: 14, finishersSelf: 8, finishersEvent: 11, finishersConfirmed: 11 }),
      k,
      'day3',
    );
    assert.deepEqual([released.scan.finishersSelf, released.scan.finishersEvent], [8, 11]);
  });

  it('reads counters written before the split existed as zero', () => {
    const { finishersSelf: _s, finishersConfirmed: _c, ...old } = emptyScan();
    const released = advanceCell(
      undefined,
      { scan: { ...old, respondents: 10, moduleFinishers: 6 }, help: emptyHelp() },
      k,
      'd',
    );
    assert.equal(released.scan.moduleFinishers, 6);
    assert.equal(released.scan.finishersSelf ?? 0, 0);
  });
});
