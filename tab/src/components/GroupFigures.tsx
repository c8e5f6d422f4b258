import type { ChartConfiguration } from '../charts';
import type { ProgrammeFigures } from '../api';
import { formatDate, formatMonth, formatNumber, type Key, type Locale, percent, t, tn } from '../i18n';
import type { ChartPalette } from '../theme';
import { ChartFigure } from './ChartFigure';
import { DataTable } from './DataTable';
import { GoalBar, Muted, Note, Section, Tiles } from './Layout';
import { GrowthSection } from './GrowthSection';

interface Props {
  d: ProgrammeFigures;
  locale: Locale;
  palette: ChartPalette;
  audience: 'team' | 'organisation';
}

/** One group's dashboard: participation, levels per domain, follow-through, help and trend; each chart with its table. */
export function GroupFigures({ d, locale, palette, audience }: Props) {
  const k = d.threshold;
  if (d.withheld) {
    return (
      <div data-testid="withheld">
        <Note>{t(locale, `withheld.${d.withheld}` as Key, { k })}</Note>
      </div>
    );
  }
  return (
    <>
      {d.participation && <ParticipationSection d={d} locale={locale} palette={palette} audience={audience} />}
      <LevelsSection d={d} locale={locale} palette={palette} audience={audience} />
      <GrowthSection d={d} locale={locale} palette={palette} />
      <FollowUpSection d={d} locale={locale} palette={palette} audience={audience} />
      <HelpSection d={d} locale={locale} palette={palette} audience={audience} />
      {d.trend && <TrendSection d={d} locale={locale} palette={palette} audience={audience} />}
    </>
  );
}

function ParticipationSection({ d, locale, palette, audience }: Props) {
  const p = d.participation!;
  const label = t(locale, 'participation.chart', {
    completed: p.completed,
    inProgress: p.inProgress,
    notStarted: p.notStarted,
  });
  const rows = [
    { key: 'completed', label: t(locale, 'participation.completed'), n: p.completed, color: palette.levels[3] },
    { key: 'inProgress', label: t(locale, 'participation.inProgress'), n: p.inProgress, color: palette.levels[1] },
    { key: 'notStarted', label: t(locale, 'participation.notStarted'), n: p.notStarted, color: palette.levels[0] },
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: [''],
      datasets: rows.map((r) => ({
        label: r.label,
        data: [r.n],
        backgroundColor: r.color,
        borderColor: palette.text,
        borderWidth: 1,
      })),
    },
    options: { indexAxis: 'y', scales: axes(palette, true), plugins: { legend: legend(palette) } },
  };
  return (
    <Section id="participation" title={t(locale, 'participation.title')}>
      <Tiles
        items={rows.map((r) => ({
          label: r.label,
          value: t(locale, 'participation.of', { n: r.n, members: p.members }),
        }))}
      />
      <GoalBar
        value={p.rate / p.goal}
        label={t(locale, audience === 'team' ? 'participation.rate' : 'participation.rateOrg', {
          rate: percent(locale, p.rate),
        })}
        goalLabel={t(locale, 'participation.goal', { goal: percent(locale, p.goal) })}
      />
      <ChartFigure
        locale={locale}
        label={label}
        config={config}
        height={110}
        testId="participation-chart"
        table={
          <DataTable
            locale={locale}
            caption={t(locale, 'participation.title')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'participation.title') })}
            columns={[
              { header: t(locale, 'participation.status'), cell: (r) => r.label },
              { header: '#', numeric: true, cell: (r) => r.n },
              { header: '%', numeric: true, cell: (r) => (p.members ? percent(locale, r.n / p.members) : '—') },
            ]}
            rows={rows}
            rowKey={(r) => r.key}
          />
        }
      />
    </Section>
  );
}

