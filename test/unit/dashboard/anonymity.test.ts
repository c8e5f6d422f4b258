import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  effectiveThreshold,
  planDashboard,
  planPublication,
  type Structure,
} from '../../../bot/domain/dashboard/anonymity';
import { rank } from '../../helpers/rank';

/** A team (or the people without a team) as the tests know it: its groups and the truth about its people. */
interface Cell {
  groups: string[];
  members: number;
  respondents: number;
}

interface Org {
  structure: Structure;
  cells: Cell[];
  threshold: number;
}

function org(
  teams: Array<{ id: string; dep?: string; loc?: string; members: number; respondents: number }>,
  teamless = 0,
  threshold = 5,
): Org {
  const cells: Cell[] = teams.map((t) => ({
    groups: [
      'tenant|T',
      `team|${t.id}`,
      ...(t.dep ? [`department|${t.dep}`] : []),
      ...(t.loc ? [`location|${t.loc}`] : []),
    ],
    members: t.members,
    respondents: t.respondents,
  }));
  if (teamless > 0) cells.push({ groups: ['tenant|T'], members: teamless, respondents: Math.floor(teamless / 2) });
  return {
    structure: { tenantId: 'T', teams: teams.map((t) => ({ id: t.id, department: t.dep, location: t.loc })), teamless },
    cells,
    threshold,
  };
}

function plan(o: Org) {
  const teams = (pick: (c: Cell) => number) => new Map(o.structure.teams.map((t, i) => [t.id, pick(o.cells[i])]));
  const total = (pick: (c: Cell) => number) => o.cells.reduce((s, c) => s + pick(c), 0);
  return planDashboard(
    o.structure,
    { teams: teams((c) => c.members), tenant: total((c) => c.members) },
    { teams: teams((c) => c.respondents), tenant: total((c) => c.respondents) },
    o.threshold,
  );
}

/** Every non-empty set of teams an observer can compute from the published groups by adding and subtracting them. */
function derivableSets(cells: Cell[], published: Set<string>): number[][] {
  const rows = [...published].map((g) => cells.map((c) => (c.groups.includes(g) ? 1 : 0)));
  if (rows.length === 0) return [];
  const base = rank(rows);
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << cells.length; mask++) {
    const v = cells.map((_, i) => (mask >> i) & 1);
    if (rank([...rows, v]) === base) out.push(cells.map((_, i) => i).filter((i) => v[i] === 1));
  }
  return out;
}

const smallestDerivable = (o: Org, published: Set<string>, pick: (c: Cell) => number) =>
  Math.min(Infinity, ...derivableSets(o.cells, published).map((set) => set.reduce((s, i) => s + pick(o.cells[i]), 0)));

