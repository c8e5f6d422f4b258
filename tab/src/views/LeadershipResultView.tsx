import { Button, Card, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { LeadershipResult } from '../api';
import type { ChartConfiguration } from '../charts';
import { ChartFigure } from '../components/ChartFigure';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { formatDate, formatNumber, type Key, type Locale, t } from '../i18n';
import type { ChartPalette } from '../theme';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: '0',
    margin: '0',
    listStyleType: 'none',
  },
  card: { height: '100%' },
  tag: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  h3: { margin: '0', fontSize: tokens.fontSizeBase400 },
  list: {
    margin: '0',
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

/** The leader's private profile: a score per theme, advice, conversation cards, tips and where to find the material. */
export function LeadershipResultView(props: {
  result: LeadershipResult;
  locale: Locale;
  palette: ChartPalette;
  onRestart(): Promise<void>;
}) {
  const { result: r, locale, palette } = props;
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: r.profile.map((p) => p.name),
      datasets: [
        {
          label: t(locale, 'result.chart'),
          // The same 1–5 scale as the table beside it and the scan's own answers.
          data: r.profile.map((p) => p.mean),
          backgroundColor: r.profile.map((p) => palette.levels[p.band === 'low' ? 0 : p.band === 'mid' ? 1 : 3]),
          borderColor: palette.text,
          borderWidth: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { min: 1, max: 5, ticks: { color: palette.text, stepSize: 1 }, grid: { color: palette.grid } },
        y: { ticks: { color: palette.text }, grid: { color: palette.grid } },
      },
      plugins: { legend: { display: false } },
    },
  };
  const focus = new Set(r.focus);
  return (
    <>
      <Section id="result" title={t(locale, 'result.title')}>
        <Muted>{t(locale, 'result.date', { date: formatDate(locale, r.completedAt) })}</Muted>
        <ChartFigure
          locale={locale}
          label={t(locale, 'result.chart')}
          config={config}
          height={60 + 40 * r.profile.length}
          testId="leadership-chart"
          table={
            <DataTable
              locale={locale}
              caption={t(locale, 'result.title')}
              regionLabel={t(locale, 'common.table', { caption: t(locale, 'result.title') })}
              testId="leadership-table"
              rows={r.profile}
              rowKey={(p) => p.dimension}
              columns={[
                { header: t(locale, 'result.dimension'), cell: (p) => p.name },
                {
                  header: t(locale, 'result.score'),
                  numeric: true,
                  cell: (p) => formatNumber(locale, p.mean, { maximumFractionDigits: 2 }),
                },
                { header: t(locale, 'result.band'), cell: (p) => t(locale, `band.${p.band}` as Key) },
              ]}
            />
          }
        />
      </Section>
      <Section id="advice" title={t(locale, 'result.advice')}>
        <ul className={styles.grid}>
          {[...r.profile]
            .sort((a, b) => Number(focus.has(b.dimension)) - Number(focus.has(a.dimension)))
            .map((p) => (
              <li key={p.dimension}>
                <Card className={styles.card}>
                  <h3 className={styles.h3}>{p.name}</h3>
                  {focus.has(p.dimension) && <span className={styles.tag}>{t(locale, 'result.focus')}</span>}
                  <p>{p.advice}</p>
                </Card>
              </li>
            ))}
        </ul>
      </Section>
      <Section id="cards" title={t(locale, 'result.cards')}>
        <Muted>{t(locale, 'result.cardsIntro')}</Muted>
        <ul className={styles.grid} data-testid="conversation-cards">
          {r.conversationCards.map((c) => (
            <li key={c.id}>
              <Card className={styles.card}>
                <span className={styles.tag}>{c.dimensionName}</span>
                <p style={{ margin: 0 }}>{c.question}</p>
              </Card>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="tips" title={t(locale, 'result.tips')}>
        <ul className={styles.list}>
          {r.tips.map((tip) => (
            <li key={tip.id}>{tip.text}</li>
          ))}
        </ul>
      </Section>
      <Section id="links" title={t(locale, 'result.links')}>
        <ul className={styles.list}>
          {r.links.map((l) => (
            <li key={l.id}>
              {l.url ? (
                <Link href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.title}
                </Link>
              ) : (
                t(locale, 'result.linkAsk', { title: l.title })
              )}
            </li>
          ))}
        </ul>
      </Section>
      <div className={styles.row}>
        {!confirming && <Button onClick={() => setConfirming(true)}>{t(locale, 'result.again')}</Button>}
        {confirming && (
          <Note intent="warning">
            {t(locale, 'result.againConfirm')}{' '}
            <Button size="small" appearance="primary" onClick={() => void props.onRestart()}>
              {t(locale, 'result.againYes')}
            </Button>{' '}
            <Button size="small" onClick={() => setConfirming(false)}>
              {t(locale, 'result.cancel')}
            </Button>
          </Note>
        )}
      </div>
    </>
  );
}