function LevelsSection({ d, locale, palette }: Props) {
  const k = d.threshold;
  const r = d.results;
  const name = (id: string) => d.domains.find((x) => x.id === id)?.name ?? id;
  if (!r) {
    return (
      <Section id="levels" title={t(locale, 'levels.title')}>
        <Note>
          {t(
            locale,
            d.resultsWithheld === 'complementary'
              ? 'withheld.results.complementary'
              : d.resultsWithheld === 'below-threshold'
                ? 'withheld.results.below-threshold'
                : 'withheld.not-yet',
            { k },
          )}
        </Note>
      </Section>
    );
  }
  const levelNames = [1, 2, 3, 4].map((l) => t(locale, `level.${l}` as Key));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: r.domains.map((x) => name(x.domain)),
      datasets: levelNames.map((label, i) => ({
        label,
        data: r.domains.map((x) => x.levels[i]),
        backgroundColor: palette.levels[i],
        borderColor: palette.text,
        borderWidth: 1,
      })),
    },
    options: { indexAxis: 'y', scales: axes(palette, true), plugins: { legend: legend(palette) } },
  };
  return (
    <Section id="levels" title={t(locale, 'levels.title')}>
      <Muted>{t(locale, 'levels.intro')}</Muted>
      {r.topDevelopment.length > 0 && (
        <p>
          <strong>{t(locale, 'levels.top')}:</strong> {r.topDevelopment.map(name).join(', ')}
        </p>
      )}
      <ChartFigure
        locale={locale}
        label={t(locale, 'levels.chart')}
        config={config}
        height={60 + 36 * r.domains.length}
        testId="levels-chart"
        table={
          <DataTable
            locale={locale}
            caption={t(locale, 'levels.title')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'levels.title') })}
            testId="levels-table"
            rows={r.domains}
            rowKey={(x) => x.domain}
            columns={[
              { header: t(locale, 'levels.domain'), cell: (x) => name(x.domain) },
              ...levelNames.map((header, i) => ({
                header,
                numeric: true,
                cell: (x: (typeof r.domains)[number]) => x.levels[i],
              })),
              {
                header: t(locale, 'levels.atTarget'),
                numeric: true,
                cell: (x) => (x.atTargetRate === null ? '—' : percent(locale, x.atTargetRate)),
              },
            ]}
          />
        }
      />
      <Muted>
        {tn(locale, 'levels.basis', r.respondents, { n: r.respondents, date: formatDate(locale, r.releasedAt) })}
      </Muted>
    </Section>
  );
}

function FollowUpSection({ d, locale, palette }: Props) {
  const f = d.followUp;
  if (!f) return null;
  const steps = [
    { key: 'scanned', label: t(locale, 'followUp.scanned'), n: f.funnel.scanned },
    { key: 'intake', label: t(locale, 'followUp.intake'), n: f.funnel.intake },
    { key: 'training', label: t(locale, 'followUp.training'), n: f.funnel.training },
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: steps.map((s) => s.label),
      datasets: [
        {
          label: t(locale, 'followUp.funnel'),
          data: steps.map((s) => s.n),
          backgroundColor: palette.series[0],
          borderColor: palette.text,
          borderWidth: 1,
        },
      ],
    },
    options: { scales: axes(palette, false), plugins: { legend: { display: false } } },
  };
  return (
    <Section id="followup" title={t(locale, 'followUp.title')}>
      <GoalBar
        value={f.modules.followThroughRate / f.modules.goal}
        label={t(locale, 'followUp.rate', { rate: percent(locale, f.modules.followThroughRate) })}
        goalLabel={t(locale, 'participation.goal', { goal: percent(locale, f.modules.goal) })}
      />
      <DataTable
        locale={locale}
        caption={t(locale, 'followUp.sources')}
        regionLabel={t(locale, 'common.table', { caption: t(locale, 'followUp.sources') })}
        rows={[
          { key: 'all', label: t(locale, 'followUp.source.all'), n: f.modules.finishers },
          { key: 'confirmed', label: t(locale, 'followUp.source.confirmed'), n: f.modules.confirmed },
          ...(['self', 'event', 'import', 'xapi'] as const).map((s) => ({
            key: s,
            label: t(locale, `followUp.source.${s}`),
            n: f.modules.bySource[s],
          })),
        ]}
        rowKey={(r) => r.key}
        columns={[
          { header: t(locale, 'followUp.source'), cell: (r) => r.label },
          { header: '#', numeric: true, cell: (r) => r.n },
        ]}
      />
      <ChartFigure
        locale={locale}
        label={t(locale, 'followUp.chart', {
          scanned: f.funnel.scanned,
          intake: f.funnel.intake,
          training: f.funnel.training,
        })}
        config={config}
        height={200}
        testId="followup-chart"
        empty={f.funnel.scanned + f.funnel.intake + f.funnel.training === 0 ? t(locale, 'followUp.empty') : null}
        table={
          <DataTable
            locale={locale}
            caption={t(locale, 'followUp.funnel')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'followUp.funnel') })}
            rows={steps}
            rowKey={(s) => s.key}
            columns={[
              { header: t(locale, 'followUp.step'), cell: (s) => s.label },
              { header: '#', numeric: true, cell: (s) => s.n },
            ]}
          />
        }
      />
    </Section>
  );
}