/** Random municipalities: departments and locations cross, a team sits in one of each (or none), some people have no team. */
const organisations = fc
  .record({
    departments: fc.integer({ min: 1, max: 4 }),
    locations: fc.integer({ min: 1, max: 3 }),
    teams: fc.array(
      fc.record({
        dep: fc.option(fc.nat(3), { freq: 6 }),
        loc: fc.option(fc.nat(2), { freq: 6 }),
        members: fc.integer({ min: 1, max: 12 }),
        answered: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    teamless: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
    threshold: fc.integer({ min: 3, max: 6 }),
  })
  .map(({ departments, locations, teams, teamless, threshold }) =>
    org(
      teams.map((t, i) => ({
        id: `t${i}`,
        dep: t.dep === null ? undefined : `d${t.dep % departments}`,
        loc: t.loc === null ? undefined : `l${t.loc % locations}`,
        members: t.members,
        respondents: Math.floor(t.members * t.answered),
      })),
      teamless,
      threshold,
    ),
  );

describe('anonymity: who may see which group', () => {
  it('uses the tenant setting, else the default, and never goes below 3', () => {
    assert.equal(effectiveThreshold(undefined, 5), 5);
    assert.equal(effectiveThreshold(7, 5), 7);
    assert.equal(effectiveThreshold(1, 5), 3);
    assert.equal(effectiveThreshold(null, 2), 3);
  });

  it('when a department has a small team and one other team, then that other team is suppressed too (else department minus team)', () => {
    // Westerkwartier's Openbare ruimte: Buitendienst (8) and Begraafplaatsen (4), both at Grootegast.
    const o = org([
      { id: 'buitendienst', dep: 'or', loc: 'gg', members: 8, respondents: 6 },
      { id: 'begraafplaatsen', dep: 'or', loc: 'gg', members: 4, respondents: 4 },
      { id: 'directie', dep: 'bv', loc: 'zh', members: 6, respondents: 5 },
      { id: 'bedrijfsvoering', dep: 'bv', loc: 'zh', members: 7, respondents: 5 },
    ]);
    const p = plan(o).participation;
    assert.equal(p.suppressed.get('team|begraafplaatsen'), 'below-threshold');
    assert.equal(p.suppressed.get('team|buitendienst'), 'complementary');
    for (const g of [
      'tenant|T',
      'department|or',
      'location|gg',
      'department|bv',
      'team|directie',
      'team|bedrijfsvoering',
    ])
      assert.ok(p.published.has(g), g);
    assert.ok(smallestDerivable(o, p.published, (c) => c.members) >= 5);
  });

  it('when a department is one small team, then the tenant minus every other team cannot reveal it either', () => {
    const o = org([
      { id: 'a1', dep: 'a', members: 9, respondents: 9 },
      { id: 'a2', dep: 'a', members: 9, respondents: 9 },
      { id: 'b1', dep: 'b', members: 2, respondents: 2 },
    ]);
    const p = plan(o).participation;
    assert.ok(!p.published.has('team|b1') && !p.published.has('department|b'));
    assert.ok(p.published.has('tenant|T'));
    assert.ok(smallestDerivable(o, p.published, (c) => c.members) >= 5);
  });

  it('when a location crosses departments, then location minus department cannot isolate a team either', () => {
    // d1 = {x (8), y (3)}, location L = {x, z (7)}: with y hidden, d1 − x = y; hide x; then L − z = x is fine (8).
    const o = org([
      { id: 'x', dep: 'd1', loc: 'L', members: 8, respondents: 8 },
      { id: 'y', dep: 'd1', loc: 'M', members: 3, respondents: 3 },
      { id: 'z', dep: 'd2', loc: 'L', members: 7, respondents: 7 },
      { id: 'w', dep: 'd2', loc: 'M', members: 9, respondents: 9 },
    ]);
    const p = plan(o).participation;
    assert.ok(!p.published.has('team|y'));
    assert.ok(smallestDerivable(o, p.published, (c) => c.members) >= 5);
  });

  it('results need enough respondents even where participation is shown, and their complements too', () => {
    const o = org([
      { id: 'a1', dep: 'a', members: 9, respondents: 8 },
      { id: 'a2', dep: 'a', members: 7, respondents: 2 },
      { id: 'b1', dep: 'b', members: 8, respondents: 7 },
    ]);
    const p = plan(o);
    assert.ok(p.participation.published.has('team|a2'));
    assert.equal(p.results.suppressed.get('team|a2'), 'below-threshold');
    assert.ok(smallestDerivable(o, p.results.published, (c) => c.respondents) >= 5);
  });

  it('a tenant smaller than the threshold shows nothing at all', () => {
    const p = plan(org([{ id: 'a', dep: 'd', members: 2, respondents: 2 }], 1)).participation;
    assert.equal(p.published.size, 0);
  });

  it('property: random organisations never expose a group below the threshold, directly or by subtraction', () => {
    fc.assert(
      fc.property(organisations, (o) => {
        const p = plan(o);
        const k = o.threshold;
        const sizeOf = (g: string, pick: (c: Cell) => number) =>
          o.cells.filter((c) => c.groups.includes(g)).reduce((s, c) => s + pick(c), 0);
        for (const g of p.participation.published)
          assert.ok(sizeOf(g, (c) => c.members) >= k, `${g} shown with fewer than ${k} members`);
        for (const g of p.results.published) {
          assert.ok(sizeOf(g, (c) => c.respondents) >= k, `${g} results with fewer than ${k} respondents`);
          assert.ok(p.participation.published.has(g), `${g} results without participation`);
        }
        assert.ok(smallestDerivable(o, p.participation.published, (c) => c.members) >= k, 'members of a derivable set');
        assert.ok(
          smallestDerivable(o, p.results.published, (c) => c.respondents) >= k,
          'respondents of a derivable set',
        );
        for (const g of new Set(o.cells.flatMap((c) => c.groups)))
          assert.ok(p.participation.published.has(g) !== p.participation.suppressed.has(g), `${g} decided once`);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a group of at least the threshold is suppressed only as a complement', () => {
    fc.assert(
      fc.property(organisations, (o) => {
        const members = new Map<string, number>();
        for (const c of o.cells) for (const g of c.groups) members.set(g, (members.get(g) ?? 0) + c.members);
        const p = planPublication(
          o.structure,
          new Map(o.structure.teams.map((t, i) => [t.id, o.cells[i].members])),
          o.cells.reduce((s, c) => s + c.members, 0),
          o.threshold,
        );
        const tenantSmall = members.get('tenant|T')! < o.threshold;
        for (const [g, why] of p.suppressed)
          if (!tenantSmall) assert.equal(why === 'below-threshold', members.get(g)! < o.threshold, g);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps most of a large organisation visible, and plans it quickly', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const teams = Array.from({ length: 5000 }, (_, i) => ({
      id: `t${i}`,
      dep: `d${Math.floor(rnd() * 100)}`,
      loc: `l${Math.floor(rnd() * 50)}`,
      members: rnd() < 0.05 ? 2 + Math.floor(rnd() * 3) : 5 + Math.floor(rnd() * 12),
      respondents: 0,
    }));
    const started = Date.now();
    const p = planPublication(
      { tenantId: 'T', teams, teamless: 0 },
      new Map(teams.map((t) => [t.id, t.members])),
      teams.reduce((s, t) => s + t.members, 0),
      5,
    );
    const ms = Date.now() - started;
    const hiddenTeams = teams.filter((t) => !p.published.has(`team|${t.id}`)).length;
    console.log(`      planned 5,000 teams in ${ms} ms; ${hiddenTeams} hidden`);
    assert.ok(ms < 5000, `planned in ${ms} ms`);
    assert.ok(hiddenTeams < teams.length * 0.2, `${hiddenTeams} of ${teams.length} teams hidden`);
    assert.ok(p.published.has('tenant|T'));
  });
});
