import type { Locale } from '../org';
import type { GroupDashboard } from './group-dashboard';
import { UNKNOWN_UNIT } from './dashboard-service';

export interface CsvLabels {
  header: string[];
  kind: Record<'tenant' | 'department' | 'location' | 'team', string>;
  status: Record<'shown' | 'below-threshold' | 'complementary' | 'not-yet', string>;
  /** The name of the row of people the directory puts in no department (or location). */
  unknown: Record<'department' | 'location', string>;
  domainColumn(domainName: string): string;
  /** Growth (first scan against latest), after the domain columns so earlier columns keep their place. */
  growthHeader: string[];
  growthDomainColumn(domainName: string): string;
}

/**
 * The programme's aggregates as CSV, one row per group, built from the same group
 * dashboards the screens show: a withheld figure is an empty cell with its reason in the
 * status columns, never a number. Excel reads a CSV with the separators of its language:
 * in Dutch ';' between fields and ',' as the decimal sign (an average rating 4,2), in
 * English ',' and '.'. Percentages are whole numbers.
 */
export function dashboardsToCsv(
  dashboards: GroupDashboard[],
  domains: Array<{ id: string; name: string }>,
  labels: CsvLabels,
  locale: Locale,
): string {
  const { separator: sep, decimal } = csvFormat(locale);
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(Math.round(x * 100)));
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x).replace('.', decimal));
  const lines = [
    [
      ...labels.header,
      ...domains.map((d) => labels.domainColumn(d.name)),
      ...labels.growthHeader,
      ...domains.map((d) => labels.growthDomainColumn(d.name)),
    ],
  ];
  for (const d of dashboards) {
    const p = d.participation;
    const r = d.results;
    const f = d.followUp;
    const atTarget = new Map((r?.domains ?? []).map((x) => [x.domain, x.atTargetRate]));
    const g = d.growth;
    const grown = new Map((g?.domains ?? []).map((x) => [x.domain, x]));
    const unknown = d.group.id === UNKNOWN_UNIT && (d.group.kind === 'department' || d.group.kind === 'location');
    lines.push([
      labels.kind[d.group.kind],
      unknown ? '' : d.group.id,
      unknown ? labels.unknown[d.group.kind as 'department' | 'location'] : d.group.name,
      labels.status[d.withheld ?? 'shown'],
      labels.status[d.resultsWithheld ?? 'shown'],
      num(p?.members),
      num(p?.completed),
      num(p?.inProgress),
      num(p?.notStarted),
      pct(p?.rate),
      num(r?.respondents),
      pct(f?.modules.followThroughRate),
      num(f?.funnel.intake),
      num(f?.funnel.training),
      num(d.help?.requests),
      num(d.help?.medianAcceptMinutes),
      num(d.help?.medianResolveMinutes),
      num(d.help?.averageRating),
      ...domains.map((dom) => pct(atTarget.get(dom.id))),
      num(g?.people),
      pct(g?.upAnyRate),
      ...domains.map((dom) => num(grown.get(dom.id)?.meanChange)),
    ]);
  }
  return '\uFEFF' + lines.map((cells) => cells.map((c) => field(c, sep)).join(sep)).join('\r\n') + '\r\n';
}

/** The field separator and decimal sign a spreadsheet in this language expects. */
export function csvFormat(locale: Locale): { separator: string; decimal: string } {
  return locale === 'nl' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };
}

/** Quotes what needs quoting and defuses spreadsheet formulas in names. */
function field(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
