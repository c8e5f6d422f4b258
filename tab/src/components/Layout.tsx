import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // Transparent in light and dark; the text colour in high contrast, where shadows and tints do not show.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  h2: {
    margin: '0',
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  tiles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, margin: '0', padding: '0' },
  tile: {
    listStyleType: 'none',
    minWidth: '140px',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
  },
  value: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  label: { color: tokens.colorNeutralForeground2 },
  goal: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '480px' },
  muted: { color: tokens.colorNeutralForeground2, margin: '0' },
});

export function Section(props: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`} className={styles.h2}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** Key figures as a list of tiles: the number big, what it counts below. */
export function Tiles(props: { items: Array<{ label: string; value: string }> }) {
  const styles = useStyles();
  return (
    <ul className={styles.tiles}>
      {props.items.map((i) => (
        <li key={i.label} className={styles.tile}>
          <span className={styles.value}>{i.value}</span>
          <span className={styles.label}>{i.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** Progress towards a programme goal (95 % took the scan, 75 % followed the advice). */
export function GoalBar(props: { label: string; goalLabel: string; value: number }) {
  const styles = useStyles();
  return (
    <div className={styles.goal}>
      <ProgressBar
        value={Math.min(1, props.value)}
        max={1}
        thickness="large"
        color={props.value >= 1 ? 'success' : 'brand'}
        aria-label={`${props.label}. ${props.goalLabel}`}
      />
      <span>
        {props.label} · {props.goalLabel}
      </span>
    </div>
  );
}

export function Note(props: {
  title?: string;
  children: ReactNode;
  intent?: 'info' | 'warning' | 'success' | 'error';
}) {
  return (
    <MessageBar intent={props.intent ?? 'info'} layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.children}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Muted(props: { children: ReactNode }) {
  return <p className={useStyles().muted}>{props.children}</p>;
}
