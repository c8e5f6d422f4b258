import assert from 'node:assert/strict';
import type {
  DashboardStore,
  HelpGroupAggregate,
  ScanGroupAggregate,
  TeamAggregates,
} from '../../../bot/domain/dashboard/dashboard-ports';
import type { OrgShape } from '../../../bot/domain/dashboard/org-shape';
import type { Snapshot } from '../../../bot/domain/dashboard/release';
import { TenantViews } from '../../../bot/domain/dashboard/tenant-views';
import type { OrgUnit, Person, Tenant } from '../../../bot/domain/org';
import type { Directory } from '../../../bot/domain/ports';

const T = 'tenant-1';
const person = (id: string, teamId: string): Person => ({
  tenantId: T,
  id,
  name: id,
  teamId,
  departmentId: 'd',
  locationId: 'l',
});
const team = (id: string): OrgUnit => ({
  tenantId: T,
  id,
  kind: 'team',
  name: id,
  departmentId: 'd',
  locationId: 'l',
  leaderId: `${id}-lead`,
});

/** A directory that counts how often the organisation is listed (it must not be per request). */
class CountingDirectory implements Partial<Directory> {
  lists = 0;
  people: Person[] = [
    ...Array.from({ length: 6 }, (_, i) => person(`a${i}`, 'ta')),
    ...Array.from({ length: 6 }, (_, i) => person(`b${i}`, 'tb')),
  ];
  getTenant = async (): Promise<Tenant> => ({
    tenantId: T,
    name: 'T',
    shortName: 'T',
    country: 'NL',
    defaultLocale: 'nl-NL',
    programmeAdmins: [],
    anonymityThreshold: 5,
  });
  getUnit = async (_t: string, id: string): Promise<OrgUnit | null> =>
    id === 'ta' || id === 'tb' ? team(id) : { tenantId: T, id, kind: id === 'd' ? 'department' : 'location', name: id };
  listPeople = async () => {
    this.lists++;
    return this.people;
  };
}

class MemoryStore implements DashboardStore {
  shape: OrgShape | null = null;
  respondents = new Map<string, number>();
  async getOrgShape() {
    return this.shape;
  }
  async putOrgShape(shape: OrgShape) {
    this.shape = shape;
  }
  async scanAggregate(): Promise<ScanGroupAggregate | null> {
    return null;
  }
  async helpAggregate(): Promise<HelpGroupAggregate | null> {
    return null;
  }
  async teamAggregates(): Promise<TeamAggregates> {
    const scan = new Map(
      [...this.respondents].map(([id, n]) => [
        id,
        {
          respondents: n,
          inProgress: 0,
          completions: n,
          completionsByMonth: {},
          levels: {},
          belowTarget: {},
          measured: {},
          intakeRequests: 0,
          moduleStarters: 0,
          moduleFinishers: 0,
        },
      ]),
    );
    return { scan, help: new Map() };
  }
  snapshot: Snapshot | null = null;
  snapshotsTaken = 0;
  async getSnapshot(): Promise<{ value: Snapshot; etag: string } | null> {
    return this.snapshot ? { value: this.snapshot, etag: String(this.snapshotsTaken) } : null;
  }
  async saveSnapshot(snapshot: Snapshot) {
    this.snapshot = snapshot;
    this.snapshotsTaken++;
  }
}

describe('the tenant view behind every dashboard', () => {
  it('counts the organisation once, keeps the shape for an hour, and rebuilds it after', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const directory = new CountingDirectory();
    const store = new MemoryStore();
    const views = new TenantViews({
      store,
      directory: directory as unknown as Directory,
      clock: { now: () => new Date(now) },
      defaultThreshold: 5,
    });
    const first = await views.get(T);
    assert.equal(first.shape.members, 12);
    for (let i = 0; i < 5; i++) await views.get(T);
    assert.equal(directory.lists, 1, 'listed once, not per request');
    views.invalidate(T);
    await views.get(T);
    assert.equal(directory.lists, 1, 'the stored shape is reused within the hour');
    now += 61 * 60 * 1000;
    views.invalidate(T);
    await views.get(T);
    assert.equal(directory.lists, 2);
  });

  it('releases one snapshot a day: new figures wait for the next day, then come in the background', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const store = new MemoryStore();
    store.respondents.set('ta', 3);
    store.respondents.set('tb', 6);
    const views = new TenantViews({
      store,
      directory: new CountingDirectory() as unknown as Directory,
      clock: { now: () => new Date(now) },
      defaultThreshold: 5,
    });
    assert.equal((await views.get(T)).plan.results.published.has('team|ta'), false);
    assert.equal((await views.get(T)).plan.results.published.has('team|tb'), true);
    store.respondents.set('ta', 6);
    now += 2 * 60 * 1000;
    await views.get(T);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(
      (await views.get(T)).plan.results.published.has('team|ta'),
      false,
      'the same day, the released snapshot stays',
    );
    assert.equal(store.snapshotsTaken, 1);
    now += 24 * 60 * 60 * 1000;
    const stale = await views.get(T);
    assert.equal(stale.plan.results.published.has('team|ta'), false, 'the previous release while the next is taken');
    await new Promise((r) => setTimeout(r, 10));
    const fresh = await views.get(T);
    assert.equal(fresh.plan.results.published.has('team|ta'), true);
    assert.equal(fresh.released.get('team|ta')!.scan.respondents, 6);
    assert.equal(store.snapshotsTaken, 2);
  });
});
