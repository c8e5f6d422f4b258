import { type AdminAuditLog, type AuditChange } from '../audit';
import { type Caller, requireAdmin } from '../dashboard/access';
import { AppError } from '../errors';
import type { Tenant } from '../org';
import type { Clock, Directory } from '../ports';
import { DEFAULT_EMPLOYEES_PER_COACH } from '../help/contacts';

export type TenantSettings = NonNullable<Tenant['settings']>;

/** The settings as the admin's panel shows them: every value explicit, and the version to send back. */
export interface SettingsView {
  /** null: answers are kept until their owner erases them. */
  retentionMonths: number | null;
  remindersEnabled: boolean;
  /** The intranet page with the tenant's learning offer (for modules without a link of their own); null: not set. */
  learningPageUrl: string | null;
  /** A new coach registration waits for approval by the contact person or the coordinator. */
  coachApproval: boolean;
  /** The target number of employees per digicoach in a department (1 : n). */
  employeesPerCoach: number;
  /** The tenant record's ETag: a change must send it back (If-Match). */
  version: string;
}

/** Reads and conditionally replaces a tenant's settings (its record's ETag). */
export interface SettingsRepository {
  get(tenantId: string): Promise<{ settings: TenantSettings; etag: string } | null>;
  /** Throws a conflict AppError when the tenant record changed since `etag`. Returns the new ETag. */
  replace(tenantId: string, settings: TenantSettings, etag: string): Promise<string>;
}

export const RETENTION_MIN_MONTHS = 1;
export const RETENTION_MAX_MONTHS = 120;

const invalid = () => new AppError('invalid_settings', 400, 'settings.invalid');
const stale = () => new AppError('stale_settings', 412, 'settings.stale');

/** A change from the admin's panel, already parsed at the edge (`bot/http/settings-change.ts`): at least one field. */
export interface SettingsChange {
  /** null: keep answers until their owner erases them. */
  retentionMonths?: number | null;
  remindersEnabled?: boolean;
  /** null: no learning page. */
  learningPageUrl?: string | null;
  coachApproval?: boolean;
  employeesPerCoach?: number;
}

export const EMPLOYEES_PER_COACH_MIN = 2;
export const EMPLOYEES_PER_COACH_MAX = 200;
const FIELDS = [
  'retentionMonths',
  'remindersEnabled',
  'learningPageUrl',
  'coachApproval',
  'employeesPerCoach',
] as const;

/** The programme admins' tenant settings: retention, reminder campaigns and the coach network. Every change is audited (old → new). */
export class SettingsService {
  constructor(
    private readonly deps: {
      repo: SettingsRepository;
      directory: Directory;
      audit: Pick<AdminAuditLog, 'record'>;
      clock: Clock;
      onChanged?(tenantId: string): void;
    },
  ) {}

  async get(caller: Caller): Promise<SettingsView> {
    await requireAdmin(this.deps.directory, caller);
    const current = await this.deps.repo.get(caller.tenantId);
    if (!current) throw new AppError('not_found', 404, 'error.notFound');
    return view(current.settings, current.etag);
  }

  /** Applies the change only to the version the admin saw: a concurrent change by someone else gives 412 and changes nothing. */
  async update(caller: Caller, change: SettingsChange, ifMatch: string | undefined): Promise<SettingsView> {
    await requireAdmin(this.deps.directory, caller);
    if (!FIELDS.some((f) => f in change)) throw invalid();
    if (!ifMatch) throw new AppError('version_needed', 428, 'settings.versionNeeded');
    const current = await this.deps.repo.get(caller.tenantId);
    if (!current) throw new AppError('not_found', 404, 'error.notFound');
    if (unquote(current.etag) !== unquote(ifMatch)) throw stale();
    const before = view(current.settings, current.etag);
    const next: TenantSettings = { ...current.settings };
    if ('retentionMonths' in change) {
      if (change.retentionMonths === null) delete next.retentionMonths;
      else next.retentionMonths = change.retentionMonths;
    }
    if ('remindersEnabled' in change) next.remindersEnabled = change.remindersEnabled;
    if ('learningPageUrl' in change) {
      if (change.learningPageUrl) next.learningPageUrl = change.learningPageUrl;
      else delete next.learningPageUrl;
    }
    if ('coachApproval' in change) next.coachApproval = change.coachApproval;
    if ('employeesPerCoach' in change) next.employeesPerCoach = change.employeesPerCoach;
    let etag: string;
    try {
      etag = await this.deps.repo.replace(caller.tenantId, next, current.etag);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') throw stale();
      throw err;
    }
    const after = view(next, etag);
    const changes: AuditChange[] = FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({
      field,
      from: before[field],
      to: after[field],
    }));
    if (changes.length)
      await this.deps.audit.record({
        tenantId: caller.tenantId,
        actorId: caller.userId,
        action: 'settings.changed',
        changes,
        at: this.deps.clock.now().toISOString(),
      });
    this.deps.onChanged?.(caller.tenantId);
    return after;
  }
}

function view(s: TenantSettings, etag: string): SettingsView {
  return {
    retentionMonths: s.retentionMonths ?? null,
    remindersEnabled: s.remindersEnabled ?? true,
    learningPageUrl: s.learningPageUrl ?? null,
    coachApproval: s.coachApproval ?? true,
    employeesPerCoach: s.employeesPerCoach ?? DEFAULT_EMPLOYEES_PER_COACH,
    version: etag,
  };
}

const unquote = (etag: string) => etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
