import { Field, Link, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ModuleEntry } from '../api';
import { type Key, type Locale, t, tn } from '../i18n';
import { Muted } from './Layout';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  list: {
    listStyleType: 'none',
    padding: '0',
    margin: '0',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  title: { fontWeight: tokens.fontWeightSemibold, margin: '0' },
});

type Duration = 'short' | 'medium' | 'long';
const durationOf = (minutes: number): Duration => (minutes <= 15 ? 'short' : minutes <= 60 ? 'medium' : 'long');

export interface CatalogueFilter {
  domain: string;
  level: string;
  format: string;
  duration: string;
  language: string;
}

/** The modules that pass every chosen filter ('' is "all"). */
export function filterModules(modules: ModuleEntry[], f: CatalogueFilter): ModuleEntry[] {
  return modules.filter(
    (m) =>
      (!f.domain || m.domain === f.domain) &&
      (!f.level || m.levels.map(String).includes(f.level)) &&
      (!f.format || m.format === f.format) &&
      (!f.duration || durationOf(m.durationMinutes) === f.duration) &&
      (!f.language || (m.languages as string[]).includes(f.language)),
  );
}

/** The whole catalogue to browse, with a filter per property; the count of what is shown is announced. */
export function ModuleCatalogue(props: {
  modules: ModuleEntry[];
  domains: Array<{ id: string; name: string }>;
  locale: Locale;
}) {
  const { modules, domains, locale } = props;
  const styles = useStyles();
  const [f, setF] = useState<CatalogueFilter>({ domain: '', level: '', format: '', duration: '', language: '' });
  const shown = useMemo(() => filterModules(modules, f), [modules, f]);
  const name = (id: string) => domains.find((d) => d.id === id)?.name ?? id;
  const all = t(locale, 'progress.filter.all');
  const select = (key: keyof CatalogueFilter, label: Key, options: Array<{ value: string; label: string }>) => (
    <Field label={t(locale, label)}>
      <Select value={f[key]} onChange={(_, d) => setF({ ...f, [key]: d.value })} data-testid={`filter-${key}`}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
  const formats = [...new Set(modules.map((m) => m.format))];
  const languages = [...new Set(modules.flatMap((m) => m.languages))];
  return (
    <>
      <div className={styles.filters} role="group" aria-label={t(locale, 'progress.catalogue')}>
        {select(
          'domain',
          'progress.filter.domain',
          domains.filter((d) => modules.some((m) => m.domain === d.id)).map((d) => ({ value: d.id, label: d.name })),
        )}
        {select(
          'level',
          'progress.filter.level',
          [1, 2, 3, 4].map((l) => ({ value: String(l), label: t(locale, `level.${l}` as Key) })),
        )}
        {select(
          'format',
          'progress.filter.format',
          formats.map((x) => ({ value: x, label: t(locale, `progress.format.${x}` as Key) })),
        )}
        {select(
          'duration',
          'progress.filter.duration',
          (['short', 'medium', 'long'] as const).map((x) => ({ value: x, label: t(locale, `progress.duration.${x}`) })),
        )}
        {select(
          'language',
          'progress.filter.language',
          languages.map((x) => ({ value: x, label: t(locale, `progress.language.${x}` as Key) })),
        )}
      </div>
      <p role="status" data-testid="catalogue-count">
        {tn(locale, 'progress.catalogueCount', shown.length, { n: shown.length })}
      </p>
      <ul className={styles.list} data-testid="catalogue">
        {shown.map((m) => (
          <li key={m.id} className={styles.item}>
            <p className={styles.title}>{m.title}</p>
            <Muted>
              {[
                name(m.domain),
                m.levels.map((l) => t(locale, `level.${l}` as Key)).join(', '),
                t(locale, `progress.format.${m.format}` as Key),
                t(locale, 'progress.minutes', { n: m.durationMinutes }),
              ].join(' · ')}
            </Muted>
            <p>{m.summary}</p>
            <ModuleLink module={m} locale={locale} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** A module's link, or how to get it when it has none (a session with a digicoach, or a module without an address). */
export function ModuleLink({ module, locale }: { module: ModuleEntry; locale: Locale }) {
  if (!module.url || module.format === 'digicoach-session') return <Muted>{t(locale, 'progress.noLink')}</Muted>;
  return (
    <Link href={module.url} target="_blank" rel="noreferrer">
      {t(locale, 'progress.open', { title: module.title })}
    </Link>
  );
}
