import { API, type Api, type DepartmentFigures } from '../api';
import { CoachNetworkRowTable } from '../components/CoachNetworkRowTable';
import { DataTable } from '../components/DataTable';
import { LedUnitDashboard } from '../components/LedUnitDashboard';
import { Muted, Section } from '../components/Layout';
import { type Locale, percent, t, tn } from '../i18n';
import type { ChartPalette } from '../theme';

/**
 * "Mijn afdeling": a department head's view. The department's released figures (the same the
 * programme view shows for it), a row per team as the team's own leader sees it, and the
 * department's row of the coach network.
 */
export function MyDepartmentView(props: { api: Api; locale: Locale; palette: ChartPalette }) {
  const { api, locale } = props;
  return (
    <LedUnitDashboard
      locale={locale}
      palette={props.palette}
      units={() => api.call(API.myDepartments).then((r) => r.departments)}
      dashboard={(departmentId) => api.call(API.departmentDashboard, { params: { departmentId } })}
      deps={[api]}
      texts={{
        none: t(locale, 'myDepartment.none'),
        choose: t(locale, 'myDepartment.choose'),
        privacyTitle: t(locale, 'privacy.title'),
        privacy: (k) => t(locale, 'privacy.department', { k }),
      }}
      audience="organisation"
      nameTestId="department-name"
    >
      {(d) => (
        <>
          <Teams d={d} locale={locale} />
          <Coaches d={d} locale={locale} />
        </>
      )}
    </LedUnitDashboard>
  );
}

function Teams({ d, locale }: { d: DepartmentFigures; locale: Locale }) {
  const title = t(locale, 'myDepartment.teams');
  const notShown = t(locale, 'programme.notShown');
  const cell = (
    r: DepartmentFigures['teams'][number],
    pick: (p: NonNullable<typeof r.participation>) => string | number,
  ) => (r.participation ? pick(r.participation) : notShown);
  return (
    <Section id="department-teams" title={title}>
      <Muted>{t(locale, 'myDepartment.teamsIntro', { k: d.threshold })}</Muted>
      {d.teams.length === 0 ? (
        <Muted>{t(locale, 'myDepartment.noTeams')}</Muted>
      ) : (
        <DataTable
          locale={locale}
          caption={title}
          regionLabel={t(locale, 'common.table', { caption: title })}
          testId="department-teams"
          rows={d.teams}
          rowKey={(r) => r.id}
          columns={[
            { header: t(locale, 'myDepartment.team'), cell: (r) => r.name },
            { header: t(locale, 'programme.members'), numeric: true, cell: (r) => cell(r, (p) => p.members) },
            { header: t(locale, 'participation.completed'), numeric: true, cell: (r) => cell(r, (p) => p.completed) },
            { header: '%', numeric: true, cell: (r) => cell(r, (p) => percent(locale, p.rate)) },
          ]}
        />
      )}
    </Section>
  );
}

function Coaches({ d, locale }: { d: DepartmentFigures; locale: Locale }) {
  const row = d.coaches;
  const title = t(locale, 'myDepartment.coaches');
  return (
    <Section id="department-coach-network" title={title}>
      <Muted>
        {row
          ? tn(locale, row.withheld ? 'myDepartment.coachesWithheld' : 'myDepartment.coachesCount', row.coaches, {
              k: d.threshold,
            })
          : t(locale, 'myDepartment.noCoaches')}
      </Muted>
      {row && !row.withheld && (
        <CoachNetworkRowTable locale={locale} caption={title} testId="department-coach-network" row={row} />
      )}
    </Section>
  );
}
