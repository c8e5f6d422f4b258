import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { dashboardsToCsv } from '../../../bot/domain/dashboard/csv-export';
import { csvLabels } from '../../../bot/http/csv-labels';
import { DashboardService } from '../../../bot/domain/dashboard/dashboard-service';
import { buildOrgShape } from '../../../bot/domain/dashboard/org-shape';
import { readCells, takeSnapshot } from '../../../bot/domain/dashboard/release';
import { emptyHelp, emptyScan } from '../../../bot/domain/dashboard/rollups';
import { viewOf, type TenantView, type TenantViews } from '../../../bot/domain/dashboard/tenant-views';
import type { OrgUnit, Person, Tenant } from '../../../bot/domain/org';
import type { Directory } from '../../../bot/domain/ports';
import type { ScanGroupAggregate } from '../../../bot/domain/dashboard/dashboard-ports';

const K = 5;
const T = 'T';

/** Two departments of two teams of 6, each team in one location; `teamless` people in no team. */
function organisation(teamless: number) {
  const units: OrgUnit[] = [
    { tenantId: T, kind: 'department', id: 'd1', name: 'Burgerzaken' },
    { tenantId: T, kind: 'department', id: 'd2', name: 'Sociaal domein' },
    { tenantId: T, kind: 'location', id: 'l1', name: 'Stadhuis' },
    ...['a', 'b'].map((id) => ({ tenantId: T, kind: 'team', id, name: id, departmentId: 'd1', locationId: 'l1' })),
    ...['c', 'd'].map((id) => ({ tenantId: T, kind: 'team', id, name: id, departmentId: 'd2', locationId: 'l1' })),
  ] as OrgUnit[];
  const people: Person[] = [];
  for (const team of ['a', 'b', 'c', 'd'])
    for (let i = 0; i < 6; i++) people.push({ tenantId: T, id: `${team}${i}`, name: `${team}${i}`, teamId: team });
  for (let i = 0; i < teamless; i++) people.push({ tenantId: T, id: `x${i}`, name: `x${i}` });
  return { units, people };
}

const scan = (respondents: number): ScanGroupAggregate => ({ ...emptyScan(), respondents, completions: respondents });

/** The released view after one snapshot: 5 respondents in every team, and `rest` more the tenant counts beyond its teams. */
function viewWith(teamless: number, rest: number): TenantView {
  const { units, people } = organisation(teamless);
  const shape = buildOrgShape(T, people, units, '2026-11-18T00:00:00Z');
  const teams = ['a', 'b', 'c', 'd'].map((id) => ({
    id,
    members: 6,
    departmentId: id < 'c' ? 'd1' : 'd2',
    locationId: 'l1',
  }));
  const perTeam = new Map(teams.map((t) => [t.id, scan(5)]));
  const cells = readCells(teams, K, perTeam, new Map(), scan(20 + rest), emptyHelp());
  const snapshot = takeSnapshot(null, { cells, coaches: new Map() }, T, K, '2026-11-18', '2026-11-18T09:00:00Z');
  return { ...viewOf(shape, snapshot, K), loadedAt: 0, loadMs: 0 };
}

function service(view: TenantView): DashboardService {
  const tenant = { tenantId: T, name: 'Gemeente', programmeAdmins: ['admin'] } as Tenant;
  const directory = { getTenant: async () => tenant } as unknown as Directory;
  return new DashboardService({
    views: { get: async () => view } as unknown as TenantViews,
    directory,
    clock: { now: () => new Date('2026-11-18T09:30:00Z') },
    domainOrder: async () => [],
  });
}

const sum = (
  rows: Array<{ participation: { members: number; completed: number } | null }>,
  key: 'members' | 'completed',
) => rows.reduce((n, r) => n + (r.participation?.[key] ?? 0), 0);

