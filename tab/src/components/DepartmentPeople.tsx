import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api } from '../api';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import { DataTable } from './DataTable';
import { Muted, Note, Section } from './Layout';
import { Failed, Loading } from './Status';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  people: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

interface Department {
  id: string;
  name: string;
}

/** One person named for a department, as the table shows them, with the label of their remove button. */
export interface NamedPerson {
  userId: string;
  shown: string;
  removeLabel: string;
}

/**
 * A programme admin names people for each department (its head, its contact persons): a table of
 * the departments with who is named and a remove button each, and a form to pick a department and
 * find a colleague. Each use says what it stores and what it announces; saving reloads the table.
 */
export function DepartmentPeople<D extends Department>(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onChanged?: () => void;
  /** Section id and the prefix of the test ids. */
  id: string;
  testPrefix: string;
  title: string;
  intro: string;
  departmentHeader: string;
  peopleHeader: string;
  /** The form's person field. */
  personLabel: string;
  formLabel: string;
  submitLabel: (chosen: D | undefined) => string;
  submitTestId: string;
  load: () => Promise<{ departments: D[] }>;
  named: (d: D) => NamedPerson[];
  removeText: string;
  /** Stores the change; answers what to announce. */
  add: (d: D, userId: string) => Promise<string>;
  remove: (d: D, userId: string) => Promise<string>;
}) {
  const { api, locale, testPrefix } = props;
  const styles = useStyles();
  const list = useLoad(props.load, [api]);
  const [query, setQuery] = useState('');
  const people = useLoad(() => api.call(API.people, { query: { q: query } }), [api, query]);
  const [department, setDepartment] = useState('');
  const [person, setPerson] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const run = async (change: () => Promise<string>) => {
    setBusy(true);
    try {
      const text = await change();
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
    <Section id={props.id} title={props.title}>
      <Muted>{props.intro}</Muted>
      {list.loading && !list.data && <Loading locale={locale} />}
      {list.error && <Failed locale={locale} error={list.error} retry={list.reload} />}
      {list.data && (
        <DataTable
          locale={locale}
          caption={props.title}
          regionLabel={t(locale, 'common.table', { caption: props.title })}
          testId={`${testPrefix}-table`}
          rows={list.data.departments}
          rowKey={(d) => d.id}
          columns={[
            { header: props.departmentHeader, cell: (d) => d.name },
            {
              header: props.peopleHeader,
              cell: (d) => {
                const named = props.named(d);
                if (!named.length) return t(locale, 'common.none');
                return (
                  <span className={styles.people}>
                    {named.map((p) => (
                      <span key={p.userId}>
                        {p.shown}{' '}
                        <Button
                          size="small"
                          disabled={busy}
                          aria-label={p.removeLabel}
                          onClick={() => void run(() => props.remove(d, p.userId))}
                        >
                          {props.removeText}
                        </Button>
                      </span>
                    ))}
                  </span>
                );
              },
            },
          ]}
        />
      )}
      {list.data && (
        <form
          className={styles.row}
          aria-label={props.formLabel}
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen && person) void run(() => props.add(chosen, person));
          }}
        >
          <Field label={props.departmentHeader}>
            <Select
              value={department}
              onChange={(_, v) => setDepartment(v.value)}
              data-testid={`${testPrefix}-department`}
            >
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {list.data.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t(locale, 'coachAdmin.search')}>
            <Input value={query} onChange={(_, v) => setQuery(v.value)} data-testid={`${testPrefix}-search`} />
          </Field>
          <Field label={props.personLabel}>
            <Select value={person} onChange={(_, v) => setPerson(v.value)} data-testid={`${testPrefix}-person`}>
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {people.data?.people.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            appearance="primary"
            type="submit"
            disabled={busy || !chosen || !person}
            data-testid={props.submitTestId}
          >
            {props.submitLabel(chosen)}
          </Button>
        </form>
      )}
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </Section>
  );
}
