import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type DepartmentContacts } from '../api';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import { DataTable } from './DataTable';
import { Muted, Note, Section } from './Layout';
import { Failed, Loading } from './Status';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  people: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** "Aanspreekpunten per afdeling": the programme admin names one or more contact persons per department. */
export function ContactPersons(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onChanged?: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const list = useLoad(() => api.call(API.contacts), [api]);
  const [query, setQuery] = useState('');
  const people = useLoad(() => api.call(API.people, { query: { q: query } }), [api, query]);
  const [department, setDepartment] = useState('');
  const [person, setPerson] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const save = async (d: DepartmentContacts, userIds: string[]) => {
    setBusy(true);
    try {
      await api.call(API.saveContacts, { params: { departmentId: d.id }, body: { userIds } });
      const text = t(locale, 'contacts.saved', { department: d.name });
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
    <Section id="contact-persons" title={t(locale, 'contacts.title')}>
      <Muted>{t(locale, 'contacts.intro')}</Muted>
      {list.loading && !list.data && <Loading locale={locale} />}
      {list.error && <Failed locale={locale} error={list.error} retry={list.reload} />}
      {list.data && (
        <DataTable
          locale={locale}
          caption={t(locale, 'contacts.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'contacts.title') })}
          testId="contacts-table"
          rows={list.data.departments}
          rowKey={(d) => d.id}
          columns={[
            { header: t(locale, 'contacts.department'), cell: (d) => d.name },
            {
              header: t(locale, 'contacts.people'),
              cell: (d) =>
                d.contacts.length ? (
                  <span className={styles.people}>
                    {d.contacts.map((c) => (
                      <span key={c.userId}>
                        {c.name}{' '}
                        <Button
                          size="small"
                          disabled={busy}
                          aria-label={t(locale, 'contacts.removeOf', { name: c.name })}
                          onClick={() =>
                            void save(
                              d,
                              d.contacts.filter((x) => x.userId !== c.userId).map((x) => x.userId),
                            )
                          }
                        >
                          {t(locale, 'contacts.remove')}
                        </Button>
                      </span>
                    ))}
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
          aria-label={t(locale, 'contacts.add')}
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen && person) void save(chosen, [...chosen.contacts.map((c) => c.userId), person]);
          }}
        >
          <Field label={t(locale, 'contacts.department')}>
            <Select value={department} onChange={(_, v) => setDepartment(v.value)} data-testid="contacts-department">
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {list.data.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t(locale, 'coachAdmin.search')}>
            <Input value={query} onChange={(_, v) => setQuery(v.value)} data-testid="contacts-search" />
          </Field>
          <Field label={t(locale, 'coachAdmin.person')}>
            <Select value={person} onChange={(_, v) => setPerson(v.value)} data-testid="contacts-person">
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {people.data?.people.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || !chosen || !person} data-testid="contacts-add">
            {chosen ? t(locale, 'contacts.addTo', { department: chosen.name }) : t(locale, 'contacts.add')}
          </Button>
        </form>
      )}
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </Section>
  );
}
