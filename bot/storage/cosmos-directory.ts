import type { Container } from '@azure/cosmos';
import type { OrgUnit, Person, Tenant } from '../domain/org';
import type { Directory, OrgRepository } from '../domain/ports';
import { createOnce, ownFields, readOrNull, replaceIfMatch } from './cosmos';
import { isConflict } from '../domain/errors';

type Stored<T> = T & { id: string; docType: string };

const tenantDocId = 'tenant';
const unitDocId = (id: string) => `unit:${id}`;
const personDocId = (id: string) => `person:${id}`;

/**
 * The seeded directory: tenants, units and people stored in the `tenants` container
 * (partition /tenantId). Implements the Directory port the way Graph will later.
 */
export class CosmosDirectory implements Directory, OrgRepository {
  constructor(private readonly container: Container) {}

  async getTenant(tenantId: string): Promise<Tenant | null> {
    return strip(await readOrNull<Stored<Tenant>>(this.container, tenantDocId, tenantId));
  }

  async getPerson(tenantId: string, userId: string): Promise<Person | null> {
    const doc = await readOrNull<Stored<Person> & { personId: string }>(this.container, personDocId(userId), tenantId);
    return doc ? toPerson(doc) : null;
  }

  async getUnit(tenantId: string, unitId: string): Promise<OrgUnit | null> {
    const doc = await readOrNull<Stored<OrgUnit> & { unitId: string }>(this.container, unitDocId(unitId), tenantId);
    return doc ? toUnit(doc) : null;
  }

  async directReports(tenantId: string, managerId: string): Promise<Person[]> {
    return this.people(tenantId, 'c.managerId = @v', managerId);
  }

  async teamMembers(tenantId: string, teamId: string): Promise<Person[]> {
    return this.people(tenantId, 'c.teamId = @v', teamId);
  }

  async listPeople(tenantId: string): Promise<Person[]> {
    return this.people(tenantId, 'true', null);
  }

  async listUnits(tenantId: string, kind: OrgUnit['kind']): Promise<OrgUnit[]> {
    const { resources } = await this.container.items
      .query<Stored<OrgUnit> & { unitId: string }>(
        {
          query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'unit' AND c.kind = @k",
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@k', value: kind },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(toUnit).sort((a, b) => a.name.localeCompare(b.name));
  }

  async teamsLedBy(tenantId: string, leaderId: string): Promise<OrgUnit[]> {
    const { resources } = await this.container.items
      .query<Stored<OrgUnit> & { unitId: string }>(
        {
          query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'unit' AND c.kind = 'team' AND c.leaderId = @v",
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@v', value: leaderId },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(toUnit);
  }

  async upsertTenant(tenant: Tenant): Promise<void> {
    await this.container.items.upsert({ ...tenant, id: tenantDocId, docType: 'tenant' });
  }

  async createTenantIfMissing(tenant: Tenant): Promise<boolean> {
    return created(createOnce(this.container, { ...tenant, id: tenantDocId, docType: 'tenant' }));
  }

  async createUnitIfMissing(unit: OrgUnit): Promise<boolean> {
    return created(createOnce(this.container, { ...unit, unitId: unit.id, id: unitDocId(unit.id), docType: 'unit' }));
  }

  /** One conditional write: a concurrent change to the unit (another admin, the sync) makes this a conflict the caller sees. */
  async setUnitLeader(tenantId: string, unitId: string, leaderId: string | null, byAdmin: boolean): Promise<void> {
    const doc = await readOrNull<Stored<OrgUnit>>(this.container, unitDocId(unitId), tenantId);
    if (!doc) return;
    const { leaderId: _leader, leaderByAdmin: _byAdmin, ...rest } = ownFields<Stored<OrgUnit>>(doc, []);
    const next = { ...rest, ...(leaderId ? { leaderId } : {}), ...(byAdmin ? { leaderByAdmin: true as const } : {}) };
    await replaceIfMatch(this.container, next, doc._etag, tenantId);
  }

  /**
   * Sets profile fields (from Graph) on a stored person with one patch, leaving the
   * app's own fields (job profile, coach details, …) as they are.
   */
  async updatePersonProfile(
    tenantId: string,
    userId: string,
    fields: Partial<Omit<Person, 'tenantId' | 'id'>>,
  ): Promise<void> {
    const ops = Object.entries(fields)
      .filter(([key, value]) => value !== undefined && key !== 'tenantId' && key !== 'id' && key !== 'personId')
      .map(([key, value]) => ({ op: 'set' as const, path: `/${key}`, value }));
    // Cosmos takes at most 10 operations per patch.
    for (let i = 0; i < ops.length; i += 10)
      await this.container.item(personDocId(userId), tenantId).patch(ops.slice(i, i + 10));
  }

  async createPersonIfMissing(person: Person): Promise<boolean> {
    return created(
      createOnce(this.container, { ...person, personId: person.id, id: personDocId(person.id), docType: 'person' }),
    );
  }

  private async people(tenantId: string, where: string, value: string | null): Promise<Person[]> {
    const { resources } = await this.container.items
      .query<Stored<Person> & { personId: string }>(
        {
          query: `SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'person' AND ${where}`,
          parameters: [{ name: '@t', value: tenantId }, ...(value === null ? [] : [{ name: '@v', value }])],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(toPerson).sort((a, b) => a.name.localeCompare(b.name));
  }
}

async function created(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}

function strip<T>(doc: object | null): T | null {
  if (!doc) return null;
  return ownFields<T>(doc);
}

function toPerson(doc: Stored<Person> & { personId: string }): Person {
  const rest = strip<Omit<Person, 'id'> & { personId: string }>(doc)!;
  const { personId, ...person } = rest;
  return { ...person, id: personId };
}

function toUnit(doc: Stored<OrgUnit> & { unitId: string }): OrgUnit {
  const rest = strip<Omit<OrgUnit, 'id'> & { unitId: string }>(doc)!;
  const { unitId, ...unit } = rest;
  return { ...unit, id: unitId };
}
