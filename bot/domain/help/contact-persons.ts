import type { AdminAuditLog } from '../audit';
import { type Caller, notFound, requireAdmin } from '../dashboard/access';
import { AppError, isConflict } from '../errors';
import type { Clock, Directory } from '../ports';
import type { SettingsRepository } from '../settings/settings-service';

/** A department with its contact persons, as the admin's list shows it. */
export interface DepartmentContacts {
  id: string;
  name: string;
  contacts: Array<{ userId: string; name: string }>;
}

/** At most this many contact persons per department. */
export const MAX_CONTACTS = 5;

const invalid = () => new AppError('invalid_request', 400, 'error.invalidRequest');

/**
 * The programme admin names one or more contact persons (aanspreekpunten) per department.
 * They live in the tenant's settings (one record with an ETag), so the directory's cached
 * tenant record gives every turn and request their role; every change is audited (ids only).
 */
export class ContactPersonAdmin {
  constructor(
    private readonly deps: {
      repo: SettingsRepository;
      directory: Directory;
      audit: Pick<AdminAuditLog, 'record'>;
      clock: Clock;
      onChanged?(tenantId: string): void;
    },
  ) {}

  async list(caller: Caller): Promise<DepartmentContacts[]> {
    const tenant = await requireAdmin(this.deps.directory, caller);
    const departments = await this.deps.directory.listUnits(caller.tenantId, 'department');
    const all = tenant.settings?.contactPersons ?? {};
    return Promise.all(
      [...departments]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(async (d) => ({
          id: d.id,
          name: d.name,
          contacts: await Promise.all(
            (all[d.id] ?? []).map(async (id) => ({
              userId: id,
              name: (await this.deps.directory.getPerson(caller.tenantId, id))?.name ?? id,
            })),
          ),
        })),
    );
  }

  /** Replaces a department's contact persons (an empty list removes them): people of the directory, at most five. */
  async set(caller: Caller, departmentId: string, userIds: string[]): Promise<DepartmentContacts> {
    await requireAdmin(this.deps.directory, caller);
    const department = await this.deps.directory.getUnit(caller.tenantId, departmentId);
    if (!department || department.kind !== 'department') throw notFound();
    const ids = [...new Set(userIds)];
    if (ids.length > MAX_CONTACTS) throw invalid();
    const people = await Promise.all(ids.map((id) => this.deps.directory.getPerson(caller.tenantId, id)));
    if (people.some((p) => !p)) throw invalid();
    let before: string[] = [];
    for (let attempt = 0; ; attempt++) {
      const current = await this.deps.repo.get(caller.tenantId);
      if (!current) throw notFound();
      before = current.settings.contactPersons?.[departmentId] ?? [];
      const contactPersons = { ...current.settings.contactPersons };
      if (ids.length) contactPersons[departmentId] = ids;
      else delete contactPersons[departmentId];
      try {
        await this.deps.repo.replace(caller.tenantId, { ...current.settings, contactPersons }, current.etag);
        break;
      } catch (err) {
        // Someone else changed a setting meanwhile: this change is about one department, apply it to theirs.
        if (!isConflict(err) || attempt >= 4) throw err;
      }
    }
    this.deps.onChanged?.(caller.tenantId);
    if (before.join(',') !== ids.join(','))
      await this.deps.audit.record({
        tenantId: caller.tenantId,
        actorId: caller.userId,
        action: 'contacts.changed',
        changes: [
          { field: 'department', to: departmentId },
          { field: 'contactPersons', from: before.join(',') || null, to: ids.join(',') || null },
        ],
        at: this.deps.clock.now().toISOString(),
      });
    return {
      id: department.id,
      name: department.name,
      contacts: people.map((p) => ({ userId: p!.id, name: p!.name })),
    };
  }
}
