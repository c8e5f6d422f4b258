import { Button, Field, Input, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type CatalogueModuleView } from '../api';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { type Key, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import { CatalogueImport } from './CatalogueImport';
import { rowOf } from '../../../bot/domain/catalogue/catalogue-rows';
import { ModuleForm } from './ModuleForm';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Long lists are cut here; the search narrows them down. */
const SHOWN = 100;

/**
 * "Leeraanbod": the programme admin's learning catalogue. Until the first change it is the
 * shipped starting template (said so plainly); import a file (dry run first), add, edit,
 * retire or offer a module again. Employees' next advice uses what is active here.
 */
export function CatalogueAdmin(props: { api: Api; locale: Locale; announce: (text: string) => void }) {
  const { api, locale } = props;
  const styles = useStyles();
  const catalogue = useLoad(() => api.call(API.adminCatalogue), [api]);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<CatalogueModuleView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const data = catalogue.data;
  const domainName = (id: string) => {
    const d = data?.vocabulary.domains.find((x) => x.id === id);
    return d ? d.names[locale === 'nl' ? 0 : 1] : id;
  };
  const q = query.trim().toLowerCase();
  const matching = (data?.modules ?? []).filter(
    (m) => !q || [m.id, m.title.nl, m.title.en, domainName(m.domain)].some((s) => s.toLowerCase().includes(q)),
  );

  const setStatus = async (m: CatalogueModuleView, status: 'active' | 'retired') => {
    setError(null);
    try {
      await api.call(API.setModuleStatus, {
        params: { moduleId: m.id },
        body: { status },
        headers: { 'if-match': m.version },
      });
      props.announce(
        t(locale, status === 'retired' ? 'catalogue.retired' : 'catalogue.restored', { title: m.title[locale] }),
      );
      catalogue.reload();
    } catch (err) {
      setError((err as Error).message || t(locale, 'app.error'));
    }
  };

  return (
    <div className={styles.stack}>
      {catalogue.loading && !data && <Loading locale={locale} />}
      {catalogue.error && <Failed locale={locale} error={catalogue.error} retry={catalogue.reload} />}
      {data && (
        <div data-testid="catalogue-source">
          {data.source === 'template' ? (
            <Note intent="warning" title={t(locale, 'catalogue.template.title')}>
              {t(locale, 'catalogue.template.body')}
            </Note>
          ) : (
            <Muted>
              {t(locale, 'catalogue.own', { count: data.modules.filter((m) => m.status === 'active').length })}
            </Muted>
          )}
          {!data.learningPageUrl && <Muted>{t(locale, 'catalogue.noLearningPage')}</Muted>}
        </div>
      )}
      <CatalogueImport api={api} locale={locale} announce={props.announce} onImported={catalogue.reload} />
      {data && (
        <Section id="catalogue-modules" title={t(locale, 'catalogue.modules.title')}>
          <div className={styles.bar}>
            <Field label={t(locale, 'catalogue.search')}>
              <Input value={query} onChange={(_, v) => setQuery(v.value)} data-testid="catalogue-search" />
            </Field>
            <Button onClick={() => setEditing('new')} data-testid="catalogue-add">
              {t(locale, 'catalogue.add')}
            </Button>
          </div>
          {editing && (
            <ModuleForm
              key={editing === 'new' ? 'new' : editing.id}
              api={api}
              locale={locale}
              editing={editing === 'new' ? null : { id: editing.id, version: editing.version }}
              initial={editing === 'new' ? {} : rowOf(editing)}
              onSaved={() => {
                props.announce(t(locale, 'catalogue.saved'));
                setEditing(null);
                catalogue.reload();
              }}
              onCancel={() => setEditing(null)}
            />
          )}
          {error && <Note intent="error">{error}</Note>}
          <Muted>
            {t(locale, 'catalogue.shown', { shown: Math.min(SHOWN, matching.length), total: matching.length })}
          </Muted>
          <DataTable
            locale={locale}
            caption={t(locale, 'catalogue.modules.title')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'catalogue.modules.title') })}
            testId="catalogue-table"
            rows={matching.slice(0, SHOWN)}
            rowKey={(m) => m.id}
            columns={[
              { header: t(locale, 'catalogue.field.title_nl'), cell: (m) => m.title[locale] },
              { header: t(locale, 'catalogue.field.domain'), cell: (m) => domainName(m.domain) },
              { header: t(locale, 'catalogue.field.levels'), cell: (m) => m.levels.join(', ') },
              {
                header: t(locale, 'catalogue.field.format'),
                cell: (m) => t(locale, `catalogue.format.${m.format}` as Key),
              },
              { header: t(locale, 'catalogue.field.duration'), cell: (m) => `${m.durationMinutes} min` },
              {
                header: t(locale, 'catalogue.field.link'),
                cell: (m) =>
                  m.link ? (
                    <Link href={m.link} target="_blank" rel="noopener noreferrer">
                      {t(locale, 'catalogue.open')}
                    </Link>
                  ) : (
                    t(locale, 'catalogue.noLink')
                  ),
              },
              { header: t(locale, 'catalogue.status'), cell: (m) => t(locale, `catalogue.status.${m.status}` as Key) },
              {
                header: t(locale, 'catalogue.actions'),
                cell: (m) => (
                  <span className={styles.actions}>
                    <Button
                      size="small"
                      onClick={() => setEditing(m)}
                      aria-label={`${t(locale, 'catalogue.edit')}: ${m.title[locale]}`}
                    >
                      {t(locale, 'catalogue.edit')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => void setStatus(m, m.status === 'active' ? 'retired' : 'active')}
                      aria-label={`${t(locale, m.status === 'active' ? 'catalogue.retire' : 'catalogue.restore')}: ${m.title[locale]}`}
                    >
                      {t(locale, m.status === 'active' ? 'catalogue.retire' : 'catalogue.restore')}
                    </Button>
                  </span>
                ),
              },
            ]}
          />
        </Section>
      )}
    </div>
  );
}
