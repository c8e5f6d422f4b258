import type { Locale } from '../org';
import { type Level, type LearningModule, MODULE_FORMATS, type ModuleFormat } from '../scan/content';

/** What an admin can get wrong in one field of one row; the tab words each code in the admin's language. */
export type ProblemCode =
  | 'required'
  | 'too-long'
  | 'bad-id'
  | 'duplicate-id'
  | 'not-a-number'
  | 'out-of-range'
  | 'unknown-format'
  | 'unknown-language'
  | 'unknown-domain'
  | 'unknown-level'
  | 'unknown-profile'
  | 'bad-link'
  | 'placeholder-link'
  | 'unknown-column'
  | 'bad-file'
  | 'empty-file'
  | 'too-many-rows';

/** One problem: the row as the admin counts it (CSV: the line in the file; JSON: the entry's position; 0: the file as a whole). */
export interface RowProblem {
  row: number;
  field: string;
  code: ProblemCode;
  /** The value as given (shortened), so the admin can find it. */
  value?: string;
}

/** The fields of a row, by their canonical column name. Every value a trimmed string; absent: not given. */
export type ModuleRow = Partial<Record<ModuleField, string>>;

export const MODULE_FIELDS = [
  'id',
  'title_nl',
  'title_en',
  'description_nl',
  'description_en',
  'link',
  'duration',
  'format',
  'languages',
  'domain',
  'levels',
  'profiles',
] as const;
export type ModuleField = (typeof MODULE_FIELDS)[number];

/** Column names admins write, Dutch and English, mapped to the field (lower case, spaces and dashes as `_`). */
const COLUMN_NAMES: Record<string, ModuleField> = {
  id: 'id',
  code: 'id',
  title_nl: 'title_nl',
  titel_nl: 'title_nl',
  titel: 'title_nl',
  title: 'title_nl',
  title_en: 'title_en',
  titel_en: 'title_en',
  description_nl: 'description_nl',
  beschrijving_nl: 'description_nl',
  beschrijving: 'description_nl',
  description: 'description_nl',
  description_en: 'description_en',
  beschrijving_en: 'description_en',
  link: 'link',
  url: 'link',
  duration: 'duration',
  duur: 'duration',
  duur_minuten: 'duration',
  duration_minutes: 'duration',
  durationminutes: 'duration',
  minuten: 'duration',
  format: 'format',
  vorm: 'format',
  werkvorm: 'format',
  language: 'languages',
  languages: 'languages',
  taal: 'languages',
  talen: 'languages',
  domain: 'domain',
  domein: 'domain',
  level: 'levels',
  levels: 'levels',
  niveau: 'levels',
  niveaus: 'levels',
  profiles: 'profiles',
  profielen: 'profiles',
  profiel: 'profiles',
};

/** The canonical field of a column header, or null when we do not know it. */
export function fieldOf(column: string): ModuleField | null {
  const key = column
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/[()]/g, '');
  return COLUMN_NAMES[key] ?? null;
}

/** How a format may be written: our ids and the words on the cards, in both languages. */
const FORMAT_WORDS: Record<string, ModuleFormat> = {
  'e-learning': 'e-learning',
  elearning: 'e-learning',
  video: 'video',
  workshop: 'workshop',
  klassikaal: 'workshop',
  training: 'workshop',
  'digicoach-session': 'digicoach-session',
  digicoach: 'digicoach-session',
  'sessie met een digicoach': 'digicoach-session',
  'session with a digital coach': 'digicoach-session',
  'session with a digicoach': 'digicoach-session',
  'digicoach session': 'digicoach-session',
};

/** The words a catalogue's rows are checked against: the scan's domains, levels and job profiles. */
export interface Vocabulary {
  domains: Array<{ id: string; names: string[] }>;
  levels: Array<{ level: Level; names: string[] }>;
  profiles: string[];
}

export const LIMITS = { title: 200, description: 1000, link: 2000, maxMinutes: 10_000, rows: 5_000 } as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const LOCALES: readonly Locale[] = ['nl', 'en'];
/** Host names that are reserved for examples and tests: such a link leads nowhere. */
const PLACEHOLDER_HOST =
  /(^|\.)(example|invalid|test|localhost)$|^example\.(com|org|net)$|(^|\.)example\.(com|org|net)$/i;

