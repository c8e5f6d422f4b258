import type { AdminAuditLog } from '../audit';
import { type Caller, requireAdmin } from '../dashboard/access';
import { AppError, isConflict } from '../errors';
import type { Clock, Directory } from '../ports';
import type { LearningModule } from '../scan/content';
import type { Versioned } from '../scan/scan-types';
import { readCatalogueFile } from './catalogue-file';
import { checkRow, rowOf, type ModuleRow, type RowProblem, type Vocabulary } from './catalogue-rows';
import type {
  AdminCatalogueView,
  CatalogueEntry,
  CatalogueHead,
  CatalogueRepository,
  CatalogueView,
  ImportReport,
  ImportRequest,
  ModuleStatus,
} from './catalogue-types';

/** What the advice and the chat need from a tenant's learning offer. */
export interface ModuleCatalogue {
  /** The modules that can be advised now: the tenant's active ones, or the starting template until it has its own. */
  modulesFor(tenantId: string): Promise<readonly LearningModule[]>;
  /** Modules by id, retired ones too (advice given before they were retired), in the order asked. */
  byIds(tenantId: string, ids: readonly string[]): Promise<LearningModule[]>;
  /** The intranet page where the tenant's offer is described (tenant settings), if set. */
  learningPage(tenantId: string): Promise<string | null>;
}

/** Where a module id stands in a tenant's offer: offered now, retired, or not in it at all. */
export type ModuleStanding = 'active' | 'retired' | 'unknown';

/** Looks module ids up in one read of a tenant's catalogue (an import checks thousands of rows against it). */
export type ModuleLookup = (moduleId: string) => ModuleStanding;

export const TEMPLATE_VERSION = 'template';

const stale = () => new AppError('stale_catalogue', 412, 'catalogue.stale');
const versionNeeded = () => new AppError('version_needed', 428, 'catalogue.versionNeeded');
const notFound = () => new AppError('not_found', 404, 'error.notFound');
const unquote = (etag: string) => etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

interface Loaded {
  revision: number;
  active: LearningModule[];
  all: Map<string, LearningModule>;
  activeIds: Set<string>;
}

/**
 * A tenant's learning catalogue. A tenant starts from the shipped template; its first change
 * copies the template into its own partition, after which only its own modules count. Admins
 * add, edit, retire and import (a dry run first reports every problem per row; an import with
 * any problem changes nothing). Every change moves the catalogue's head on, so each server
 * instance reads the catalogue again on its next use; every change is in the audit log.
 */
export class CatalogueService implements ModuleCatalogue {
  private readonly cache = new Map<string, Loaded>();

  constructor(
    private readonly deps: {
      repo: CatalogueRepository;
      /** The shipped starting template (the current scan content's modules). */
      template: () => readonly LearningModule[];
      vocabulary: () => Vocabulary;
      directory: Directory;
      audit: Pick<AdminAuditLog, 'record'>;
      clock: Clock;
      /** Writes at once during an import. */
      concurrency?: number;
    },
  ) {}

  async modulesFor(tenantId: string): Promise<readonly LearningModule[]> {
    return (await this.load(tenantId)).active;
  }

  async byIds(tenantId: string, ids: readonly string[]): Promise<LearningModule[]> {
    const { all } = await this.load(tenantId);
    return ids.map((id) => all.get(id)).filter((m): m is LearningModule => Boolean(m));
  }

  /** The tenant's own catalogue (or the template until it has one) as a lookup by module id. */
  async lookup(tenantId: string): Promise<ModuleLookup> {
    const { all, activeIds } = await this.load(tenantId);
    return (id) => (activeIds.has(id) ? 'active' : all.has(id) ? 'retired' : 'unknown');
  }

  async learningPage(tenantId: string): Promise<string | null> {
    return (await this.deps.directory.getTenant(tenantId))?.settings?.learningPageUrl ?? null;
  }

  /** The active catalogue for any colleague of the tenant (browse and filter in the tab). */
  async view(tenantId: string): Promise<CatalogueView> {
    const head = await this.deps.repo.head(tenantId);
    return {
      source: head ? 'tenant' : 'template',
      learningPageUrl: await this.learningPage(tenantId),
      modules: [...(await this.modulesFor(tenantId))],
    };
  }

  async adminView(caller: Caller): Promise<AdminCatalogueView> {
    await requireAdmin(this.deps.directory, caller);
    const { tenantId } = caller;
    const head = await this.deps.repo.head(tenantId);
    const learningPageUrl = await this.learningPage(tenantId);
    if (!head)
      return {
        source: 'template',
        version: TEMPLATE_VERSION,
        learningPageUrl,
        modules: this.deps.template().map((m) => ({ ...m, status: 'active', version: TEMPLATE_VERSION })),
        vocabulary: this.deps.vocabulary(),
      };
    const entries = await this.deps.repo.entries(tenantId);
    return {
      source: 'tenant',
      version: head.etag,
      learningPageUrl,
      modules: entries
        .map((e) => ({ ...e.value.module, status: e.value.status, version: e.etag }))
        .sort((a, b) => a.domain.localeCompare(b.domain) || a.levels[0] - b.levels[0] || a.id.localeCompare(b.id)),
      vocabulary: this.deps.vocabulary(),
    };
  }

