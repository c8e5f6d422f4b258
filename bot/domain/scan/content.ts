import type { Locale } from '../org';

export type Localized = Record<Locale, string>;
export type Level = 1 | 2 | 3 | 4;
export type ItemType = 'self' | 'knowledge' | 'scenario';

export interface Domain {
  id: string;
  name: Localized;
  description: Localized;
  levelMeanings: Record<'1' | '2' | '3' | '4', Localized>;
}

export interface LevelInfo {
  level: Level;
  name: Localized;
  meaning: Localized;
}

export interface Profile {
  id: string;
  name: Localized;
  description: Localized;
  /** Target level per domain; the profile's domains are the keys. */
  targets: Record<string, Level>;
}

export interface Item {
  id: string;
  domain: string;
  type: ItemType;
  difficulty: Level;
  text: Localized;
  /** knowledge: true/false; scenario: the correct option id. */
  answer?: boolean | string;
  options?: Array<{ id: string; text: Localized }>;
  explanation?: Localized;
  /** The DigComp 2.2 competence the item measures, e.g. "2.5" (netiquette). */
  digcomp?: string;
  /** Only asked of these job profiles (e.g. invoice fraud for Financieel); absent: every profile with the domain. */
  profiles?: string[];
}

export const MODULE_FORMATS = ['e-learning', 'video', 'workshop', 'digicoach-session'] as const;
export type ModuleFormat = (typeof MODULE_FORMATS)[number];

/**
 * One module of a learning offer: the shipped starting template (seeds/scan/modules.json) or a
 * tenant's own catalogue. Text fields are plain strings per language, so terms a tenant sets
 * can be filled in later.
 */
export interface LearningModule {
  id: string;
  domain: string;
  /** The levels it serves, lowest first (at least one). */
  levels: Level[];
  title: Localized;
  description: Localized;
  durationMinutes: number;
  format: ModuleFormat;
  languages: Locale[];
  /** Where to follow it: a real address the tenant gave. Absent: the card says how to get it. */
  link?: string;
  /** Only for these job profiles; absent: for everyone. */
  profiles?: string[];
}

/** One version of the scan content, loaded from Cosmos (seeded from seeds/scan). */
export interface ScanContent {
  version: string;
  domains: Domain[];
  levels: LevelInfo[];
  profiles: Profile[];
  items: Item[];
  modules: LearningModule[];
}

/** Lookups built once per content version. */
export class ContentIndex {
  readonly itemsById: Map<string, Item>;
  readonly domainsById: Map<string, Domain>;
  readonly profilesById: Map<string, Profile>;
  readonly itemsByDomain: Map<string, Item[]>;
  private readonly itemsForProfile = new Map<string, Item[]>();

  constructor(readonly content: ScanContent) {
    this.itemsById = new Map(content.items.map((i) => [i.id, i]));
    this.domainsById = new Map(content.domains.map((d) => [d.id, d]));
    this.profilesById = new Map(content.profiles.map((p) => [p.id, p]));
    this.itemsByDomain = new Map(content.domains.map((d) => [d.id, content.items.filter((i) => i.domain === d.id)]));
  }

  /** The items of a domain that a job profile is asked, in the bank's order. */
  itemsFor(profileId: string, domain: string): Item[] {
    const key = `${profileId}\u0000${domain}`;
    let list = this.itemsForProfile.get(key);
    if (!list) {
      list = (this.itemsByDomain.get(domain) ?? []).filter((i) => appliesTo(i, profileId));
      this.itemsForProfile.set(key, list);
    }
    return list;
  }

  get version(): string {
    return this.content.version;
  }

  profileDomains(profileId: string): string[] {
    const profile = this.profilesById.get(profileId);
    return profile ? this.content.domains.map((d) => d.id).filter((id) => id in profile.targets) : [];
  }

  levelName(level: Level, locale: Locale): string {
    return this.content.levels.find((l) => l.level === level)?.name[locale] ?? String(level);
  }
}

/** Whether a job profile is asked this item (its domain aside). */
export function appliesTo(item: Item, profileId: string): boolean {
  return !item.profiles || item.profiles.includes(profileId);
}
