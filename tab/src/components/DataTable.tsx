import { makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { formatNumber, type Locale, t } from '../i18n';

const useStyles = makeStyles({
  wrap: {
    overflowX: 'auto',
    maxWidth: '100%',
    // Scroll shadows: a soft edge shows on the side where more columns wait (the covers scroll with the content).
    backgroundImage: [
      `linear-gradient(to right, ${tokens.colorNeutralBackground1} 30%, transparent)`,
      `linear-gradient(to left, ${tokens.colorNeutralBackground1} 30%, transparent)`,
      `linear-gradient(to right, ${tokens.colorNeutralShadowAmbient}, transparent)`,
      `linear-gradient(to left, ${tokens.colorNeutralShadowAmbient}, transparent)`,
    ].join(', '),
    backgroundPosition: 'left center, right center, left center, right center',
    backgroundRepeat: 'no-repeat',
    backgroundSize: '40px 100%, 40px 100%, 14px 100%, 14px 100%',
    backgroundAttachment: 'local, local, scroll, scroll',
  },
  hint: { margin: '0', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  table: {
    borderCollapse: 'collapse',
    minWidth: '320px',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    '& th, & td': {
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      textAlign: 'left',
    },
    '& td.num, & th.num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    '& thead th': { fontWeight: tokens.fontWeightSemibold, borderBottom: `2px solid ${tokens.colorNeutralStroke1}` },
    // The row's name stays in view while the other columns scroll under it on a phone.
    '& th:first-child': { position: 'sticky', left: '0', backgroundColor: tokens.colorNeutralBackground1, zIndex: 1 },
  },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
});

export interface Column<R> {
  header: string;
  cell(row: R): ReactNode;
  numeric?: boolean;
}

/** A plain, semantic table: caption, column headers and row headers for screen readers. */
export function DataTable<R>(props: {
  caption: string;
  regionLabel: string;
  locale: Locale;
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R): string;
  testId?: string;
}) {
  const styles = useStyles();
  const wrap = useRef<HTMLDivElement>(null);
  const wider = useWiderThanBox(wrap);
  const [first, ...rest] = props.columns;
  // Counts are written the reader's way (1.234 in Dutch, 1,234 in English).
  const show = (value: ReactNode) => (typeof value === 'number' ? formatNumber(props.locale, value) : value);
  return (
    // Focusable so a table wider than a phone can be scrolled with the keyboard; named apart from its section.
    <>
      <div className={styles.wrap} role="region" aria-label={props.regionLabel} tabIndex={0} ref={wrap}>
        <table className={styles.table} data-testid={props.testId}>
          <caption className={styles.caption}>{props.caption}</caption>
          <thead>
            <tr>
              {props.columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={props.rowKey(r)}>
                <th scope="row">{show(first.cell(r))}</th>
                {rest.map((c) => (
                  <td key={c.header} className={c.numeric ? 'num' : undefined}>
                    {show(c.cell(r))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {wider && (
        <p className={styles.hint} data-testid={props.testId ? `${props.testId}-more` : undefined}>
          {t(props.locale, 'common.scrollTable')}
        </p>
      )}
    </>
  );
}

/** Whether the box's content is wider than the box (a table on a phone), following resizes. */
function useWiderThanBox(box: RefObject<HTMLDivElement | null>): boolean {
  const [wider, setWider] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWider(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [box]);
  return wider;
}
