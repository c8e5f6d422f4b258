import type { ChartConfiguration } from '../charts';
import { formatDate, formatNumber, type Locale, percent, t, tn } from '../i18n';
import type { ChartPalette } from '../theme';
import { ChartFigure } from './ChartFigure';
import { DataTable } from './DataTable';
import type { ProgrammeFigures as Figures } from '../api';
import { Muted, Note, Section, Tiles } from './Layout';

/**
 * "Nulmeting → eenmeting": how far people with two scans moved per domain, as a mean change of
 * level and the share that went up. Never the mean level at the first scan: see growthOf.
 */
export function GrowthSection({ d, locale, palette }: { d: Figures; locale: Locale; palette: ChartPalette }) {
  const g = d.growth;
  if (!d.results) return null;
  if (!g) {
    return (
      <Section id="growth" title={t(locale, 'growth.title')}>
        <Note>{t(locale, 'growth.notYet', { k: d.threshold })}</Note>
      </Section>
    );
  }
  const name = (id: string) => d.domains.find((x) => x.id === id)?.name ?? id;
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: g.domains.map((x) => name(x.domain)),
      datasets: [
        {
          label: t(locale, 'growth.change'),
          data: g.domains.map((x) => x.meanChange),
          backgroundColor: palette.levels[3],
          borderColor: palette.text,
          borderWidth: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        // Zero stays in view, so a fall reads as a bar to the left.
        x: { suggestedMin: 0, suggestedMax: 1, ticks: { color: palette.text }, grid: { color: palette.grid } },
        y: { ticks: { color: palette.text }, grid: { color: palette.grid } },
      },
      plugins: { legend: { display: false } },
    },
  };
  return (
    <Section id="growth" title={t(locale, 'growth.title')}>
      <Muted>{t(locale, 'growth.intro')}</Muted>
      <Tiles
        items={[
          { label: t(locale, 'growth.people'), value: formatNumber(locale, g.people) },
          { label: t(locale, 'growth.upAny'), value: percent(locale, g.upAnyRate) },
        ]}
      />
      <ChartFigure
        locale={locale}
        label={t(locale, 'growth.chart')}
        config={config}
        height={60 + 44 * g.domains.length}
        testId="growth-chart"
        table={
          <DataTable
            locale={locale}
            caption={t(locale, 'growth.title')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'growth.title') })}
            testId="growth-table"
            rows={g.domains}
            rowKey={(x) => x.domain}
            columns={[
              { header: t(locale, 'levels.domain'), cell: (x) => name(x.domain) },
              { header: t(locale, 'growth.people'), numeric: true, cell: (x) => formatNumber(locale, x.measured) },
              {
                header: t(locale, 'growth.change'),
                numeric: true,
                cell: (x) => formatNumber(locale, x.meanChange, { signDisplay: 'exceptZero' }),
              },
              { header: t(locale, 'growth.up'), numeric: true, cell: (x) => percent(locale, x.upRate) },
            ]}
          />
        }
      />
      <Muted>{tn(locale, 'growth.basis', g.people, { n: g.people, date: formatDate(locale, g.releasedAt) })}</Muted>
    </Section>
  );
}
