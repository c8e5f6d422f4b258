import { Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useReducer, useState } from 'react';
import { API, type Api, type CoachNetworkRow, type UnitRow } from '../api';
import type { ChartConfiguration } from '../charts';
import { ChartFigure } from '../components/ChartFigure';
import { DataTable } from '../components/DataTable';
import { GroupFigures } from '../components/GroupFigures';
import { Muted, Section } from '../components/Layout';
import { PulseSection } from '../components/PulseSection';
import { Privacy } from '../components/Privacy';
import { Failed, Loading } from '../components/Status';
import { formatNumber, type Locale, percent, t } from '../i18n';
import type { ChartPalette } from '../theme';
import { useLoad } from '../use-load';
import { CoachAdmin } from './CoachAdmin';
import { AuditLog } from './AuditLog';
import { SettingsPanel } from './SettingsPanel';
import { OwnWordsPanel } from './OwnWordsPanel';
import { CampaignsPanel } from './CampaignsPanel';
import { CoachApprovals } from '../components/CoachApprovals';
import { CoachLoad } from '../components/CoachLoad';
import { ContactPersons } from '../components/ContactPersons';
import { DepartmentHeads } from '../components/DepartmentHeads';
import { CoachNews } from './CoachNews';
import { KnowledgeAdmin } from './KnowledgeAdmin';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
});

