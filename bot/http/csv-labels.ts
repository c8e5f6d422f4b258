import type { CsvLabels } from '../domain/dashboard/csv-export';
import type { Locale } from '../domain/org';
import { t } from '../i18n';

/** The export's column names and statuses in the admin's language. */
export function csvLabels(locale: Locale, threshold: number): CsvLabels {
  const columns = [
    'tab.csv.kind',
    'tab.csv.id',
    'tab.csv.name',
    'tab.csv.status',
    'tab.csv.resultsStatus',
    'tab.csv.members',
    'tab.csv.completed',
    'tab.csv.inProgress',
    'tab.csv.notStarted',
    'tab.csv.rate',
    'tab.csv.respondents',
    'tab.csv.followThrough',
    'tab.csv.intake',
    'tab.csv.training',
    'tab.csv.helpRequests',
    'tab.csv.medianAccept',
    'tab.csv.medianResolve',
    'tab.csv.rating',
  ] as const;
  return {
    header: columns.map((key) => t(locale, key)),
    kind: {
      tenant: t(locale, 'tab.csv.kind.tenant'),
      department: t(locale, 'tab.csv.kind.department'),
      location: t(locale, 'tab.csv.kind.location'),
      team: t(locale, 'tab.csv.kind.team'),
    },
    status: {
      shown: t(locale, 'tab.csv.shown'),
      'below-threshold': t(locale, 'tab.csv.belowThreshold', { threshold }),
      complementary: t(locale, 'tab.csv.complementary'),
      'not-yet': t(locale, 'tab.csv.notYet', { threshold }),
    },
    unknown: {
      department: t(locale, 'tab.csv.unknownDepartment'),
      location: t(locale, 'tab.csv.unknownLocation'),
    },
    domainColumn: (domain) => t(locale, 'tab.csv.domain', { domain }),
    growthHeader: [t(locale, 'tab.csv.growthPeople'), t(locale, 'tab.csv.growthUp')],
    growthDomainColumn: (domain) => t(locale, 'tab.csv.growthChange', { domain }),
  };
}
