import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findSmallDeterminedSet } from './support/linear-auditor';
import {
  type Action,
  naiveReleases,
  type OrgSpec,
  type Release,
  releaseModel,
  SimulatedTenant,
  type Strategy,
} from './support/release-simulation';

const orgs: fc.Arbitrary<OrgSpec> = fc.record({
  departments: fc.integer({ min: 1, max: 4 }),
  locations: fc.integer({ min: 1, max: 3 }),
  teams: fc.array(
    fc.record({
      dep: fc.integer({ min: 0, max: 4 }),
      loc: fc.integer({ min: 0, max: 3 }),
      size: fc.integer({ min: 1, max: 9 }),
    }),
    { minLength: 2, maxLength: 7 },
  ),
  teamless: fc.integer({ min: 0, max: 3 }),
  k: fc.constantFrom(3, 4),
});

const actions: fc.Arbitrary<Action[]> = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('scan' as const), who: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('help' as const), who: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('view' as const), what: fc.nat() }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'day' as const }) },
  ),
  { minLength: 30, maxLength: 80 },
);

/** Re-measurement: a first wave of scans, then retakes mixed with newcomers, days passing and views. */
const remeasurement: fc.Arbitrary<Action[]> = fc
  .tuple(
    fc.array(fc.record({ kind: fc.constant('scan' as const), who: fc.nat() }), { minLength: 20, maxLength: 50 }),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.record({ kind: fc.constant('scan' as const), who: fc.nat() }) },
        { weight: 8, arbitrary: fc.record({ kind: fc.constant('retake' as const), who: fc.nat() }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('help' as const), who: fc.nat() }) },
        { weight: 5, arbitrary: fc.record({ kind: fc.constant('view' as const), what: fc.nat() }) },
        { weight: 2, arbitrary: fc.constant({ kind: 'day' as const }) },
      ),
      { minLength: 40, maxLength: 100 },
    ),
  )
  .map(([first, rest]) => [...first, { kind: 'day' as const }, ...rest]);

interface Audit {
  releases: number;
  /** Releases with at least one individual in them. */
  figures: number;
  /** Growth figures among them (each the change from the first to the latest levels). */
  growth: number;
  leak: { family: string; individuals: number[]; releases: Release[] } | null;
  /** Every release the attacker obtained, in order. */
  seen: Release[];
}

/**
 * Plays the attacker: the programme admin and every leader together, viewing whatever the
 * sequence says, keeping every figure they were shown, then asking whether the figures of
 * 1 to k−1 individuals follow from them.
 */
async function audit(spec: OrgSpec, seq: Action[], strategy: (sim: SimulatedTenant) => Strategy): Promise<Audit> {
  const sim = new SimulatedTenant(spec);
  const answer = strategy(sim);
  const seen: Release[] = [];
  for (const action of seq) {
    sim.step(action);
    if (action.kind === 'view') seen.push(...(await answer.view(sim.groups[action.what % sim.groups.length])));
  }
  const base = {
    releases: seen.length,
    figures: seen.filter((r) => r.members.length > 0).length,
    growth: seen.filter((r) => r.growth).length,
    seen,
  };
  for (const family of ['scan', 'help'] as const) {
    const rows = seen.filter((r) => r.family === family);
    const found = findSmallDeterminedSet(equationsOf(rows), spec.k);
    if (found) return { ...base, leak: { family, individuals: found, releases: rows } };
  }
  return { ...base, leak: null };
}

/** What the figures shown say: a sum over their members, less the first levels a growth figure starts from. */
const equationsOf = (releases: Release[]) =>
  releases.map((r) => (r.minus ? { plus: r.members, minus: r.minus } : r.members));

/** The attack as it was seen: five departments viewed, one colleague scans, then the organisation for the first time. */
const issueOrg: OrgSpec = {
  departments: 5,
  locations: 1,
  teams: [0, 1, 2, 3, 4].map((dep) => ({ dep, loc: 0, size: 8 })),
  teamless: 0,
  k: 4,
};
const issueSequence: Action[] = [
  ...[0, 1, 2, 3, 4].flatMap((team) =>
    [0, 1, 2, 3, 4, 5, 6].map((i) => ({ kind: 'scan' as const, who: team * 8 + i })),
  ),
  { kind: 'day' },
  ...[1, 2, 3, 4, 5].map((what) => ({ kind: 'view' as const, what })), // groups 1..5: the departments
  { kind: 'scan', who: 7 }, // the named colleague, the last of the first team
  { kind: 'view', what: 0 }, // the organisation
];

