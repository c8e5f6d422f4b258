import assert from 'node:assert/strict';
import { coachCellOf, coachSuppression } from '../../../bot/domain/dashboard/coach-network';
import type { ScanGroupAggregate } from '../../../bot/domain/dashboard/dashboard-ports';
import {
  advanceCell,
  cellOfTeam,
  cellsOfGroup,
  mayRelease,
  readCells,
  REST_CELL,
  takeSnapshot,
} from '../../../bot/domain/dashboard/release';
import { emptyHelp, emptyScan } from '../../../bot/domain/dashboard/rollups';

const k = 5;
const scan = (respondents: number, level1 = respondents): ScanGroupAggregate => ({
  ...emptyScan(),
  respondents,
  completions: respondents,
  levels: { safety: [level1, respondents - level1, 0, 0] },
});
const cell = (s: ScanGroupAggregate) => ({ scan: s, help: emptyHelp() });

describe('the release model', () => {
  describe('the gate', () => {
    it('moves a figure only by at least k, to 0 or at least k', () => {
      assert.equal(mayRelease(0, 4, k), false, 'four people are not released');
      assert.equal(mayRelease(0, 5, k), true);
      assert.equal(mayRelease(5, 9, k), false, 'four more wait');
      assert.equal(mayRelease(5, 10, k), true);
      assert.equal(mayRelease(12, 6, k), true, 'six fewer, still six');
      assert.equal(mayRelease(7, 2, k), false, 'never down to fewer than k');
      assert.equal(mayRelease(7, 0, k), true, 'all gone');
    });

    it('when one colleague finishes the scan, then the block keeps its previous results, levels included', () => {
      const first = advanceCell(undefined, cell(scan(6, 3)), k, 'day1');
      assert.equal(first.scan.respondents, 6);
      assert.equal(first.at['scan.results'], 'day1');
      const next = advanceCell(first, cell(scan(7, 4)), k, 'day2');
      assert.deepEqual(next.scan, first.scan);
      assert.equal(next.at['scan.results'], 'day1');
      const later = advanceCell(next, cell(scan(11, 5)), k, 'day3');
      assert.equal(later.scan.respondents, 11);
      assert.deepEqual(later.scan.levels.safety, [5, 6, 0, 0]);
    });

    it('keeps a retake-only change until k new respondents come, and moves intake on its own counter', () => {
      const first = advanceCell(undefined, cell(scan(6, 6)), k, 'day1');
      const retake = { ...scan(6, 5), completions: 7, intakeRequests: 1 };
      const held = advanceCell(first, cell(retake), k, 'day2');
      assert.deepEqual(held.scan.levels.safety, [6, 0, 0, 0]);
      assert.equal(held.scan.intakeRequests, 0, 'one intake request is one person');
      const intakes = advanceCell(held, cell({ ...retake, intakeRequests: 5 }), k, 'day3');
      assert.equal(intakes.scan.intakeRequests, 5);
      assert.deepEqual(intakes.scan.levels.safety, [6, 0, 0, 0], 'results did not pass their own gate');
    });

    it('releases help requests, accepts and ratings each only in steps of k events', () => {
      const help = { ...emptyHelp(), requests: 6, accepted: 4, ratingCount: 5, ratingSum: 20 };
      const c = advanceCell(undefined, { scan: emptyScan(), help }, k, 'day1');
      assert.equal(c.help.requests, 6);
      assert.equal(c.help.accepted, 0);
      assert.equal(c.help.ratingSum, 20);
      const one = advanceCell(
        c,
        { scan: emptyScan(), help: { ...help, requests: 7, ratingCount: 6, ratingSum: 21 } },
        k,
        'day2',
      );
      assert.equal(one.help.requests, 6, 'one new request is not shown');
      assert.equal(one.help.ratingSum, 20, 'one new rating cannot be read from the average');
    });

    it('starts again from zero when the threshold is raised', () => {
      const reading = { cells: new Map([['team:a', cell(scan(6))]]), coaches: new Map() };
      const at5 = takeSnapshot(null, reading, 'T', 5, '2026-11-18', 'day1');
      assert.equal(at5.cells['team:a'].scan.respondents, 6);
      const at7 = takeSnapshot(at5, reading, 'T', 7, '2026-11-19', 'day2');
      assert.equal(at7.cells['team:a'].scan.respondents, 0);
    });
  });

  describe('blocks', () => {
    const teams = [
      { id: 'a', members: 8, departmentId: 'd1', locationId: 'l1' },
      { id: 'b', members: 3, departmentId: 'd1', locationId: 'l2' },
      { id: 'c', members: 2, departmentId: 'd1', locationId: 'l1' },
      { id: 'e', members: 6, locationId: 'l2' },
    ];

    it('gives teams of at least k their own block and pools the smaller ones per department', () => {
      assert.equal(cellOfTeam(teams[0], k), 'team:a');
      assert.equal(cellOfTeam(teams[1], k), 'pool:d1');
      assert.equal(cellOfTeam(teams[2], k), 'pool:d1');
    });

    it('makes every group of whole blocks: small teams count in their department, not their location', () => {
      const all = ['team:a', 'pool:d1', 'team:e', REST_CELL];
      assert.deepEqual(cellsOfGroup(teams, k, { kind: 'department', id: 'd1' }, all), ['team:a', 'pool:d1']);
      assert.deepEqual(cellsOfGroup(teams, k, { kind: 'location', id: 'l1' }, all), ['team:a']);
      assert.deepEqual(cellsOfGroup(teams, k, { kind: 'location', id: 'l2' }, all), ['team:e']);
      assert.deepEqual(cellsOfGroup(teams, k, { kind: 'team', id: 'b' }, all), []);
      assert.deepEqual(cellsOfGroup(teams, k, { kind: 'tenant', id: 'T' }, all), all);
    });

    it('reads the people in no team as the tenant minus its teams', () => {
      const cells = readCells(
        teams,
        k,
        new Map([
          ['a', scan(6)],
          ['b', scan(2)],
          ['c', scan(1)],
        ]),
        new Map(),
        scan(12),
        null,
      );
      assert.equal(cells.get('team:a')!.scan.respondents, 6);
      assert.equal(cells.get('pool:d1')!.scan.respondents, 3);
      assert.equal(cells.get(REST_CELL)!.scan.respondents, 3);
      assert.deepEqual(cells.get(REST_CELL)!.scan.levels.safety, [3, 0, 0, 0]);
    });
  });

  describe('the coach network', () => {
    it('withholds departments with fewer than k coaches, and a second one when the withheld are too few together', () => {
      const r = coachSuppression([{ coaches: 2 }, { coaches: 6 }, { coaches: 7 }], k);
      assert.deepEqual(r.rows, ['below-threshold', 'complementary', null]);
      assert.equal(r.total, null, 'the total minus the shown department is eight coaches');
      assert.equal(coachCellOf('d1', r.rows[0]), coachCellOf('d2', r.rows[1]), 'released together, in one cell');
      assert.notEqual(coachCellOf('d3', r.rows[2]), coachCellOf('d1', r.rows[0]));
    });

    it('withholds the total when nothing else can protect a small department', () => {
      const r = coachSuppression([{ coaches: 2 }, { coaches: 1 }], k);
      assert.deepEqual(r.rows, ['below-threshold', 'below-threshold']);
      assert.equal(r.total, 'below-threshold');
    });
  });
});
