import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { formatNumber, type Locale } from '../i18n';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', maxWidth: '100%' },
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
  const [first, ...rest] = props.columns;
  // Counts are written the reader's way (1.234 in Dutch, 1,234 in English).
  const show = (value: ReactNode) => (typeof value === 'number' ? formatNumber(props.locale, value) : value);
  return (
    // Focusable so a table wider than a phone can be scrolled with the keyboard; named apart from its section.
    <div className={styles.wrap} role="region" aria-label={props.regionLabel} tabIndex={0}>
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
  );
}
