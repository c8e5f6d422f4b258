import { parse } from 'csv-parse/sync';
import { zonedTime } from '../campaigns/schedule';
import type { ModuleLookup } from '../catalogue/catalogue-service';
import type { Person } from '../org';

/** One problem of one row (row 1 is the header), as the dry run reports it. */
export interface ImportProblem {
  row: number;
  code:
    | 'no-header'
    | 'missing-person'
    | 'unknown-person'
    | 'missing-module'
    | 'unknown-module'
    | 'retired-module'
    | 'bad-date'
    | 'future-date'
    | 'bad-row';
  value?: string;
}

export interface ImportRow {
  row: number;
  userId: string;
  moduleId: string;
  at: Date;
}

export interface ImportPlan {
  rows: number;
  valid: ImportRow[];
  problems: ImportProblem[];
  /** Rows naming the same person and module as an earlier row: counted once. */
  duplicates: number;
}

const PERSON = ['email', 'e-mail', 'mail', 'emailadres', 'e-mailadres'];
const EMPLOYEE = ['employeeid', 'medewerker', 'medewerkerid', 'personeelsnummer', 'userid', 'id'];
const MODULE = ['moduleid', 'module', 'module-id'];
const DATE = ['date', 'datum', 'completed', 'afgerond', 'completedat'];

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s_]/g, '');

/** 'YYYY-MM-DD' or the Dutch 'DD-MM-YYYY' / 'DD/MM/YYYY'; null when it is no real day. */
function parseDay(value: string, timeZone: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : nl
      ? [Number(nl[3]), Number(nl[2]), Number(nl[1])]
      : [0, 0, 0];
  if (!y) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return zonedTime(y, m, d, '12:00', timeZone);
}

/**
 * Reads a learning platform's export of completions: one row per person and module, the
 * person by e-mail address or employee id, the module id, the date. `;` (Dutch spreadsheets)
 * or `,`. Every row is checked; nothing is written here, so the dry run and the import read
 * the same plan and the import only runs when the plan has no problems.
 */
export function planImport(
  csv: string,
  opts: {
    people: Person[];
    /** The tenant's own catalogue: a module it retired or never had is a problem of its row. */
    modules: ModuleLookup;
    now: Date;
    timeZone: string;
  },
): ImportPlan {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
    records = parsed as string[][];
  } catch {
    return { rows: 0, valid: [], problems: [{ row: 1, code: 'bad-row' }], duplicates: 0 };
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map(norm);
  const find = (names: string[]) => columns.findIndex((c) => names.includes(c));
  const [emailCol, idCol, moduleCol, dateCol] = [find(PERSON), find(EMPLOYEE), find(MODULE), find(DATE)];
  if ((emailCol < 0 && idCol < 0) || moduleCol < 0 || dateCol < 0)
    return { rows: rows.length, valid: [], problems: [{ row: 1, code: 'no-header' }], duplicates: 0 };

  const byEmail = new Map(opts.people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p.id]));
  const byId = new Set(opts.people.map((p) => p.id));
  const seen = new Set<string>();
  const plan: ImportPlan = { rows: rows.length, valid: [], problems: [], duplicates: 0 };
  rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (col: number) => (col >= 0 ? (cells[col] ?? '').trim() : '');
    const email = cell(emailCol).toLowerCase();
    const employee = cell(idCol);
    const moduleId = cell(moduleCol);
    const date = cell(dateCol);
    const problems: ImportProblem[] = [];
    let userId: string | undefined;
    if (!email && !employee) problems.push({ row, code: 'missing-person' });
    else {
      userId = (email && byEmail.get(email)) || (employee && byId.has(employee) ? employee : undefined);
      if (!userId) problems.push({ row, code: 'unknown-person', value: (email || employee).slice(0, 100) });
    }
    if (!moduleId) problems.push({ row, code: 'missing-module' });
    else {
      const standing = opts.modules(moduleId);
      if (standing !== 'active') problems.push({ row, code: `${standing}-module`, value: moduleId.slice(0, 80) });
    }
    const at = parseDay(date, opts.timeZone);
    if (!at) problems.push({ row, code: 'bad-date', value: date.slice(0, 40) });
    else if (at.getTime() > opts.now.getTime() + 24 * 3600_000)
      problems.push({ row, code: 'future-date', value: date });
    if (problems.length || !userId || !at) return void plan.problems.push(...problems);
    const key = `${userId}|${moduleId}`;
    if (seen.has(key)) return void (plan.duplicates += 1);
    seen.add(key);
    plan.valid.push({ row, userId, moduleId, at });
  });
  return plan;
}