describe('colleagues in no department: "onbekende afdeling"', () => {
  it('counts them in a row of their own, so departments and locations each add up to the organisation total', async () => {
    const view = viewWith(6, 5);
    const units = await service(view).units({ tenantId: T, userId: 'admin' });
    const unknown = units.departments.find((d) => d.unknown)!;
    assert.ok(unknown, 'an "onbekende afdeling" row');
    assert.deepEqual(
      { members: unknown.participation!.members, completed: unknown.participation!.completed },
      { members: 6, completed: 5 },
    );
    const total = 30;
    assert.equal(sum(units.departments, 'members'), total);
    assert.equal(sum(units.departments, 'completed'), 25);
    assert.equal(sum(units.locations, 'members'), total);
    assert.equal(sum(units.locations, 'completed'), 25);
    assert.ok(
      units.locations.some((l) => l.unknown),
      'the same for locations',
    );
  });

  it('withholds the row when it would be a group below the threshold, and shows no figure for it', async () => {
    const view = viewWith(2, 0);
    const units = await service(view).units({ tenantId: T, userId: 'admin' });
    const unknown = units.departments.find((d) => d.unknown);
    assert.ok(unknown, 'the row is there, withheld');
    assert.equal(unknown.participation, null);
    assert.notEqual(unknown.withheld, null);
  });

  it('adds no row when everyone is in a department', async () => {
    const units = await service(viewWith(0, 0)).units({ tenantId: T, userId: 'admin' });
    assert.equal(units.departments.filter((d) => d.unknown).length, 0);
  });
});

/** The programme export as the admin downloads it, parsed: one record per row, by the Dutch column names. */
async function exported(view: TenantView): Promise<Array<Record<string, string>>> {
  const { dashboards } = await service(view).everyProgrammeGroup({ tenantId: T, userId: 'admin' });
  const csv = dashboardsToCsv(dashboards, [], csvLabels('nl', K), 'nl');
  return parse<Record<string, string>>(csv, { columns: true, delimiter: ';', bom: true });
}

describe('the programme export and "onbekende afdeling"', () => {
  const rowsOf = (rows: Array<Record<string, string>>, kind: string) => rows.filter((r) => r['Niveau'] === kind);
  const total = (rows: Array<Record<string, string>>, column: string) =>
    rows.reduce((n, r) => n + Number(r[column] || 0), 0);

  it('has the same row as the views, so departments and locations in the file add up to the organisation total', async () => {
    const rows = await exported(viewWith(6, 5));
    const organisation = rowsOf(rows, 'organisatie')[0];
    for (const kind of ['afdeling', 'locatie']) {
      const breakdown = rowsOf(rows, kind);
      for (const column of ['Medewerkers', 'Scan gedaan', 'Bezig', 'Nog niet begonnen'])
        assert.equal(total(breakdown, column), Number(organisation[column]), `${kind}: ${column} adds up`);
    }
    const unknown = rows.find((r) => r['Naam'] === 'Onbekende afdeling')!;
    assert.ok(unknown, 'an "Onbekende afdeling" row');
    assert.deepEqual([unknown['Id'], unknown['Medewerkers'], unknown['Scan gedaan']], ['', '6', '5']);
    assert.equal(unknown['Status deelname'], 'getoond');
    assert.match(unknown['Status uitslagen'], /^niet getoond/, 'no results for a group that is only a difference');
    assert.ok(rows.some((r) => r['Naam'] === 'Onbekende locatie'));
  });

  it('withholds the row exactly where the views withhold it, with no figure in it', async () => {
    const view = viewWith(2, 0);
    const units = await service(view).units({ tenantId: T, userId: 'admin' });
    const rows = await exported(view);
    for (const [kind, name] of [
      ['departments', 'Onbekende afdeling'],
      ['locations', 'Onbekende locatie'],
    ] as const) {
      const inView = units[kind].find((u) => u.unknown)!;
      const inFile = rows.find((r) => r['Naam'] === name)!;
      assert.notEqual(inView.withheld, null);
      assert.equal(inFile['Status deelname'], csvLabels('nl', K).status[inView.withheld!]);
      for (const column of ['Medewerkers', 'Scan gedaan', 'Bezig', 'Nog niet begonnen', 'Deelname (%)'])
        assert.equal(inFile[column], '', `${name}: ${column} stays empty`);
    }
  });

  it('has no such row when everyone is in a department', async () => {
    const rows = await exported(viewWith(0, 0));
    assert.equal(rows.filter((r) => r['Id'] === '').length, 0);
  });
});
