import { parse } from 'csv-parse/sync';
import { fieldOf, LIMITS, type ModuleRow, type RowProblem } from './catalogue-rows';

export type CatalogueFileKind = 'csv' | 'json';

/** The rows of an uploaded file with the number an admin finds them by, and what kept rows from being read at all. */
export interface FileRows {
  rows: Array<{ row: number; fields: ModuleRow }>;
  problems: RowProblem[];
}

/**
 * Reads a catalogue file. CSV: a header row with our column names (Dutch or English); the
 * separator is `;` (Dutch Excel) or `,`, whichever the header uses; the row number is the
 * line in the file. JSON: an array of modules, flat (`title_nl`) or nested (`title: { nl }`).
 */
export function readCatalogueFile(kind: CatalogueFileKind, text: string): FileRows {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { rows: [], problems: [{ row: 0, field: 'file', code: 'empty-file' }] };
  return kind === 'csv' ? readCsv(body) : readJson(body);
}

function readCsv(text: string): FileRows {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(header, ';') >= count(header, ',') ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    return { rows: [], problems: [{ row: line, field: 'file', code: 'bad-file' }] };
  }
  const [head, ...data] = records;
  const problems: RowProblem[] = [];
  const columns = head.record.map((name) => {
    const field = fieldOf(name);
    if (!field && name) problems.push({ row: head.info.lines, field: name.slice(0, 60), code: 'unknown-column' });
    return field;
  });
  if (data.length > LIMITS.rows) return { rows: [], problems: [{ row: 0, field: 'file', code: 'too-many-rows' }] };
  const rows = data.map(({ record, info }) => {
    const fields: ModuleRow = {};
    record.forEach((value, i) => {
      const field = columns[i];
      if (field && value !== '') fields[field] = value;
    });
    return { row: info.lines, fields };
  });
  return { rows, problems };
}

function readJson(text: string): FileRows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { rows: [], problems: [{ row: 0, field: 'file', code: 'bad-file' }] };
  }
  // The shipped template's shape ({ modules: [...] }) is accepted too, so an admin can start from it.
  const list = Array.isArray(data) ? data : (data as { modules?: unknown } | null)?.modules;
  if (!Array.isArray(list)) return { rows: [], problems: [{ row: 0, field: 'file', code: 'bad-file' }] };
  if (list.length > LIMITS.rows) return { rows: [], problems: [{ row: 0, field: 'file', code: 'too-many-rows' }] };
  const problems: RowProblem[] = [];
  const rows = list.map((entry: unknown, i) => {
    const row = i + 1;
    const fields: ModuleRow = {};
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ row, field: 'file', code: 'bad-file' });
      return { row, fields };
    }
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      for (const [name, v] of flatten(key, value)) {
        const field = fieldOf(name);
        if (field) fields[field] = v;
        else problems.push({ row, field: name.slice(0, 60), code: 'unknown-column' });
      }
    }
    return { row, fields };
  });
  return { rows, problems };
}

/** `title: { nl, en }` → `title_nl`, `title_en`; lists → "a,b"; numbers → text. */
function flatten(key: string, value: unknown): Array<[string, string]> {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return [[key, value.map((v) => scalar(v)).join(',')]];
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(`${key}_${k}`, v));
  return [[key, scalar(value)]];
}

/** Text, numbers and booleans as written; anything else (a nested list) cannot be a field's value. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '?';
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
