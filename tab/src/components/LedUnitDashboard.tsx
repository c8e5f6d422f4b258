import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import type { ProgrammeFigures } from '../api';
import { type Locale } from '../i18n';
import type { ChartPalette } from '../theme';
import { useLoad } from '../use-load';
import { GroupFigures } from './GroupFigures';
import { Note } from './Layout';
import { Privacy } from './Privacy';
import { Failed, Loading } from './Status';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/**
 * The page a leader gets for a unit they lead (a team, a department): which unit (a picker
 * when they lead more than one), who sees what, the unit's released figures, and what the
 * kind of unit adds below them (the team reminder, the department's teams).
 */
export function LedUnitDashboard<D extends ProgrammeFigures>(props: {
  locale: Locale;
  palette: ChartPalette;
  /** The units this leader leads, in name order; reloaded when `deps` change. */
  units: () => Promise<Array<{ id: string; name: string }>>;
  dashboard: (id: string) => Promise<D>;
  deps: unknown[];
  texts: { none: string; choose: string; privacyTitle: string; privacy: (k: number) => string };
  audience: 'team' | 'organisation';
  nameTestId: string;
  children?: (d: D) => ReactNode;
}) {
  const { locale } = props;
  const styles = useStyles();
  const units = useLoad(props.units, props.deps);
  const [chosen, setChosen] = useState<string | null>(null);
  const id = chosen ?? units.data?.[0]?.id ?? null;
  const dashboard = useLoad(() => (id ? props.dashboard(id) : Promise.resolve(null)), [...props.deps, id]);

  if (units.loading) return <Loading locale={locale} />;
  if (units.error) return <Failed locale={locale} error={units.error} retry={units.reload} />;
  if (!units.data?.length) return <Note>{props.texts.none}</Note>;
  const d = dashboard.data;
  return (
    <div className={styles.stack}>
      {units.data.length > 1 && (
        <Field label={props.texts.choose}>
          <Select value={id ?? ''} onChange={(_, v) => setChosen(v.value)}>
            {units.data.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Privacy title={props.texts.privacyTitle} text={props.texts.privacy(d?.threshold ?? 5)} />
      {dashboard.loading && <Loading locale={locale} />}
      {dashboard.error && <Failed locale={locale} error={dashboard.error} retry={dashboard.reload} />}
      {d && (
        <>
          <h2 data-testid={props.nameTestId} style={{ margin: 0 }}>
            {d.group.name}
          </h2>
          <GroupFigures d={d} locale={locale} palette={props.palette} audience={props.audience} />
          {props.children?.(d)}
        </>
      )}
    </div>
  );
}
