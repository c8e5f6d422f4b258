import type { AdminAuditLog } from './audit';
import { type Caller, notFound, requireAdmin } from './dashboard/access';
import { AppError } from './errors';
import type { Clock, Directory, OrgRepository } from './ports';

/** A department with its head, as the programme admin's list shows it. */
export interface DepartmentHeadRow {
  id: string;
  name: string;
  head: { userId: string; name: string } | null;
  /** Named by a programme admin (the Graph sync keeps it), rather than seeded, imported or derived. */
  byAdmin: boolean;
}

/**
 * The programme admin names or corrects a department's head (the department's leaderId) in
 * the tab. The choice is marked as the admin's, so the Graph sync does not overwrite it; every
 * change is audited with ids only, like the contact persons.
 */
export class DepartmentHeadAdmin {
  constructor(
    private readonly deps: {
      org: Pick<OrgRepository, 'setUnitLeader'>;
      directory: Directory;
      audit: Pick<AdminAuditLog, 'record'>;
      clock: Clock;
      /** The directory's cache is forgotten, so the new head's role and access apply at once. */
      onChanged?(tenantId: string): void;
    },
  ) {}

  async list(caller: Caller): Promise<DepartmentHeadRow[]> {
    await requireAdmin(this.deps.directory, caller);
    const departments = await this.deps.directory.listUnits(caller.tenantId, 'department');
    return Promise.all(
      [...departments]
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map(async (d) => {
          const person = d.leaderId ? await this.deps.directory.getPerson(caller.tenantId, d.leaderId) : null;
          return {
            id: d.id,
            name: d.name,
            head: d.leaderId ? { userId: d.leaderId, name: person?.name ?? d.leaderId } : null,
            byAdmin: d.leaderByAdmin === true,
          };
        }),
    );
  }

  /** Names (or with null removes) a department's head: a person of the directory. */
  async set(caller: Caller, departmentId: string, userId: string | null): Promise<DepartmentHeadRow> {
    await requireAdmin(this.deps.directory, caller);
    const department = await this.deps.directory.getUnit(caller.tenantId, departmentId);
    if (!department || department.kind !== 'department') throw notFound();
    const person = userId ? await this.deps.directory.getPerson(caller.tenantId, userId) : null;
    if (userId && !person) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    await this.deps.org.setUnitLeader(caller.tenantId, departmentId, userId, true);
    this.deps.onChanged?.(caller.tenantId);
    const before = department.leaderId ?? null;
    if (before !== userId)
      await this.deps.audit.record({
        tenantId: caller.tenantId,
        actorId: caller.userId,
        action: 'department.head.changed',
        ...(userId || before ? { targetUserId: (userId ?? before)! } : {}),
        changes: [
          { field: 'department', to: departmentId },
          { field: 'departmentHead', from: before, to: userId },
        ],
        at: this.deps.clock.now().toISOString(),
      });
    return {
      id: department.id,
      name: department.name,
      head: person ? { userId: person.id, name: person.name } : null,
      byAdmin: true,
    };
  }
}
