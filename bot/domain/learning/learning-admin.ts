import { AppError } from '../errors';
import type { AdminAuditLog } from '../audit';
import type { ModuleLookup } from '../catalogue/catalogue-service';
import type { Clock, Directory } from '../ports';
import { calendarFor } from '../campaigns/schedule';
import { requireAdmin, type Caller } from '../dashboard/access';
import type { CompletionService } from './completion-service';
import { type ImportProblem, planImport } from './completion-import';
import {
  newSecret,
  readStatements,
  secretMatches,
  type StatementProblem,
  type statementsSchema,
  XAPI_COMPLETED,
} from './xapi';
import type { z } from 'zod';

export interface XapiCredential {
  tenantId: string;
  hash: string;
  createdAt: string;
}

/** The tenant's statement credential (only its hash) and the statement ids already handled. */
export interface LearningRecordStore {
  getCredential(tenantId: string): Promise<XapiCredential | null>;
  putCredential(credential: XapiCredential): Promise<void>;
  hasStatement(tenantId: string, statementId: string): Promise<boolean>;
  /** Idempotent: storing a handled statement id again changes nothing. */
  markStatement(tenantId: string, statementId: string, at: string): Promise<void>;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  /** Rows that would be (dry run) or were recorded. */
  recorded: number;
  /** Rows already recorded from an import earlier. */
  alreadyRecorded: number;
  duplicates: number;
  problems: ImportProblem[];
}

const unauthorized = () => new AppError('unauthorized', 401, 'xapi.error.credential');

/** Programme admins' learning records: the completions import and the learning platform's credential and statements. */
export class LearningAdmin {
  constructor(
    private readonly deps: {
      completions: CompletionService;
      store: LearningRecordStore;
      directory: Directory;
      audit: AdminAuditLog;
      clock: Clock;
      /** The tenant's own catalogue, read once per import or request. */
      modules(tenantId: string): Promise<ModuleLookup>;
    },
  ) {}

  /**
   * A dry run reports every row's problems and what would be recorded; the import does the
   * same check first and, with any problem left, refuses the whole file (409) and changes nothing.
   */
  async importCompletions(caller: Caller, csv: string, dryRun: boolean): Promise<ImportReport> {
    const tenant = await requireAdmin(this.deps.directory, caller);
    const now = this.deps.clock.now();
    const plan = planImport(csv, {
      people: await this.deps.directory.listPeople(caller.tenantId),
      modules: await this.deps.modules(caller.tenantId),
      now,
      timeZone: calendarFor(tenant.country).timeZone,
    });
    let already = 0;
    for (const row of plan.valid)
      if (await this.deps.completions.has(caller.tenantId, row.userId, row.moduleId, 'import')) already += 1;
    const report: ImportReport = {
      dryRun,
      rows: plan.rows,
      recorded: plan.valid.length - already,
      alreadyRecorded: already,
      duplicates: plan.duplicates,
      problems: plan.problems,
    };
    if (dryRun) return report;
    if (plan.problems.length || plan.rows === 0)
      throw new AppError('import_has_problems', 409, 'completions.error.problems');
    let recorded = 0;
    for (const row of plan.valid)
      if (await this.deps.completions.record(caller.tenantId, row.userId, row.moduleId, 'import', row.at))
        recorded += 1;
    await this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action: 'completions.imported',
      changes: [{ field: 'rows', to: recorded }],
      at: now.toISOString(),
    });
    return { ...report, recorded, alreadyRecorded: plan.valid.length - recorded };
  }

  async credentialStatus(caller: Caller): Promise<{ exists: boolean; createdAt: string | null; username: string }> {
    await requireAdmin(this.deps.directory, caller);
    const found = await this.deps.store.getCredential(caller.tenantId);
    return { exists: Boolean(found), createdAt: found?.createdAt ?? null, username: caller.tenantId };
  }

  /** A new secret replaces the old one at once; it is returned this once and only its hash is kept. */
  async rotateCredential(caller: Caller): Promise<{ username: string; secret: string; createdAt: string }> {
    await requireAdmin(this.deps.directory, caller);
    const { secret, hash } = newSecret();
    const createdAt = this.deps.clock.now().toISOString();
    await this.deps.store.putCredential({ tenantId: caller.tenantId, hash, createdAt });
    await this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action: 'xapi.credential',
      at: createdAt,
    });
    return { username: caller.tenantId, secret, createdAt };
  }

  /** HTTP Basic: the tenant id as user name, the secret as password. */
  async authenticate(username: string, secret: string): Promise<string> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(username)) throw unauthorized();
    const found = await this.deps.store.getCredential(username);
    if (!found || !secretMatches(secret, found.hash)) throw unauthorized();
    return username;
  }

  /**
   * "completed" statements of the tenant's learning platform. Every statement is checked
   * before anything is written: one that is not "completed", names nobody known or no module
   * refuses the whole request, as a list of problems. A statement id seen before is skipped.
   */
  async statements(
    tenantId: string,
    body: z.infer<typeof statementsSchema>,
  ): Promise<{ ids: string[]; recorded: number } | { problems: StatementProblem[] }> {
    const statements = readStatements(body);
    const people = await this.deps.directory.listPeople(tenantId);
    const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p.id]));
    const modules = await this.deps.modules(tenantId);
    const problems: StatementProblem[] = [];
    statements.forEach((s, index) => {
      const standing = modules(s.moduleId);
      if (s.verb !== XAPI_COMPLETED) problems.push({ index, code: 'not-completed' });
      else if (!byEmail.has(s.email)) problems.push({ index, code: 'unknown-person' });
      else if (standing !== 'active') problems.push({ index, code: `${standing}-module` });
    });
    if (problems.length) return { problems };
    let recorded = 0;
    const now = this.deps.clock.now();
    for (const s of statements) {
      if (await this.deps.store.hasStatement(tenantId, s.statementId)) continue;
      const at = s.at && s.at <= now ? s.at : now;
      if (await this.deps.completions.record(tenantId, byEmail.get(s.email)!, s.moduleId, 'xapi', at)) recorded += 1;
      await this.deps.store.markStatement(tenantId, s.statementId, now.toISOString());
    }
    return { ids: statements.map((s) => s.statementId), recorded };
  }
}