describe('the release auditor: nobody learns the figures of fewer than k people by adding and subtracting', function () {
  this.timeout(60_000);

  it('finds the attack that was seen on the old per-group releases: organisation minus departments is one colleague', async () => {
    const result = await audit(issueOrg, issueSequence, (sim) => naiveReleases(sim));
    assert.ok(result.leak, 'the auditor finds the leak');
    assert.deepEqual(result.leak.individuals, [7], 'exactly the colleague who scanned last');
  });

  it('finds nothing in the same sequence under the release model, with a snapshot at every view', async () => {
    for (const everyView of [true, false]) {
      const result = await audit(issueOrg, issueSequence, (sim) => releaseModel(sim, { everyView }));
      assert.equal(result.leak, null, JSON.stringify(result.leak));
      assert.ok(result.releases >= 6);
    }
  });

  it('finds the leak growth would open with its own gate: results of five minus growth of four is the fifth', () => {
    // k = 4; five people scanned (unknowns 0..4), four of them retook (unknowns 5..8 are their retakes).
    const results = [5, 6, 7, 8, 4];
    const growthBefore = [0, 1, 2, 3];
    const growthAfter = [5, 6, 7, 8];
    assert.deepEqual(findSmallDeterminedSet([results, growthBefore, growthAfter], 4), [4]);
  });

  it('shows growth for a department once k people retook, and the auditor finds nothing in it', async () => {
    const org: OrgSpec = { departments: 1, locations: 1, teams: [{ dep: 0, loc: 0, size: 6 }], teamless: 0, k: 4 };
    const seq: Action[] = [
      ...[0, 1, 2, 3, 4, 5].map((who) => ({ kind: 'scan' as const, who })),
      { kind: 'day' },
      { kind: 'view', what: 1 },
      ...[0, 1, 2].map((who) => ({ kind: 'retake' as const, who })),
      { kind: 'day' },
      { kind: 'view', what: 1 },
      ...[3, 4, 5].map((who) => ({ kind: 'retake' as const, who })),
      { kind: 'day' },
      { kind: 'view', what: 1 },
    ];
    const sim = new SimulatedTenant(org);
    const model = releaseModel(sim, { everyView: false });
    const grown: number[] = [];
    const seen: Release[] = [];
    for (const action of seq) {
      sim.step(action);
      if (action.kind !== 'view') continue;
      const releases = await model.view(sim.groups[action.what]);
      seen.push(...releases);
      grown.push(releases.find((r) => r.growth)?.members.length ?? 0);
    }
    assert.deepEqual(grown, [0, 0, 6], 'three retakes are fewer than k and wait; all six come out together');
    const rows = equationsOf(seen.filter((r) => r.family === 'scan'));
    assert.equal(findSmallDeterminedSet(rows, org.k), null);
  });

  it('shows growth as a change only: its first and latest levels apart would give away the one who did not retake', async () => {
    // k = 3. Four colleagues scan and are released; three of them retake while three newcomers scan.
    const org: OrgSpec = { departments: 1, locations: 1, teams: [{ dep: 0, loc: 0, size: 7 }], teamless: 0, k: 3 };
    const seq: Action[] = [
      ...[0, 1, 2, 3].map((who) => ({ kind: 'scan' as const, who })),
      { kind: 'day' },
      { kind: 'view', what: 0 },
      ...[0, 1, 2].map((who) => ({ kind: 'retake' as const, who })),
      ...[4, 5, 6].map((who) => ({ kind: 'scan' as const, who })),
      { kind: 'day' },
      { kind: 'view', what: 0 },
    ];
    const result = await audit(org, seq, (sim) => releaseModel(sim, { everyView: false }));
    assert.equal(result.growth, 1, 'the second view shows growth over the three who retook');
    assert.equal(result.leak, null, JSON.stringify(result.leak));

    // The same moments with growth shown as mean levels before and after: the first view's four
    // minus the three retakers' first levels is the fourth colleague, who never retook.
    const beforeAndAfter = result.seen
      .filter((r) => r.family === 'scan')
      .flatMap((r) => (r.minus ? [r.minus, r.members] : [r.members]));
    assert.deepEqual(findSmallDeterminedSet(beforeAndAfter, org.k), [3]);
  });

  it('property: over random organisations and sequences, the auditor catches the old behaviour', async () => {
    let caught = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(orgs, actions, async (spec, seq) => {
        runs++;
        if ((await audit(spec, seq, (sim) => naiveReleases(sim))).leak) caught++;
      }),
      { numRuns: 100, seed: 20261118 },
    );
    console.log(`      old behaviour: a leak found in ${caught} of ${runs} random sequences`);
    assert.ok(caught > 0);
  });

  it('property: over random organisations re-measuring (retakes, newcomers, views), results and growth together leak nothing', async () => {
    const started = Date.now();
    let sequences = 0;
    let releases = 0;
    let growth = 0;
    await fc.assert(
      fc.asyncProperty(orgs, remeasurement, fc.boolean(), async (spec, seq, everyView) => {
        const result = await audit(spec, seq, (sim) => releaseModel(sim, { everyView }));
        sequences++;
        releases += result.releases;
        growth += result.growth;
        assert.equal(result.leak, null, JSON.stringify(result.leak));
      }),
      { numRuns: 120 },
    );
    console.log(
      `      growth: ${sequences} re-measuring organisations, ${releases} releases, ${growth} growth figures ` +
        `checked in ${Date.now() - started} ms, no leak`,
    );
    assert.ok(growth > 50, 'the sequences reach growth figures');
  });

  it('property: over random organisations and sequences, the release model leaks nothing', async () => {
    const started = Date.now();
    let sequences = 0;
    let releases = 0;
    let figures = 0;
    let growth = 0;
    let actionsPlayed = 0;
    await fc.assert(
      fc.asyncProperty(orgs, actions, fc.boolean(), async (spec, seq, everyView) => {
        const result = await audit(spec, seq, (sim) => releaseModel(sim, { everyView }));
        sequences++;
        releases += result.releases;
        figures += result.figures;
        growth += result.growth;
        actionsPlayed += seq.length;
        assert.equal(result.leak, null, JSON.stringify(result.leak));
      }),
      { numRuns: 150 },
    );
    const ms = Date.now() - started;
    console.log(
      `      release model: ${sequences} random organisations and sequences, ${actionsPlayed} actions, ` +
        `${releases} releases (${figures} with people in them, ${growth} growth figures) checked in ${ms} ms, no leak`,
    );
  });
});
