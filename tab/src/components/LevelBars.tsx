import { makeStyles, tokens } from '@fluentui/react-components';
import type { MyProgress } from '../api';
import { type Key, type Locale, t, tn } from '../i18n';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: '0',
    margin: '0',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, maxWidth: '520px' },
  track: {
    position: 'relative',
    height: '14px',
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  fill: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  target: {
    position: 'absolute',
    top: '-4px',
    bottom: '-4px',
    width: '3px',
    backgroundColor: tokens.colorNeutralForeground1,
  },
  text: { color: tokens.colorNeutralForeground2, margin: '0' },
});

type Domain = NonNullable<MyProgress['result']>['domains'][number];

/**
 * One bar per domain: the level (1–4) filled, the target as a line. The bar is a picture
 * with its words as its name; the same words are written under it, so nothing depends on
 * seeing the bar or its colour.
 */
export function LevelBars({ domains, locale }: { domains: Domain[]; locale: Locale }) {
  const styles = useStyles();
  const levelName = (l: number) => t(locale, `level.${l}` as Key);
  return (
    <ul className={styles.list} data-testid="my-levels">
      {domains.map((d) => {
        const words = t(locale, 'progress.levelBar', {
          domain: d.name,
          level: `${d.level} (${levelName(d.level)})`,
          target: `${d.target} (${levelName(d.target)})`,
        });
        const gap = d.target - d.level;
        return (
          <li key={d.id} className={styles.row}>
            <strong>{d.name}</strong>
            <div className={styles.track} role="img" aria-label={words}>
              <div className={styles.fill} style={{ width: `${(d.level / 4) * 100}%` }} />
              <div className={styles.target} style={{ left: `calc(${(d.target / 4) * 100}% - 2px)` }} />
            </div>
            <p className={styles.text}>
              {words} · {gap > 0 ? tn(locale, 'progress.toGo', gap, { n: gap }) : t(locale, 'progress.reached')}
              {d.first !== null && d.first !== d.level ? ` · ${t(locale, 'progress.first')}: ${d.first}` : ''}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
