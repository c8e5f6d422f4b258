import { makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useRef } from 'react';
import { Chart, type ChartConfiguration } from '../charts';

const useStyles = makeStyles({
  figure: { margin: '0', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  canvasBox: { position: 'relative', width: '100%', maxWidth: '720px' },
  caption: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
});

/**
 * A chart and, below it, the same numbers as a table: the canvas is an image with a
 * short description for screen readers, the table is the accessible source of truth.
 */
export function ChartFigure(props: { label: string; config: ChartConfiguration; height: number; table: ReactNode; testId?: string }) {
  const styles = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  // Rebuilt only when the data or colours change, not on every render.
  const key = JSON.stringify(props.config);
  useEffect(() => {
    if (!canvas.current) return;
    const config = JSON.parse(key) as ChartConfiguration;
    const chart = new Chart(canvas.current, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } });
    return () => chart.destroy();
  }, [key]);
  return (
    <figure className={styles.figure} data-testid={props.testId}>
      <div className={styles.canvasBox} style={{ height: props.height }}>
        <canvas ref={canvas} role="img" aria-label={props.label} />
      </div>
      <figcaption className={styles.caption}>{props.label}</figcaption>
      {props.table}
    </figure>
  );
}
