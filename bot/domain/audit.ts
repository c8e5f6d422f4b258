/**
 * The audit log of administrative actions (PRODUCT.md: privacy). One log for the
 * tenant: coach administration, exports, settings changes, dashboard views and the
 * retention job. Entries hold ids, action names, times and setting values; never names,
 * answers, questions or figures.
 */
export type AuditAction =
  | 'coach.added'
  | 'coach.updated'
  | 'coach.removed'
  /** An approver (programme admin or the department's contact person) decided on a coach's registration. */
  | 'coach.approved'
  | 'coach.rejected'
  /** A programme admin changed a department's contact persons (ids only). */
  | 'contacts.changed'
  /** A programme admin named, changed or removed a department's head (ids only). */
  | 'department.head.changed'
  /** A user downloaded their own data (tab or chat). */
  | 'data.exported'
  /** A user erased their own data. */
  | 'data.deleted'
  /** A programme admin downloaded the programme CSV (aggregates only). */
  | 'programme.exported'
  /** A programme admin opened the programme dashboard: at most one entry per admin per day. */
  | 'programme.viewed'
  | 'settings.changed'
  /** A programme admin changed the municipality's own words for its systems ("Eigen woorden"). */
  | 'terms.changed'
  /** The retention job removed answer details older than the tenant's retention period. */
  | 'retention.applied'
  /** A programme admin started this month's reminder campaign by hand ("Nu versturen"). */
  | 'campaign.started'
  /** A programme admin changed the learning catalogue (an import with its counts, or one module by id). */
  | 'catalogue.imported'
  | 'catalogue.module.added'
  | 'catalogue.module.updated'
  | 'catalogue.module.retired'
  | 'catalogue.module.restored'
  /** A programme admin sent coach news (the count of coaches and the department, never the text). */
  | 'news.sent'
  /** A programme admin published or rejected a knowledge article (the article id). */
  | 'knowledge.published'
  | 'knowledge.rejected'
  /** A programme admin imported completions from a learning platform's export (counts only). */
  | 'completions.imported'
  /** A programme admin created or replaced the learning platform's statement credential. */
  | 'xapi.credential';

/** A value an entry may carry: a setting's old or new value, or a count. Never personal data. */
export type AuditValue = string | number | boolean | null;

export interface AuditChange {
  field: string;
  from?: AuditValue;
  to: AuditValue;
}

export interface AdminAuditEntry {
  tenantId: string;
  /** Who acted: a user id, `system` for the retention job, or `self` for a person's own export or erasure (never their id). */
  actorId: string;
  action: AuditAction;
  /** The user the action was about (coach administration). */
  targetUserId?: string;
  /** Settings changed (old → new) or counts (retention). */
  changes?: AuditChange[];
  at: string;
}

export interface AdminAuditLog {
  record(entry: AdminAuditEntry): Promise<void>;
  /**
   * Records an action at most once per actor and day (the dashboard views); true when
   * this call wrote the entry. Safe with several server instances.
   */
  recordDaily(entry: AdminAuditEntry): Promise<boolean>;
  /** The tenant's latest entries, newest first. */
  latest(tenantId: string, limit: number): Promise<AdminAuditEntry[]>;
}

export const SYSTEM_ACTOR = 'system';

/**
 * The actor of a person's own export or erasure. The log keeps that it happened, not who:
 * admins must not learn who exercised their rights, and an erased person's id must not stay behind.
 */
export const SELF_ACTOR = 'self';

/**
 * The admin's list: the entries as stored (ids only) and, beside them, the names of the
 * admins and coaches they mention, resolved from the directory when read. People who
 * exported or erased their own data are not in the log at all (`SELF_ACTOR`).
 */
export async function auditListing(
  entries: AdminAuditEntry[],
  nameOf: (userId: string) => Promise<string | null>,
): Promise<{ entries: AdminAuditEntry[]; names: Record<string, string> }> {
  const ids = new Set<string>();
  for (const e of entries) {
    if (e.actorId !== SYSTEM_ACTOR && e.actorId !== SELF_ACTOR) ids.add(e.actorId);
    if (e.targetUserId) ids.add(e.targetUserId);
  }
  const names: Record<string, string> = {};
  await Promise.all(
    [...ids].map(async (id) => {
      const name = await nameOf(id);
      if (name) names[id] = name;
    }),
  );
  return { entries, names };
}

/**
 * What the tab's routes record about admins: CSV exports (every one) and programme
 * dashboard views (at most one entry per admin per day: the first view that day; an
 * in-process note spares the database the repeats, the daily id keeps instances from
 * writing twice). A failed view entry is reported, never in the admin's way; a failed
 * export entry fails the export.
 */
export class AdminActivity {
  private readonly seen = new Set<string>();

  constructor(private readonly deps: { audit: AdminAuditLog; now(): Date; onError(err: unknown): void }) {}

  async exported(caller: { tenantId: string; userId: string }, rows: number): Promise<void> {
    await this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action: 'programme.exported',
      changes: [{ field: 'rows', to: rows }],
      at: this.deps.now().toISOString(),
    });
  }

  async viewedProgramme(caller: { tenantId: string; userId: string }): Promise<void> {
    const at = this.deps.now().toISOString();
    const key = `${at.slice(0, 10)}|${caller.tenantId}|${caller.userId}`;
    if (this.seen.has(key)) return;
    try {
      await this.deps.audit.recordDaily({
        tenantId: caller.tenantId,
        actorId: caller.userId,
        action: 'programme.viewed',
        at,
      });
      if (this.seen.size > 10_000) this.seen.clear();
      this.seen.add(key);
    } catch (err) {
      this.deps.onError(err);
    }
  }
}
