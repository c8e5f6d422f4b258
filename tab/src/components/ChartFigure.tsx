import { makeStyles, ToggleButton, tokens } from '@fluentui/react-components';
import { TableRegular } from '@fluentui/react-icons';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Chart, type ChartConfiguration } from '../charts';
import { type Locale, t, TAG } from '../i18n';
import { Muted } from './Layout';

const useStyles = makeStyles({
  figure: { margin: '0', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // The whole width of its section: a chart squeezed into half of it is hard to read.
  canvasBox: { position: 'relative', width: '100%' },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  caption: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
});

/** A phone, or Teams' narrow side panel: axis labels get their own lines there. */
const NARROW = '(max-width: 480px)';
/** Longest line of an axis label on a narrow screen, in characters. */
const LINE = 14;
/** What one more line of an axis label needs, in pixels (Chart.js draws ticks at 12 px). */
const LINE_HEIGHT = 15;

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(NARROW).matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.(NARROW);
    if (!query) return;
    const follow = () => setNarrow(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return narrow;
}

/** "Problemen oplossen & bijblijven" → ["Problemen", "oplossen &", "bijblijven"]: whole words, lines of at most `max` characters (a longer word keeps a line to itself). */
export function wrapLabel(label: string, max = LINE): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= max) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [label];
}

/**
 * One figure: a chart, or (behind the "Toon als tabel" toggle) the same numbers as a
 * table, never both at once. The canvas is an image with a short description for screen
 * readers; the table is the accessible source of truth, one press away. Without numbers
 * to show (`empty`), a sentence says so instead of a chart of zeros. Numbers on the axes
 * and in tooltips are written the reader's way; on a narrow screen long category labels
 * are split over lines instead of being cut off.
 */
export function ChartFigure(props: {
  label: string;
  locale: Locale;
  config: ChartConfiguration;
  height: number;
  table: ReactNode;
  testId?: string;
  /** Said instead of the chart and the table when there is nothing to show yet. */
  empty?: string | null;
}) {
  const styles = useStyles();
  const [asTable, setAsTable] = useState(false);
  const captionId = useId();
  if (props.empty)
    return (
      <div data-testid={props.testId ? `${props.testId}-empty` : undefined}>
        <Muted>{props.empty}</Muted>
      </div>
    );
  return (
    <figure className={styles.figure} data-testid={props.testId} aria-labelledby={captionId}>
      <figcaption className={styles.head}>
        <span id={captionId} className={styles.caption}>
          {props.label}
        </span>
        <ToggleButton
          size="small"
          icon={<TableRegular />}
          checked={asTable}
          onClick={() => setAsTable((v) => !v)}
          data-testid={props.testId ? `${props.testId}-toggle` : undefined}
        >
          {t(props.locale, 'chart.asTable')}
        </ToggleButton>
      </figcaption>
      {asTable ? props.table : <ChartCanvas {...props} />}
    </figure>
  );
}

function ChartCanvas(props: { label: string; locale: Locale; config: ChartConfiguration; height: number }) {
  const styles = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  const narrow = useNarrow();
  const config = props.config;
  // On a narrow screen long category labels take several lines; bars laid out sideways get the room for them.
  const labels =
    narrow && config.data.labels
      ? config.data.labels.map((l) => (typeof l === 'string' && l.length > LINE ? wrapLabel(l) : l))
      : config.data.labels;
  const extraLines =
    config.options?.indexAxis === 'y' && labels
      ? labels.reduce<number>((n, l) => n + (Array.isArray(l) ? l.length - 1 : 0), 0)
      : 0;
  const height = props.height + extraLines * LINE_HEIGHT;
  // Rebuilt only when the data, colours, language or screen class change, not on every render.
  const key = JSON.stringify({ ...config, data: { ...config.data, labels } });
  useEffect(() => {
    if (!canvas.current) return;
    const built = JSON.parse(key) as ChartConfiguration;
    const chart = new Chart(canvas.current, {
      ...built,
      options: { responsive: true, maintainAspectRatio: false, locale: TAG[props.locale], ...built.options },
    });
    return () => chart.destroy();
  }, [key, props.locale]);
  return (
    <div className={styles.canvasBox} style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
