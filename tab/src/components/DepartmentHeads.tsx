import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type DepartmentHeadRow } from '../api';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import { DataTable } from './DataTable';
import { Muted, Note, Section } from './Layout';
import { Failed, Loading } from './Status';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** "Afdelingshoofden": the programme admin names or corrects the head of each department. */
export function DepartmentHeads(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onChanged?: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const list = useLoad(() => api.call(API.departmentHeads), [api]);
  const [query, setQuery] = useState('');
  const people = useLoad(() => api.call(API.people, { query: { q: query } }), [api, query]);
  const [department, setDepartment] = useState('');
  const [person, setPerson] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const save = async (d: DepartmentHeadRow, userId: string | null) => {
    setBusy(true);
    try {
      const saved = await api.call(API.saveDepartmentHead, { params: { departmentId: d.id }, body: { userId } });
      const text = saved.head
        ? t(locale, 'heads.saved', { name: saved.head.name, department: d.name })
        : t(locale, 'heads.removed', { department: d.name });
      setMessage({ intent: 'success', text });
      props.announce(text);
      list.reload();
      props.onChanged?.();
    } catch (err) {
      setMessage({ intent: 'error', text: (err as Error).message || t(locale, 'app.error') });
    } finally {
      setBusy(false);
    }
  };
  const chosen = list.data?.departments.find((d) => d.id === department);

  return (
    <Section id="department-heads" title={t(locale, 'heads.title')}>
      <Muted>{t(locale, 'heads.intro')}</Muted>
      {list.loading && !list.data && <Loading locale={locale} />}
      {list.error && <Failed locale={locale} error={list.error} retry={list.reload} />}
      {list.data && (
        <DataTable
          locale={locale}
          caption={t(locale, 'heads.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'heads.title') })}
          testId="heads-table"
          rows={list.data.departments}
          rowKey={(d) => d.id}
          columns={[
            { header: t(locale, 'heads.department'), cell: (d) => d.name },
            {
              header: t(locale, 'heads.head'),
              cell: (d) =>
                d.head ? (
                  <span className={styles.head}>
                    {d.byAdmin ? t(locale, 'heads.byAdmin', { name: d.head.name }) : d.head.name}{' '}
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={t(locale, 'heads.removeOf', { name: d.head.name, department: d.name })}
                      onClick={() => void save(d, null)}
                    >
                      {t(locale, 'heads.remove')}
                    </Button>
                  </span>
                ) : (
                  t(locale, 'common.none')
                ),
            },
          ]}
        />
      )}
      {list.data && (
        <form
          className={styles.row}
          aria-label={t(locale, 'heads.title')}
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen && person) void save(chosen, person);
          }}
        >
          <Field label={t(locale, 'heads.department')}>
            <Select value={department} onChange={(_, v) => setDepartment(v.value)} data-testid="heads-department">
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {list.data.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t(locale, 'coachAdmin.search')}>
            <Input value={query} onChange={(_, v) => setQuery(v.value)} data-testid="heads-search" />
          </Field>
          <Field label={t(locale, 'heads.head')}>
            <Select value={person} onChange={(_, v) => setPerson(v.value)} data-testid="heads-person">
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {people.data?.people.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || !chosen || !person} data-testid="heads-save">
            {t(locale, 'heads.save')}
          </Button>
        </form>
      )}
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </Section>
  );
}