const shorten = (v: string) => (v.length > 60 ? `${v.slice(0, 57)}…` : v);
const split = (v: string) =>
  v
    .split(/[\s,;|/]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Checks one row and builds its module. Every problem of the row is reported (not only the
 * first), so an admin fixes a file in one go. The module is returned only when there is none.
 */
export function checkRow(
  row: ModuleRow,
  rowNumber: number,
  vocabulary: Vocabulary,
): { module: LearningModule | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (field: ModuleField, code: ProblemCode, value?: string) =>
    problems.push({ row: rowNumber, field, code, ...(value !== undefined ? { value: shorten(value) } : {}) });
  const get = (f: ModuleField) => row[f]?.trim() ?? '';

  const id = get('id');
  if (!id) problem('id', 'required');
  else if (!ID.test(id)) problem('id', 'bad-id', id);

  const text = (f: ModuleField, max: number, required: boolean) => {
    const v = get(f);
    if (!v && required) problem(f, 'required');
    if (v.length > max) problem(f, 'too-long', v);
    return v;
  };
  const titleNl = text('title_nl', LIMITS.title, true);
  const titleEn = text('title_en', LIMITS.title, false);
  const descNl = text('description_nl', LIMITS.description, false);
  const descEn = text('description_en', LIMITS.description, false);

  const link = get('link');
  if (link) checkLink(link, (code) => problem('link', code, link));

  const durationText = get('duration');
  const duration = Number(durationText.replace(',', '.'));
  if (!durationText) problem('duration', 'required');
  else if (!/^\d+([.,]\d+)?$/.test(durationText)) problem('duration', 'not-a-number', durationText);
  else if (duration < 1 || duration > LIMITS.maxMinutes) problem('duration', 'out-of-range', durationText);

  const formatText = get('format');
  const format = FORMAT_WORDS[formatText.toLowerCase()];
  if (!formatText) problem('format', 'required');
  else if (!format) problem('format', 'unknown-format', formatText);

  const languageWords = split(get('languages').toLowerCase());
  const languages = LOCALES.filter((l) => languageWords.some((w) => languageOf(w) === l));
  const unknownLanguage = languageWords.find((w) => !languageOf(w));
  if (unknownLanguage) problem('languages', 'unknown-language', unknownLanguage);

  const domainText = get('domain');
  const domain = vocabulary.domains.find(
    (d) => d.id === domainText || d.names.some((n) => n.toLowerCase() === domainText.toLowerCase()),
  );
  if (!domainText) problem('domain', 'required');
  else if (!domain) problem('domain', 'unknown-domain', domainText);

  const levelWords = split(get('levels'));
  const levels = [
    ...new Set(
      levelWords.map(
        (w) =>
          vocabulary.levels.find(
            (l) => String(l.level) === w || l.names.some((n) => n.toLowerCase() === w.toLowerCase()),
          )?.level,
      ),
    ),
  ];
  if (!levelWords.length) problem('levels', 'required');
  else if (levels.includes(undefined)) problem('levels', 'unknown-level', get('levels'));

  const profiles = split(get('profiles'));
  const unknownProfile = profiles.find((p) => !vocabulary.profiles.includes(p));
  if (unknownProfile) problem('profiles', 'unknown-profile', unknownProfile);

  if (problems.length || !format || !domain) return { module: null, problems };
  return {
    module: {
      id,
      domain: domain.id,
      levels: (levels as Level[]).sort((a, b) => a - b),
      title: { nl: titleNl, en: titleEn || titleNl },
      description: { nl: descNl, en: descEn || descNl },
      durationMinutes: Math.round(duration),
      format,
      languages: languages.length ? languages : ['nl'],
      ...(link ? { link } : {}),
      ...(profiles.length ? { profiles } : {}),
    },
    problems,
  };
}

function languageOf(word: string): Locale | null {
  if (['nl', 'nederlands', 'dutch', 'nl-nl', 'nl-be', 'vlaams'].includes(word)) return 'nl';
  if (['en', 'engels', 'english', 'en-gb', 'en-us'].includes(word)) return 'en';
  return null;
}

/** A link must be a real web address: http(s), a host that can exist, no made-up example domain. */
export function checkLink(link: string, report: (code: 'bad-link' | 'placeholder-link' | 'too-long') => void): void {
  if (link.length > LIMITS.link) return report('too-long');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return report('bad-link');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.')) return report('bad-link');
  if (PLACEHOLDER_HOST.test(url.hostname)) report('placeholder-link');
}

/** A module as a row again (the admin's edit form, the export of the catalogue). */
export function rowOf(m: LearningModule): ModuleRow {
  return {
    id: m.id,
    title_nl: m.title.nl,
    title_en: m.title.en,
    description_nl: m.description.nl,
    description_en: m.description.en,
    link: m.link ?? '',
    duration: String(m.durationMinutes),
    format: m.format,
    languages: m.languages.join(','),
    domain: m.domain,
    levels: m.levels.join(','),
    profiles: (m.profiles ?? []).join(','),
  };
}

/** The formats in their canonical spelling (for the tab's choice lists). */
export const FORMATS: readonly ModuleFormat[] = MODULE_FORMATS;
