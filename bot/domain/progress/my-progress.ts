import type { Locale } from '../org';
import type { ContentSource } from '../scan/scan-service';
import type { Level, LearningModule } from '../scan/content';
import type { ModuleState, ScanRepository, ScanResult } from '../scan/scan-types';
import type { ModuleCatalogue } from '../catalogue/catalogue-service';
import type { Terms } from '../terms/terms';

/**
 * "Mijn voortgang": one person's own levels, growth, advice and the catalogue. Only ever
 * built for the caller (the route passes the signed-in user, never an id from the request).
 */
export interface MyProgress {
  result: MyResult | null;
  /** The advised modules of the latest result, with what the person marked. */
  advice: Array<ModuleEntry & { state: ModuleState | null }>;
  /** Every module the person can take, to browse and filter. */
  catalogue: ModuleEntry[];
  /** Sessions the person signed up for; null while this server has no events. */
  events: MyEvent[] | null;
  /** The scan's domains with their names, in display order (for the catalogue's filter). */
  domains: Array<{ id: string; name: string }>;
}

export interface MyResult {
  completedAt: string;
  profileId: string;
  profileName: string;
  /** The first scan's date, when this is not the first scan. */
  firstCompletedAt: string | null;
  domains: Array<{ id: string; name: string; level: Level; target: Level; first: Level | null }>;
  /** Domains a level or more higher than at the first scan. */
  grownDomains: number;
}

export interface ModuleEntry {
  id: string;
  title: string;
  summary: string;
  domain: string;
  levels: readonly Level[];
  format: LearningModule['format'];
  durationMinutes: number;
  languages: Locale[];
  url: string | null;
}

/** What an events feature gives "Mijn voortgang" about one person (see MyProgressDeps.signedUpEvents). */
export interface MyEvent {
  id: string;
  title: string;
  startsAt: string;
  endsAt?: string;
  place: string | null;
  onlineUrl: string | null;
  status: 'signed-up' | 'waiting-list' | 'attended';
}

export interface MyProgressDeps {
  scans: ScanRepository;
  content: ContentSource;
  /** The tenant's learning catalogue: its active modules to browse, and advised ones even once retired. */
  catalogue: Pick<ModuleCatalogue, 'modulesFor' | 'byIds'>;
  /** The tenant's own words for the systems module titles name (`{zaaksysteem}` → "JOIN"). */
  terms: (tenantId: string) => Promise<Terms>;
  /** The events a person signed up for; absent while no events feature is wired. */
  signedUpEvents?: (tenantId: string, userId: string) => Promise<MyEvent[]>;
}

export class MyProgressService {
  constructor(private readonly deps: MyProgressDeps) {}

  async of(user: { tenantId: string; userId: string; locale: Locale }): Promise<MyProgress> {
    const { tenantId, userId, locale } = user;
    const [results, progress, modules, events, terms] = await Promise.all([
      this.deps.scans.results(tenantId, userId),
      this.deps.scans.getModuleProgress(tenantId, userId),
      this.deps.catalogue.modulesFor(tenantId),
      this.deps.signedUpEvents ? this.deps.signedUpEvents(tenantId, userId) : Promise.resolve(null),
      this.deps.terms(tenantId),
    ]);
    const entry = (m: LearningModule): ModuleEntry => ({
      id: m.id,
      title: terms.apply(m.title[locale] ?? m.title.nl, locale),
      summary: terms.apply(m.description[locale] ?? m.description.nl, locale),
      domain: m.domain,
      levels: m.levels,
      format: m.format,
      durationMinutes: m.durationMinutes,
      languages: m.languages,
      url: m.link ?? null,
    });
    const latest = results[0] ?? null;
    const advised = await this.deps.catalogue.byIds(tenantId, latest?.adviceModuleIds ?? []);
    const advice = advised.map((m) => ({ ...entry(m), state: progress?.value.modules[m.id]?.state ?? null }));
    return {
      result: latest ? await this.resultOf(latest, results, locale) : null,
      advice,
      catalogue: modules.map(entry),
      events,
      domains: this.deps.content
        .current()
        .content.domains.map((d) => ({ id: d.id, name: d.name[locale] ?? d.name.nl })),
    };
  }

  private async resultOf(latest: ScanResult, all: ScanResult[], locale: Locale): Promise<MyResult> {
    const index = (await this.deps.content.version(latest.contentVersion)) ?? this.deps.content.current();
    const oldest = all.length > 1 ? all[all.length - 1] : null;
    const first = latest.baseline?.levels ?? oldest?.levels ?? null;
    const firstAt = latest.baseline?.completedAt ?? oldest?.completedAt ?? null;
    const ids = [
      ...index.content.domains.map((d) => d.id).filter((id) => id in latest.levels),
      ...Object.keys(latest.levels).filter((id) => !index.domainsById.has(id)),
    ];
    const domains = ids.map((id) => ({
      id,
      name: index.domainsById.get(id)?.name[locale] ?? id,
      level: latest.levels[id],
      target: latest.targets[id] ?? latest.levels[id],
      first: first?.[id] ?? null,
    }));
    return {
      completedAt: latest.completedAt,
      profileId: latest.profileId,
      profileName: index.profilesById.get(latest.profileId)?.name[locale] ?? latest.profileId,
      firstCompletedAt: first ? firstAt : null,
      domains,
      grownDomains: domains.filter((d) => d.first !== null && d.level > d.first).length,
    };
  }
}
