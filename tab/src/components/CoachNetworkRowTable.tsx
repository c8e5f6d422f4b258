import type { CoachNetworkRow } from '../api';
import { type Locale, percent, t } from '../i18n';
import { DataTable } from './DataTable';

/** One department's row of the coach network (offers, accept rate, declines, time-outs), as released. */
export function CoachNetworkRowTable(props: { locale: Locale; caption: string; testId: string; row: CoachNetworkRow }) {
  const { locale } = props;
  const none = t(locale, 'common.none');
  return (
    <DataTable
      locale={locale}
      caption={props.caption}
      regionLabel={t(locale, 'common.table', { caption: props.caption })}
      testId={props.testId}
      rows={[props.row]}
      rowKey={(r) => r.id}
      columns={[
        { header: t(locale, 'coaches.offers'), numeric: true, cell: (r) => r.offers ?? none },
        {
          header: t(locale, 'coaches.acceptRate'),
          numeric: true,
          cell: (r) => (r.acceptRate === null ? none : percent(locale, r.acceptRate)),
        },
        { header: t(locale, 'coaches.declines'), numeric: true, cell: (r) => r.declines ?? none },
        { header: t(locale, 'coaches.timeouts'), numeric: true, cell: (r) => r.timeouts ?? none },
      ]}
    />
  );
}
