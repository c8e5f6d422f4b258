import assert from 'node:assert/strict';
import { dashboardsToCsv } from '../../../bot/domain/dashboard/csv-export';
import { helpOf, participationOf, resultsOf, trendOf } from '../../../bot/domain/dashboard/figures';
import type { GroupDashboard } from '../../../bot/domain/dashboard/group-dashboard';
import { csvLabels } from '../../../bot/http/csv-labels';
import { MINUTE_BUCKETS } from '../../../bot/domain/help/help-aggregate';

const scan = {
  respondents: 6,
  inProgress: 2,
  completions: 7,
  completionsByMonth: { '2026-02': 3, '2026-03': 4 },
  levels: {},
  belowTarget: {},
  measured: {},
  intakeRequests: 1,
  moduleStarters: 4,
  moduleFinishers: 3,
};
const buckets = (at: number, n: number) => MINUTE_BUCKETS.map((_, i) => (i === at ? n : 0));

describe('dashboard figures', () => {
  it('counts participation against the team size: completed, in progress, not started', () => {
    assert.deepEqual(participationOf(10, scan), {
      members: 10,
      completed: 6,
      inProgress: 2,
      notStarted: 2,
      rate: 0.6,
      goal: 0.95,
    });
    assert.equal(participationOf(0, null).rate, 0);
  });

  it('ranks the top development domains by the share below target', () => {
    const r = resultsOf(
      {
        completions: 6,
        respondents: 6,
        releasedAt: 'x',
        value: {
          levels: { a: [1, 2, 2, 1], b: [3, 3, 0, 0], c: [0, 0, 3, 3] },
          belowTarget: { a: 1, b: 5, c: 0 },
          measured: { a: 6, b: 6, c: 6 },
        },
      },
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      r.domains.map((d) => d.domain),
      ['c', 'b', 'a'],
      'in the content’s order',
    );
    assert.deepEqual(r.topDevelopment, ['b', 'a']);
    assert.equal(r.domains[2].atTargetRate, 5 / 6);
  });

  it('shows medians and ratings of help only over at least the threshold of events', () => {
    const help = {
      requests: 6,
      intakes: 0,
      offers: 7,
      declines: 1,
      timeouts: 0,
      escalations: 0,
      accepted: 4,
      resolved: 5,
      ratingCount: 5,
      ratingSum: 21,
      acceptMinutes: buckets(3, 4),
      resolveMinutes: buckets(5, 5),
      byMonth: {},
    };
    const h = helpOf(help, 5);
    assert.equal(h.medianAcceptMinutes, null, 'four accepts: too few');
    assert.equal(h.medianResolveMinutes, 30);
    assert.equal(h.averageRating, 4.2);
    assert.equal(
      helpOf({ ...help, resolveMinutes: buckets(MINUTE_BUCKETS.length - 1, 5) }, 5).medianResolveMinutes,
      10081,
      'more than a week, as a number',
    );
  });

  it('gives twelve months of trend, oldest first', () => {
    const t = trendOf(scan, null, new Date('2026-03-15T00:00:00Z'));
    assert.equal(t.length, 12);
    assert.deepEqual(t.slice(-2), [
      { month: '2026-02', completions: 3, helpRequests: 0 },
      { month: '2026-03', completions: 4, helpRequests: 0 },
    ]);
  });

  it('exports withheld groups as empty cells with the reason, and defuses formulas in names', () => {
    const withheld: GroupDashboard = {
      group: { kind: 'department', id: 'd1', name: '=HYPERLINK("x")' },
      threshold: 5,
      withheld: 'complementary',
      participation: null,
      trend: null,
      help: null,
      results: null,
      resultsWithheld: 'complementary',
      followUp: null,
      followUpWithheld: 'complementary',
      growth: null,
      growthWithheld: 'complementary',
    };
    const csv = dashboardsToCsv([withheld], [{ id: 'safety', name: 'Veiligheid' }], csvLabels('nl', 5), 'nl');
    const [header, row] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.match(header, /Veiligheid: op of boven doel \(%\);/);
    assert.match(header, /Veiligheid: gemiddelde groei in niveaus sinds de eerste scan$/);
    const cells = row.split(';');
    assert.equal(cells[2], '"\'=HYPERLINK(""x"")"');
    assert.equal(cells[3], 'niet getoond: zou een kleinere groep verraden');
    assert.ok(
      cells.slice(5).every((c) => c === ''),
      'no number for a withheld group',
    );
  });
});

describe('the CSV export in the reader’s spreadsheet format', () => {
  const shown: GroupDashboard = {
    group: { kind: 'tenant', id: 't', name: 'Gemeente, Noord' },
    threshold: 5,
    withheld: null,
    participation: { members: 20, completed: 10, inProgress: 0, notStarted: 10, rate: 0.5, goal: 0.95 },
    trend: null,
    help: {
      requests: 12,
      accepted: 10,
      resolved: 9,
      medianAcceptMinutes: 5,
      medianResolveMinutes: 30,
      averageRating: 4.2,
      articleSolved: 0,
      articleShare: 0,
      medianAnswerMinutes: 5,
    },
    results: null,
    resultsWithheld: 'not-yet',
    followUp: null,
    followUpWithheld: 'not-yet',
    growth: null,
    growthWithheld: 'not-yet',
  };

  it('in Dutch separates with ";" and writes the decimal comma, so Excel reads 4,2 as a number', () => {
    const [, row] = dashboardsToCsv([shown], [], csvLabels('nl', 5), 'nl').trim().split('\r\n');
    const cells = row.split(';');
    assert.equal(cells[2], 'Gemeente, Noord', 'a comma in a name needs no quotes with ";"');
    assert.equal(cells[17], '4,2');
    assert.equal(cells[9], '50');
  });

  it('in English separates with "," and writes the decimal point, quoting a name with a comma', () => {
    const [, row] = dashboardsToCsv([shown], [], csvLabels('en', 5), 'en').trim().split('\r\n');
    assert.match(row, /^[^,]+,t,"Gemeente, Noord",/);
    assert.ok(row.endsWith(',5,30,4.2,,'), row);
  });
});
