import type { AdminAuditLog, AuditChange } from '../audit';
import { type Caller, requireAdmin } from '../dashboard/access';
import { AppError } from '../errors';
import type { Locale } from '../org';
import type { Clock, Directory } from '../ports';
import type { SettingsRepository } from '../settings/settings-service';
import { isValidTermWord, type OwnWord, type OwnWords, placeholdersIn, type TermDefinition, Terms } from './terms';

/** One term as the admin's "Eigen woorden" shows it, with texts that use it for the preview. */
export interface TermRow {
  id: string;
  label: Record<Locale, string>;
  hint: Record<Locale, string>;
  default: Record<Locale, string>;
  own: OwnWord | null;
  /** Scan texts with the placeholder still in them (the tab fills in what the admin types). */
  examples: Array<Record<Locale, string>>;
}

export interface TermsView {
  terms: TermRow[];
  /** The tenant record's ETag (shared with the settings): a change must send it back (If-Match). */
  version: string;
}

/** Per term: the new own word, or null to go back to the default. Parsed at the edge (`bot/http/terms-change.ts`). */
export type TermsChange = Record<string, OwnWord | null>;

const invalid = () => new AppError('invalid_terms', 400, 'terms.invalid');
const stale = () => new AppError('stale_settings', 412, 'settings.stale');
const EXAMPLES_PER_TERM = 2;

/**
 * The municipality's own words for its systems ("JOIN" for `{zaaksysteem}`), kept in the
 * tenant record next to the settings. Programme admins change them; every change is
 * audited (old → new). Cards read them through the directory's tenant cache, which a
 * change clears, so the next card shows the new word.
 */
export class TermsService {
  constructor(
    private readonly deps: {
      definitions: TermDefinition[];
      repo: SettingsRepository;
      directory: Directory;
      audit: Pick<AdminAuditLog, 'record'>;
      clock: Clock;
      /** Localized texts of the current scan content (items, modules) for the previews. */
      texts: () => Array<Record<Locale, string>>;
      onChanged?(tenantId: string): void;
    },
  ) {}

  /** The words cards use for a tenant: its own where set, the defaults elsewhere (and for unknown tenants). */
  async forTenant(tenantId: string): Promise<Terms> {
    const tenant = await this.deps.directory.getTenant(tenantId);
    return new Terms(this.deps.definitions, tenant?.settings?.terms ?? {});
  }

  async get(caller: Caller): Promise<TermsView> {
    await requireAdmin(this.deps.directory, caller);
    const current = await this.deps.repo.get(caller.tenantId);
    if (!current) throw new AppError('not_found', 404, 'error.notFound');
    return this.view(current.settings.terms ?? {}, current.etag);
  }

  /** Applies the change only to the version the admin saw; a concurrent change gives 412 and changes nothing. */
  async update(caller: Caller, change: TermsChange, ifMatch: string | undefined): Promise<TermsView> {
    await requireAdmin(this.deps.directory, caller);
    const known = new Set(this.deps.definitions.map((d) => d.id));
    const ids = Object.keys(change);
    if (ids.length === 0 || ids.some((id) => !known.has(id))) throw invalid();
    for (const word of Object.values(change))
      if (word && (!isValidTermWord(word.nl) || (word.en !== undefined && !isValidTermWord(word.en)))) throw invalid();
    if (!ifMatch) throw new AppError('version_needed', 428, 'settings.versionNeeded');
    const current = await this.deps.repo.get(caller.tenantId);
    if (!current) throw new AppError('not_found', 404, 'error.notFound');
    if (unquote(current.etag) !== unquote(ifMatch)) throw stale();
    const before = current.settings.terms ?? {};
    const after: OwnWords = { ...before };
    for (const [id, word] of Object.entries(change)) {
      if (word) after[id] = word.en === undefined ? { nl: word.nl } : { nl: word.nl, en: word.en };
      else delete after[id];
    }
    let etag: string;
    try {
      etag = await this.deps.repo.replace(caller.tenantId, { ...current.settings, terms: after }, current.etag);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') throw stale();
      throw err;
    }
    const changes = auditChanges(before, after, ids);
    if (changes.length)
      await this.deps.audit.record({
        tenantId: caller.tenantId,
        actorId: caller.userId,
        action: 'terms.changed',
        changes,
        at: this.deps.clock.now().toISOString(),
      });
    this.deps.onChanged?.(caller.tenantId);
    return this.view(after, etag);
  }

  private view(own: OwnWords, etag: string): TermsView {
    const texts = this.deps.texts();
    return {
      version: etag,
      terms: this.deps.definitions.map((d) => ({
        id: d.id,
        label: d.label,
        hint: d.hint,
        default: d.default,
        own: own[d.id] ?? null,
        examples: texts.filter((t) => placeholdersIn(t.nl).includes(d.id)).slice(0, EXAMPLES_PER_TERM),
      })),
    };
  }
}

/** Old → new per language; null is "the default". */
function auditChanges(before: OwnWords, after: OwnWords, ids: string[]): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const id of ids) {
    for (const lang of ['nl', 'en'] as const) {
      const from = before[id]?.[lang] ?? null;
      const to = after[id]?.[lang] ?? null;
      if (from !== to) changes.push({ field: `term.${id}.${lang}`, from, to });
    }
  }
  return changes;
}

const unquote = (etag: string) => etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