  /** Checks a file without changing anything: every problem per row, and what an import would change. */
  async dryRun(caller: Caller, request: ImportRequest): Promise<ImportReport> {
    await requireAdmin(this.deps.directory, caller);
    const plan = await this.plan(caller.tenantId, request);
    return plan.report;
  }

  /** Imports a file checked to have no problems, only onto the catalogue version the admin's dry run saw. */
  async import(caller: Caller, request: ImportRequest, ifMatch: string | undefined): Promise<ImportReport> {
    await requireAdmin(this.deps.directory, caller);
    if (!ifMatch) throw versionNeeded();
    const plan = await this.plan(caller.tenantId, request);
    if (unquote(plan.report.version) !== unquote(ifMatch)) throw stale();
    if (plan.report.problems.length) return plan.report;
    const now = this.deps.clock.now().toISOString();
    await this.deps.repo.putEntries(plan.writes.map((w) => ({ ...w, updatedAt: now })));
    const head = await this.moveHead(caller.tenantId, plan.head, now);
    const { added, updated, retired } = plan.report;
    await this.audit(caller, 'catalogue.imported', [
      { field: 'added', to: added },
      { field: 'updated', to: updated },
      { field: 'retired', to: retired },
    ]);
    return { ...plan.report, applied: true, version: head.etag };
  }

  /** Adds one module (the admin's form); the same checks as a row of a file. */
  async add(caller: Caller, fields: ModuleRow): Promise<{ problems: RowProblem[]; version?: string }> {
    await requireAdmin(this.deps.directory, caller);
    const { module, problems } = checkRow(fields, 0, this.deps.vocabulary());
    if (!module) return { problems };
    const head = await this.ownCatalogue(caller.tenantId);
    const now = this.deps.clock.now().toISOString();
    let saved: Versioned<CatalogueEntry>;
    try {
      saved = await this.deps.repo.createEntry({ tenantId: caller.tenantId, module, status: 'active', updatedAt: now });
    } catch (err) {
      if (isConflict(err)) return { problems: [{ row: 0, field: 'id', code: 'duplicate-id', value: module.id }] };
      throw err;
    }
    await this.moveHead(caller.tenantId, head, now);
    await this.audit(caller, 'catalogue.module.added', [{ field: 'module', to: module.id }]);
    return { problems: [], version: saved.etag };
  }

  /** Changes one module, only from the version the admin saw. The id stays. */
  async edit(
    caller: Caller,
    moduleId: string,
    fields: ModuleRow,
    ifMatch: string | undefined,
  ): Promise<{ problems: RowProblem[]; version?: string }> {
    await requireAdmin(this.deps.directory, caller);
    const { module, problems } = checkRow({ ...fields, id: moduleId }, 0, this.deps.vocabulary());
    if (!module) return { problems };
    const saved = await this.change(caller, moduleId, ifMatch, (e) => ({ ...e, module }));
    await this.audit(caller, 'catalogue.module.updated', [{ field: 'module', to: moduleId }]);
    return { problems: [], version: saved.etag };
  }

  /** Retires a module (or offers it again): it stays findable for advice given before. */
  async setStatus(caller: Caller, moduleId: string, status: ModuleStatus, ifMatch: string | undefined) {
    await requireAdmin(this.deps.directory, caller);
    const saved = await this.change(caller, moduleId, ifMatch, (e) => ({ ...e, status }));
    await this.audit(caller, status === 'retired' ? 'catalogue.module.retired' : 'catalogue.module.restored', [
      { field: 'module', to: moduleId },
    ]);
    return { version: saved.etag };
  }

  private async change(
    caller: Caller,
    moduleId: string,
    ifMatch: string | undefined,
    apply: (entry: CatalogueEntry) => CatalogueEntry,
  ): Promise<Versioned<CatalogueEntry>> {
    if (!ifMatch) throw versionNeeded();
    const { tenantId } = caller;
    const onTemplate = unquote(ifMatch) === TEMPLATE_VERSION;
    const head = await this.ownCatalogue(tenantId);
    const current = await this.deps.repo.entry(tenantId, moduleId);
    if (!current) throw notFound();
    // A change to the template's module made before the copy existed applies to the fresh copy.
    if (!onTemplate && unquote(current.etag) !== unquote(ifMatch)) throw stale();
    if (onTemplate && head.value.revision > 1) throw stale();
    const now = this.deps.clock.now().toISOString();
    let saved: Versioned<CatalogueEntry>;
    try {
      saved = await this.deps.repo.replaceEntry({ ...apply(current.value), updatedAt: now }, current.etag);
    } catch (err) {
      if (isConflict(err)) throw stale();
      throw err;
    }
    await this.moveHead(tenantId, head, now);
    return saved;
  }