/** "Organisatie": the programme team's view of the tenant, a department or a location, with the coach network and the export. */
export function ProgrammeView(props: {
  api: Api;
  locale: Locale;
  palette: ChartPalette;
  announce: (text: string) => void;
}) {
  const { api, locale, palette } = props;
  const styles = useStyles();
  const [scope, setScope] = useState('tenant');
  // Bumped after every action that writes to the log (and may change the rounds): the panels below load again.
  const [changes, changed] = useReducer((n: number) => n + 1, 0);
  const view = useLoad(() => {
    if (scope === 'tenant') return api.call(API.programme);
    const id = scope.slice(scope.indexOf(':') + 1);
    return scope.startsWith('department:')
      ? api.call(API.programmeDepartment, { params: { id } })
      : api.call(API.programmeLocation, { params: { id } });
  }, [api, scope]);
  const units = useLoad(() => api.call(API.programmeUnits), [api]);
  const coaches = useLoad(() => api.call(API.programmeCoaches), [api]);
  // The filter lists are the departments and locations of the units overview.
  const filters = units.data;

  const download = async () => {
    const blob = await api.download(API.programmeExport);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `digivaardig-${locale === 'nl' ? 'overzicht' : 'overview'}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    changed();
  };

  return (
    <div className={styles.stack}>
      <Privacy
        title={t(locale, 'privacy.title')}
        text={t(locale, 'privacy.programme', { k: view.data?.threshold ?? 5 })}
      />
      <div className={styles.bar}>
        <Field label={t(locale, 'programme.scope')}>
          <Select value={scope} onChange={(_, v) => setScope(v.value)} data-testid="programme-scope">
            <option value="tenant">
              {filters ? `${t(locale, 'programme.whole')}: ${filters.tenant.name}` : t(locale, 'programme.whole')}
            </option>
            {filters && (
              <optgroup label={t(locale, 'programme.departments')}>
                {filters.departments
                  .filter((d) => !d.unknown)
                  .map((d) => (
                    <option key={d.id} value={`department:${d.id}`}>
                      {d.name}
                    </option>
                  ))}
              </optgroup>
            )}
            {filters && (
              <optgroup label={t(locale, 'programme.locations')}>
                {filters.locations
                  .filter((l) => !l.unknown)
                  .map((l) => (
                    <option key={l.id} value={`location:${l.id}`}>
                      {l.name}
                    </option>
                  ))}
              </optgroup>
            )}
          </Select>
        </Field>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void download()} aria-describedby="download-help">
          {t(locale, 'programme.download')}
        </Button>
        <span id="download-help">
          <Muted>{t(locale, 'programme.downloadHelp')}</Muted>
        </span>
      </div>
      {view.loading && <Loading locale={locale} />}
      {view.error && <Failed locale={locale} error={view.error} retry={view.reload} />}
      {view.data && (
        <>
          <h2 data-testid="scope-name" style={{ margin: 0 }}>
            {view.data.group.name}
          </h2>
          <GroupFigures d={view.data} locale={locale} palette={palette} audience="organisation" />
        </>
      )}
      {units.data && <Units locale={locale} palette={palette} data={units.data} />}
      {coaches.data && <Coaches locale={locale} data={coaches.data} />}
      <PulseSection api={api} locale={locale} />
      {view.data && (
        <CoachApprovals
          api={api}
          locale={locale}
          domains={view.data.domains}
          announce={props.announce}
          onDecided={changed}
        />
      )}
      <CoachLoad api={api} locale={locale} version={changes} />
      {view.data && (
        <CoachAdmin
          api={api}
          locale={locale}
          domains={view.data.domains}
          announce={props.announce}
          onChanged={changed}
        />
      )}
      <ContactPersons api={api} locale={locale} announce={props.announce} onChanged={changed} />
      <DepartmentHeads api={api} locale={locale} announce={props.announce} onChanged={changed} />
      {units.data && (
        <CoachNews
          api={api}
          locale={locale}
          departments={units.data.departments}
          announce={props.announce}
          onSent={changed}
        />
      )}
      {view.data && (
        <KnowledgeAdmin
          api={api}
          locale={locale}
          domains={view.data.domains}
          help={scope === 'tenant' && view.data.help ? { figures: view.data.help, k: view.data.threshold } : null}
          announce={props.announce}
        />
      )}
      <CampaignsPanel api={api} locale={locale} announce={props.announce} version={changes} onStarted={changed} />
      <SettingsPanel api={api} locale={locale} announce={props.announce} onSaved={changed} />
      <OwnWordsPanel api={api} locale={locale} announce={props.announce} onSaved={changed} />
      {/* Read after the dashboard answered: opening it is logged, so the first look already shows that entry. */}
      {(view.data || view.error) && <AuditLog api={api} locale={locale} version={changes} />}
    </div>
  );
}

function Units(props: {
  locale: Locale;
  palette: ChartPalette;
  data: { goal: number; departments: UnitRow[]; locations: UnitRow[] };
}) {
  const { locale, palette, data } = props;
  // People the directory places nowhere are one row, named the same everywhere: "onbekende afdeling".
  const nameOf = (u: UnitRow) =>
    u.unknown
      ? t(locale, u.kind === 'department' ? 'programme.unknownDepartment' : 'programme.unknownLocation')
      : u.name;
  const shown = data.departments.filter((u) => u.participation);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: shown.map(nameOf),
      datasets: [
        {
          label: t(locale, 'participation.completed'),
          data: shown.map((u) => Math.round(u.participation!.rate * 100)),
          backgroundColor: palette.series[0],
          borderColor: palette.text,
          borderWidth: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { min: 0, max: 100, ticks: { color: palette.text }, grid: { color: palette.grid } },
        y: { ticks: { color: palette.text }, grid: { color: palette.grid } },
      },
      plugins: { legend: { display: false } },
    },
  };
  const rows = [...data.departments, ...data.locations];
  const cell = (u: UnitRow, pick: (p: NonNullable<UnitRow['participation']>) => string | number) =>
    u.participation ? pick(u.participation) : t(locale, 'programme.notShown');
  const table = (
    <DataTable
      locale={locale}
      caption={t(locale, 'programme.units')}
      regionLabel={t(locale, 'common.table', { caption: t(locale, 'programme.units') })}
      testId="units-table"
      rows={rows}
      rowKey={(u) => `${u.kind}:${u.id}`}
      columns={[
        {
          header: t(locale, 'programme.unit'),
          cell: (u) =>
            u.unknown
              ? nameOf(u)
              : `${u.name} (${t(locale, u.kind === 'department' ? 'programme.kind.department' : 'programme.kind.location')})`,
        },
        { header: t(locale, 'programme.members'), numeric: true, cell: (u) => cell(u, (p) => p.members) },
        { header: t(locale, 'participation.completed'), numeric: true, cell: (u) => cell(u, (p) => p.completed) },
        {
          header: t(locale, 'participation.inProgress'),
          numeric: true,
          cell: (u) => cell(u, (p) => p.inProgress),
        },
        { header: '%', numeric: true, cell: (u) => cell(u, (p) => percent(locale, p.rate)) },
      ]}
    />
  );
  return (
    <Section id="units" title={t(locale, 'programme.units')}>
      {shown.length > 0 ? (
        <ChartFigure
          locale={locale}
          label={t(locale, 'programme.unitsChart')}
          config={config}
          height={60 + 30 * shown.length}
          testId="units-chart"
          table={table}
          // Bars of 0 % everywhere say nothing: until someone finished the scan, a sentence says so.
          empty={shown.every((u) => u.participation!.completed === 0) ? t(locale, 'programme.unitsNone') : null}
        />
      ) : (
        // No chart of nothing: the table alone says which groups are withheld and why.
        <>
          <Muted>{t(locale, 'programme.unitsEmpty')}</Muted>
          {table}
        </>
      )}
    </Section>
  );
}

function Coaches(props: {
  locale: Locale;
  data: { threshold: number; target: number; departments: CoachNetworkRow[]; total: CoachNetworkRow };
}) {
  const { locale, data } = props;
  const none = t(locale, 'common.none');
  const minutes = (m: number | null) => (m === null ? none : t(locale, 'help.minutes', { n: m }));
  const rows = [...data.departments, { ...data.total, name: `${t(locale, 'coaches.total')}: ${data.total.name}` }];
  return (
    <Section id="coaches" title={t(locale, 'coaches.title')}>
      <Muted>{t(locale, 'coaches.intro', { k: data.threshold })}</Muted>
      <DataTable
        locale={locale}
        caption={t(locale, 'coaches.title')}
        regionLabel={t(locale, 'common.table', { caption: t(locale, 'coaches.title') })}
        testId="coaches-table"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t(locale, 'coaches.department'), cell: (r) => r.name },
          {
            header: t(locale, 'coaches.count'),
            numeric: true,
            cell: (r) =>
              r.understaffed && r !== rows[rows.length - 1] ? `${r.coaches} (${t(locale, 'coaches.low')})` : r.coaches,
          },
          { header: t(locale, 'coaches.offers'), numeric: true, cell: (r) => r.offers ?? none },
          {
            header: t(locale, 'coaches.acceptRate'),
            numeric: true,
            cell: (r) => (r.acceptRate === null ? none : percent(locale, r.acceptRate)),
          },
          { header: t(locale, 'coaches.declines'), numeric: true, cell: (r) => r.declines ?? none },
          { header: t(locale, 'coaches.timeouts'), numeric: true, cell: (r) => r.timeouts ?? none },
          { header: t(locale, 'coaches.medianAccept'), numeric: true, cell: (r) => minutes(r.medianAcceptMinutes) },
          { header: t(locale, 'coaches.medianResolve'), numeric: true, cell: (r) => minutes(r.medianResolveMinutes) },
          {
            header: t(locale, 'coaches.rating'),
            numeric: true,
            cell: (r) => (r.averageRating === null ? none : formatNumber(locale, r.averageRating)),
          },
        ]}
      />
    </Section>
  );
}
