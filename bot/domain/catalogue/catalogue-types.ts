import type { LearningModule } from '../scan/content';
import type { Versioned } from '../scan/scan-types';
import type { ModuleRow, RowProblem, Vocabulary } from './catalogue-rows';
import type { CatalogueFileKind } from './catalogue-file';

export type { ModuleRow, RowProblem, ProblemCode, Vocabulary, ModuleField } from './catalogue-rows';
export { MODULE_FIELDS } from './catalogue-rows';
export type { CatalogueFileKind } from './catalogue-file';

/** Retired modules are no longer advised or listed for employees, but older advice still finds them by id. */
export type ModuleStatus = 'active' | 'retired';

/** One module of a tenant's own catalogue (a document in the tenant's partition). */
export interface CatalogueEntry {
  tenantId: string;
  module: LearningModule;
  status: ModuleStatus;
  updatedAt: string;
}

/** The tenant's catalogue as a whole: its revision moves on every change, so every instance notices and reads it again. */
export interface CatalogueHead {
  tenantId: string;
  revision: number;
  updatedAt: string;
}

/** Where the tenant's catalogue is kept; every change is conditional on the ETag the caller read. */
export interface CatalogueRepository {
  /** null: the tenant has no catalogue of its own yet (it uses the starting template). */
  head(tenantId: string): Promise<Versioned<CatalogueHead> | null>;
  entries(tenantId: string): Promise<Array<Versioned<CatalogueEntry>>>;
  entry(tenantId: string, moduleId: string): Promise<Versioned<CatalogueEntry> | null>;
  /** Writes entries as given (an import, the copy of the template). */
  putEntries(entries: CatalogueEntry[]): Promise<void>;
  /** Creates an entry; a conflict AppError when the id is taken. */
  createEntry(entry: CatalogueEntry): Promise<Versioned<CatalogueEntry>>;
  /** Replaces an entry only if unchanged since `etag`; a conflict AppError otherwise. */
  replaceEntry(entry: CatalogueEntry, etag: string): Promise<Versioned<CatalogueEntry>>;
  /** Moves the head on, only from the version `etag` (null: creates it; a conflict AppError if it exists). */
  putHead(head: CatalogueHead, etag: string | null): Promise<Versioned<CatalogueHead>>;
}

/** The API's answers and requests, shared by the routes and the tab. */
export interface CatalogueModuleView extends LearningModule {
  status: ModuleStatus;
  /** The entry's ETag (send it back as If-Match); "template" while the tenant uses the starting template. */
  version: string;
}

export interface AdminCatalogueView {
  /** "template": the shipped starting template, not yet the tenant's own. */
  source: 'template' | 'tenant';
  /** The catalogue's version for an import (If-Match). */
  version: string;
  /** Where employees find the offer when a module has no link (tenant settings), if set. */
  learningPageUrl: string | null;
  modules: CatalogueModuleView[];
  /** The words a module's domain, levels and profiles are checked against (for the admin's form). */
  vocabulary: Vocabulary;
}

/** What employees browse: the active modules only. */
export interface CatalogueView {
  source: 'template' | 'tenant';
  learningPageUrl: string | null;
  modules: LearningModule[];
}

export interface ImportRequest {
  kind: CatalogueFileKind;
  text: string;
  /** Retire the active modules that are not in the file (the file is the whole offer). */
  retireMissing: boolean;
}

/** The dry run's and the import's report: every problem per row, and what the import changes (or changed). */
export interface ImportReport {
  rows: number;
  valid: number;
  problems: RowProblem[];
  added: number;
  updated: number;
  unchanged: number;
  retired: number;
  /** Whether the catalogue was changed (never on a dry run, never with problems). */
  applied: boolean;
  /** The catalogue's version after this (send it with the import that follows a dry run). */
  version: string;
}

export interface ModuleChange {
  fields: ModuleRow;
}