  /** Works out an import: the rows' problems (also ids used twice) and the writes it takes. */
  private async plan(tenantId: string, request: ImportRequest) {
    const file = readCatalogueFile(request.kind, request.text);
    const vocabulary = this.deps.vocabulary();
    const problems = [...file.problems];
    const modules: LearningModule[] = [];
    const firstRow = new Map<string, number>();
    for (const { row, fields } of file.rows) {
      const checked = checkRow(fields, row, vocabulary);
      problems.push(...checked.problems);
      const id = fields.id?.trim();
      const duplicate = Boolean(id && firstRow.has(id));
      if (duplicate) problems.push({ row, field: 'id', code: 'duplicate-id', value: id });
      else if (id) firstRow.set(id, row);
      if (checked.module && !duplicate) modules.push(checked.module);
    }
    const head = await this.deps.repo.head(tenantId);
    const current = head
      ? new Map((await this.deps.repo.entries(tenantId)).map((e) => [e.value.module.id, e.value]))
      : new Map(this.deps.template().map((m) => [m.id, templateEntry(tenantId, m)]));
    const writes: Array<Omit<CatalogueEntry, 'updatedAt'>> = [];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const module of modules) {
      const before = current.get(module.id);
      if (!before) added++;
      else if (before.status === 'active' && same(before.module, module)) unchanged++;
      else updated++;
      if (!before || !head || before.status !== 'active' || !same(before.module, module))
        writes.push({ tenantId, module, status: 'active' });
    }
    let retired = 0;
    const inFile = new Set(modules.map((m) => m.id));
    for (const entry of current.values()) {
      if (inFile.has(entry.module.id)) continue;
      const retire = request.retireMissing && entry.status === 'active';
      if (retire) retired++;
      // The template's modules are copied with the first import, so the tenant's catalogue is whole.
      if (retire || !head) writes.push({ ...entry, status: retire ? 'retired' : entry.status });
    }
    problems.sort((a, b) => a.row - b.row);
    const report: ImportReport = {
      rows: file.rows.length,
      valid: modules.length,
      problems,
      added,
      updated,
      unchanged,
      retired,
      applied: false,
      version: head?.etag ?? TEMPLATE_VERSION,
    };
    return { report, writes, head };
  }

  /** The tenant's own catalogue, made from the template on its first change. */
  private async ownCatalogue(tenantId: string): Promise<Versioned<CatalogueHead>> {
    const head = await this.deps.repo.head(tenantId);
    if (head) return head;
    const now = this.deps.clock.now().toISOString();
    await this.deps.repo.putEntries(
      this.deps.template().map((m) => ({ ...templateEntry(tenantId, m), updatedAt: now })),
    );
    try {
      return await this.deps.repo.putHead({ tenantId, revision: 1, updatedAt: now }, null);
    } catch (err) {
      // Another admin's first change made the copy at the same moment: theirs counts.
      if (!isConflict(err)) throw err;
      const made = await this.deps.repo.head(tenantId);
      if (!made) throw err;
      return made;
    }
  }

  private async moveHead(
    tenantId: string,
    head: Versioned<CatalogueHead> | null,
    now: string,
  ): Promise<Versioned<CatalogueHead>> {
    this.cache.delete(tenantId);
    try {
      return await this.deps.repo.putHead(
        { tenantId, revision: (head?.value.revision ?? 0) + 1, updatedAt: now },
        head?.etag ?? null,
      );
    } catch (err) {
      if (isConflict(err)) throw stale();
      throw err;
    }
  }

  private async load(tenantId: string): Promise<Loaded> {
    const head = await this.deps.repo.head(tenantId);
    if (!head) {
      const template = [...this.deps.template()];
      const all = new Map(template.map((m) => [m.id, m]));
      return { revision: 0, active: template, all, activeIds: new Set(all.keys()) };
    }
    const cached = this.cache.get(tenantId);
    if (cached?.revision === head.value.revision) return cached;
    const entries = await this.deps.repo.entries(tenantId);
    const active = entries.filter((e) => e.value.status === 'active').map((e) => e.value.module);
    const loaded: Loaded = {
      revision: head.value.revision,
      active,
      all: new Map(entries.map((e) => [e.value.module.id, e.value.module])),
      activeIds: new Set(active.map((m) => m.id)),
    };
    if (this.cache.size > 1_000) this.cache.clear();
    this.cache.set(tenantId, loaded);
    return loaded;
  }

  private async audit(
    caller: Caller,
    action:
      | 'catalogue.imported'
      | 'catalogue.module.added'
      | 'catalogue.module.updated'
      | 'catalogue.module.retired'
      | 'catalogue.module.restored',
    changes: Array<{ field: string; to: string | number }>,
  ) {
    await this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action,
      changes,
      at: this.deps.clock.now().toISOString(),
    });
  }
}

function templateEntry(tenantId: string, module: LearningModule): Omit<CatalogueEntry, 'updatedAt'> {
  return { tenantId, module, status: 'active' };
}

/** Same content, whatever the order of the fields in the stored document. */
function same(a: LearningModule, b: LearningModule): boolean {
  return JSON.stringify(rowOf(a)) === JSON.stringify(rowOf(b));
}