function HelpSection({ d, locale }: Props) {
  const h = d.help;
  if (!h) return null;
  const minutes = (m: number | null) =>
    m === null
      ? t(locale, 'common.none')
      : m > 10080
        ? t(locale, 'help.overWeek')
        : t(locale, 'help.minutes', { n: m });
  return (
    <Section id="help" title={t(locale, 'help.title')}>
      <Tiles
        items={[
          { label: t(locale, 'help.requests'), value: formatNumber(locale, h.requests) },
          { label: t(locale, 'help.accept'), value: minutes(h.medianAcceptMinutes) },
          { label: t(locale, 'help.resolve'), value: minutes(h.medianResolveMinutes) },
          {
            label: t(locale, 'help.rating'),
            value:
              h.averageRating === null
                ? t(locale, 'common.none')
                : t(locale, 'help.ratingValue', { n: h.averageRating }),
          },
        ]}
      />
      {(h.medianAcceptMinutes === null || h.averageRating === null) && (
        <Muted>{t(locale, 'help.tooFew', { k: d.threshold })}</Muted>
      )}
    </Section>
  );
}

function TrendSection({ d, locale, palette }: Props) {
  // From the first month with anything in it: a year of zeros before the start says nothing.
  const first = d.trend!.findIndex((p) => p.completions + p.helpRequests > 0);
  const trend = first < 0 ? [] : d.trend!.slice(first);
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      labels: trend.map((p) => formatMonth(locale, p.month)),
      datasets: [
        {
          label: t(locale, 'trend.completions'),
          data: trend.map((p) => p.completions),
          borderColor: palette.series[0],
          backgroundColor: palette.series[0],
          pointStyle: 'circle',
        },
        {
          label: t(locale, 'trend.help'),
          data: trend.map((p) => p.helpRequests),
          borderColor: palette.series[1],
          backgroundColor: palette.series[1],
          pointStyle: 'rectRot',
          borderDash: [6, 4],
        },
      ],
    },
    options: { scales: axes(palette, false), plugins: { legend: legend(palette) } },
  };
  return (
    <Section id="trend" title={t(locale, 'trend.title')}>
      <ChartFigure
        locale={locale}
        label={t(locale, 'trend.chart')}
        config={config}
        height={240}
        testId="trend-chart"
        empty={trend.length === 0 ? t(locale, 'trend.empty') : null}
        table={
          <DataTable
            locale={locale}
            caption={t(locale, 'trend.title')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'trend.title') })}
            rows={trend}
            rowKey={(p) => p.month}
            columns={[
              { header: t(locale, 'trend.month'), cell: (p) => formatMonth(locale, p.month) },
              { header: t(locale, 'trend.completions'), numeric: true, cell: (p) => p.completions },
              { header: t(locale, 'trend.help'), numeric: true, cell: (p) => p.helpRequests },
            ]}
          />
        }
      />
    </Section>
  );
}

function axes(palette: ChartPalette, stacked: boolean) {
  const axis = {
    stacked,
    ticks: { color: palette.text, precision: 0 },
    grid: { color: palette.grid },
    border: { color: palette.grid },
  };
  return { x: axis, y: axis };
}

function legend(palette: ChartPalette) {
  return { labels: { color: palette.text } };
}
