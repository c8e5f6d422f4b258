import { API, type Api } from '../api';
import { formatNumber, type Locale, t, tn } from '../i18n';
import { useLoad } from '../use-load';
import { DataTable } from './DataTable';
import { Muted, Note, Section } from './Layout';
import { Failed, Loading } from './Status';

/**
 * "Belasting van digicoaches" for the coordinator: questions per coach per week against the
 * 1–3 norm and their own capacity, and per department the coaches against the tenant's
 * target. Department sizes only where the dashboards may show them.
 */
export function CoachLoad(props: { api: Api; locale: Locale; version?: number }) {
  const { api, locale } = props;
  const load = useLoad(() => api.call(API.coachLoad), [api, props.version]);
  const none = t(locale, 'common.none');
  if (load.loading && !load.data) return <Loading locale={locale} />;
  if (load.error) return <Failed locale={locale} error={load.error} retry={load.reload} />;
  if (!load.data) return null;
  const d = load.data;
  return (
    <>
      <Section id="coach-load" title={t(locale, 'load.title')}>
        <Muted>{t(locale, 'load.intro', { min: d.norm.min, max: d.norm.max })}</Muted>
        {d.aboveCapacity > 0 && (
          <Note intent="warning">{tn(locale, 'load.aboveCapacity', d.aboveCapacity, { count: d.aboveCapacity })}</Note>
        )}
        <DataTable
          locale={locale}
          caption={t(locale, 'load.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'load.title') })}
          testId="coach-load-table"
          rows={d.coaches}
          rowKey={(r) => r.userId}
          columns={[
            { header: t(locale, 'coachAdmin.name'), cell: (r) => r.name },
            { header: t(locale, 'coaches.department'), cell: (r) => r.department ?? none },
            {
              header: t(locale, 'load.thisWeek'),
              numeric: true,
              cell: (r) =>
                r.aboveCapacity
                  ? `${r.thisWeek} (${t(locale, 'load.over')})`
                  : r.atCapacity
                    ? `${r.thisWeek} (${t(locale, 'load.full')})`
                    : r.thisWeek,
            },
            { header: t(locale, 'load.capacity'), numeric: true, cell: (r) => r.weeklyCapacity },
            { header: t(locale, 'load.average'), numeric: true, cell: (r) => formatNumber(locale, r.averagePerWeek) },
            { header: t(locale, 'load.norm'), cell: (r) => t(locale, `load.norm.${r.norm}`) },
          ]}
        />
      </Section>
      <Section id="coach-ratio" title={t(locale, 'ratio.title')}>
        <Muted>{t(locale, 'ratio.intro', { target: d.employeesPerCoach })}</Muted>
        <DataTable
          locale={locale}
          caption={t(locale, 'ratio.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'ratio.title') })}
          testId="coach-ratio-table"
          rows={d.ratios}
          rowKey={(r) => r.departmentId}
          columns={[
            { header: t(locale, 'coaches.department'), cell: (r) => r.name },
            { header: t(locale, 'ratio.coaches'), numeric: true, cell: (r) => r.coaches },
            {
              header: t(locale, 'ratio.perCoach'),
              numeric: true,
              cell: (r) => (r.employeesPerCoach === null ? none : formatNumber(locale, r.employeesPerCoach)),
            },
            {
              header: t(locale, 'ratio.needed'),
              numeric: true,
              cell: (r) =>
                r.coachesNeeded === null
                  ? t(locale, 'programme.notShown')
                  : r.belowTarget
                    ? `${r.coachesNeeded} (${t(locale, 'ratio.short')})`
                    : r.coachesNeeded,
            },
          ]}
        />
      </Section>
    </>
  );
}
