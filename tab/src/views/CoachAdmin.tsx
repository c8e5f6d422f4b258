import { Button, Checkbox, Field, Input, makeStyles, Select, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { type AdminCoachRow, API, type Api } from '../api';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { TimeSelect } from '../components/TimeSelect';
import { Failed, Loading } from '../components/Status';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  group: { border: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface Draft {
  userId: string;
  domains: string[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  days: number[];
  start: string;
  end: string;
  takesIntakes: boolean;
}

const EMPTY: Draft = {
  userId: '',
  domains: [],
  maxOpenTickets: 2,
  weeklyCapacity: 4,
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  takesIntakes: false,
};

/** "Digicoaches": the admin's list of coaches and a form to add, change or remove one. */
export function CoachAdmin(props: {
  api: Api;
  locale: Locale;
  domains: Array<{ id: string; name: string }>;
  announce: (text: string) => void;
  onChanged?: () => void;
}) {
  const { api, locale, domains } = props;
  const styles = useStyles();
  const coaches = useLoad(() => api.call(API.coaches), [api]);
  const [query, setQuery] = useState('');
  const people = useLoad(() => api.call(API.people, { query: { q: query } }), [api, query]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const domainName = (id: string) => domains.find((d) => d.id === id)?.name ?? id;
  const dayName = (d: number) => t(locale, `coachAdmin.day${d}` as Parameters<typeof t>[1]);
  const toggle = <T,>(list: T[], x: T, on: boolean) =>
    on ? [...list.filter((y) => y !== x), x] : list.filter((y) => y !== x);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      setMessage({ intent: 'success', text: done });
      props.announce(done);
      coaches.reload();
      people.reload();
      props.onChanged?.();
    } catch (err) {
      setMessage({ intent: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const { userId, ...body } = draft;
    const name =
      people.data?.people.find((p) => p.userId === userId)?.name ??
      coaches.data?.coaches.find((c) => c.userId === userId)?.name ??
      '';
    void act(
      () => api.call(API.saveCoach, { params: { userId }, body: { ...body, days: [...body.days].sort() } }),
      t(locale, 'coachAdmin.saved', { name }),
    );
  };
  const edit = (c: AdminCoachRow) => {
    setDraft({
      userId: c.userId,
      domains: c.domains,
      maxOpenTickets: c.maxOpenTickets,
      weeklyCapacity: c.weeklyCapacity,
      days: c.workingHours.days,
      start: c.workingHours.start,
      end: c.workingHours.end,
      takesIntakes: c.takesIntakes,
    });
    setQuery(c.name);
    document.getElementById('coach-person')?.focus();
  };
  const remove = (c: AdminCoachRow) =>
    void act(
      () => api.call(API.removeCoach, { params: { userId: c.userId } }),
      t(locale, 'coachAdmin.removed', { name: c.name }),
    );

  return (
    <Section id="coach-admin" title={t(locale, 'coachAdmin.title')}>
      <Muted>{t(locale, 'coachAdmin.intro')}</Muted>
      {coaches.loading && !coaches.data && <Loading locale={locale} />}
      {coaches.error && <Failed locale={locale} error={coaches.error} retry={coaches.reload} />}
      {coaches.data && (
        <DataTable
          locale={locale}
          caption={t(locale, 'coachAdmin.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'coachAdmin.title') })}
          testId="coach-admin-table"
          rows={coaches.data.coaches}
          rowKey={(c) => c.userId}
          columns={[
            { header: t(locale, 'coachAdmin.name'), cell: (c) => c.name },
            // Right after the name, so the buttons are in reach on a phone without scrolling the table sideways.
            {
              header: t(locale, 'coachAdmin.actions'),
              cell: (c) => (
                <span className={styles.actions}>
                  <Button
                    size="small"
                    onClick={() => edit(c)}
                    aria-label={t(locale, 'coachAdmin.editOf', { name: c.name })}
                  >
                    {t(locale, 'coachAdmin.edit')}
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => remove(c)}
                    aria-label={t(locale, 'coachAdmin.removeOf', { name: c.name })}
                  >
                    {t(locale, 'coachAdmin.remove')}
                  </Button>
                </span>
              ),
            },
            { header: t(locale, 'coaches.department'), cell: (c) => c.department ?? t(locale, 'common.none') },
            { header: t(locale, 'coachAdmin.domains'), cell: (c) => c.domains.map(domainName).join(', ') },
            {
              header: t(locale, 'coachAdmin.hours'),
              cell: (c) =>
                `${c.workingHours.days.map(dayName).join(' ')} ${c.workingHours.start}–${c.workingHours.end}`,
            },
            {
              header: t(locale, 'coachAdmin.open'),
              numeric: true,
              cell: (c) => `${c.openTickets + c.pendingOffers}/${c.maxOpenTickets}`,
            },
            {
              header: t(locale, 'coachAdmin.available'),
              cell: (c) => t(locale, c.available ? 'coachAdmin.yes' : 'coachAdmin.no'),
            },
          ]}
        />
      )}
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        aria-labelledby="coach-form-title"
      >
        <h3 id="coach-form-title" style={{ margin: 0 }}>
          {t(locale, 'coachAdmin.formTitle')}
        </h3>
        <div className={styles.row}>
          <Field label={t(locale, 'coachAdmin.search')}>
            <Input value={query} onChange={(_, v) => setQuery(v.value)} data-testid="coach-search" />
          </Field>
          <Field label={t(locale, 'coachAdmin.person')} required>
            <Select
              id="coach-person"
              value={draft.userId}
              onChange={(_, v) => setDraft({ ...draft, userId: v.value })}
              data-testid="coach-person"
            >
              <option value="">{t(locale, 'coachAdmin.choose')}</option>
              {people.data?.people.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.coach ? `${p.name} (${t(locale, 'coachAdmin.already')})` : p.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t(locale, 'coachAdmin.domains')}</legend>
          {domains.map((d) => (
            <Checkbox
              key={d.id}
              label={d.name}
              checked={draft.domains.includes(d.id)}
              onChange={(_, v) => setDraft({ ...draft, domains: toggle(draft.domains, d.id, Boolean(v.checked)) })}
            />
          ))}
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t(locale, 'coachAdmin.days')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <Checkbox
              key={d}
              label={dayName(d)}
              checked={draft.days.includes(d)}
              onChange={(_, v) => setDraft({ ...draft, days: toggle(draft.days, d, Boolean(v.checked)) })}
            />
          ))}
        </fieldset>
        <div className={styles.row}>
          <Field label={t(locale, 'coachAdmin.start')}>
            <TimeSelect value={draft.start} onChange={(start) => setDraft({ ...draft, start })} testId="coach-start" />
          </Field>
          <Field label={t(locale, 'coachAdmin.end')}>
            <TimeSelect value={draft.end} onChange={(end) => setDraft({ ...draft, end })} testId="coach-end" />
          </Field>
          <Field label={t(locale, 'coachAdmin.maxOpen')} hint="1–10">
            <Input
              type="number"
              min={1}
              max={10}
              value={String(draft.maxOpenTickets)}
              onChange={(_, v) => setDraft({ ...draft, maxOpenTickets: Number(v.value) })}
            />
          </Field>
          <Field label={t(locale, 'coachAdmin.weekly')} hint="1–20">
            <Input
              type="number"
              min={1}
              max={20}
              value={String(draft.weeklyCapacity)}
              onChange={(_, v) => setDraft({ ...draft, weeklyCapacity: Number(v.value) })}
            />
          </Field>
        </div>
        <Switch
          checked={draft.takesIntakes}
          onChange={(_, v) => setDraft({ ...draft, takesIntakes: v.checked })}
          label={t(locale, 'coachAdmin.intakes')}
        />
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={busy || !draft.userId} data-testid="coach-save">
            {t(locale, 'coachAdmin.save')}
          </Button>
          <Button
            onClick={() => {
              setDraft(EMPTY);
              setMessage(null);
            }}
          >
            {t(locale, 'coachAdmin.clear')}
          </Button>
        </div>
        {message && <Note intent={message.intent}>{message.text}</Note>}
      </form>
    </Section>
  );
}
