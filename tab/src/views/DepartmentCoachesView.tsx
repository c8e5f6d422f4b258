import { makeStyles, tokens } from '@fluentui/react-components';
import { API, type Api } from '../api';
import { CoachApprovals } from '../components/CoachApprovals';
import { CoachNetworkRowTable } from '../components/CoachNetworkRowTable';
import { DataTable } from '../components/DataTable';
import { Muted, Section } from '../components/Layout';
import { Privacy } from '../components/Privacy';
import { Failed, Loading } from '../components/Status';
import { formatNumber, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/**
 * "Digicoaches van mijn afdeling": the contact person's view. Registrations to decide on,
 * and per department its coaches (names are a public role) with their load, the coaches
 * against the target, and the department's released coach-network figures.
 */
export function DepartmentCoachesView(props: { api: Api; locale: Locale; announce: (text: string) => void }) {
  const { api, locale } = props;
  const styles = useStyles();
  const data = useLoad(() => api.call(API.contactDepartments), [api]);
  if (data.loading && !data.data) return <Loading locale={locale} />;
  if (data.error) return <Failed locale={locale} error={data.error} retry={data.reload} />;
  if (!data.data) return null;
  const { threshold, employeesPerCoach, departments, domains } = data.data;
  const topic = (id: string) => domains.find((d) => d.id === id)?.name ?? id;
  return (
    <div className={styles.stack}>
      <Privacy title={t(locale, 'privacy.title')} text={t(locale, 'department.intro', { k: threshold })} />
      <CoachApprovals api={api} locale={locale} domains={domains} announce={props.announce} onDecided={data.reload} />
      {departments.map((d) => (
        <Section key={d.id} id={`department-${d.id}`} title={t(locale, 'department.coaches', { department: d.name })}>
          <Muted>
            {d.ratio.coachesNeeded === null
              ? t(locale, 'department.ratio', { coaches: d.ratio.coaches, target: employeesPerCoach })
              : t(locale, 'department.ratioShown', { coaches: d.ratio.coaches, needed: d.ratio.coachesNeeded })}
          </Muted>
          <DataTable
            locale={locale}
            caption={t(locale, 'department.coaches', { department: d.name })}
            regionLabel={t(locale, 'common.table', {
              caption: t(locale, 'department.coaches', { department: d.name }),
            })}
            testId={`department-coaches-${d.id}`}
            rows={d.coaches}
            rowKey={(r) => r.userId}
            columns={[
              { header: t(locale, 'coachAdmin.name'), cell: (r) => r.name },
              { header: t(locale, 'department.state'), cell: (r) => t(locale, `department.state.${r.approval}`) },
              { header: t(locale, 'coachAdmin.domains'), cell: (r) => r.domains.map(topic).join(', ') },
              { header: t(locale, 'load.thisWeek'), numeric: true, cell: (r) => `${r.thisWeek}/${r.weeklyCapacity}` },
              { header: t(locale, 'load.average'), numeric: true, cell: (r) => formatNumber(locale, r.averagePerWeek) },
              {
                header: t(locale, 'coachAdmin.available'),
                cell: (r) => t(locale, r.available ? 'coachAdmin.yes' : 'coachAdmin.no'),
              },
            ]}
          />
          {d.network && (
            <CoachNetworkRowTable
              locale={locale}
              caption={t(locale, 'department.network', { department: d.name })}
              testId={`department-network-${d.id}`}
              row={d.network}
            />
          )}
        </Section>
      ))}
    </div>
  );
}
