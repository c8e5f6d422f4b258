import { Button, Checkbox, Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  API,
  type Api,
  type CompletionImportReport as ImportReport,
  type EventInputBody,
  type EventView,
  type NewCredential,
  type ParticipantsResponse,
  type Role,
} from '../api';
import { Muted, Note, Section } from '../components/Layout';
import { TimeSelect } from '../components/TimeSelect';
import { Failed, Loading } from '../components/Status';
import { formatDate, type Key, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

const KINDS = ['workshop', 'walk-in', 'digicafe', 'webinar', 'skills-week'] as const;

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalM,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '40rem' },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

type Props = { api: Api; locale: Locale; roles: Role[]; announce: (text: string) => void };

/** Events for everyone; organisers plan, cancel and mark attendance; the admin also imports completions and manages the statement key. */
export function EventsView(props: Props) {
  const { api, locale } = props;
  const styles = useStyles();
  const loaded = useLoad(() => api.call(API.events, { query: { history: '1' } }), [api]);
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    try {
      await work();
      if (done) props.announce(done);
      loaded.reload();
    } catch (err) {
      const text = (err as Error).message || t(locale, 'app.error');
      setError(text);
      props.announce(text);
    }
  };
  return (
    <div className={styles.stack}>
      <Section id="events" title={t(locale, 'events.upcoming')}>
        <Muted>{t(locale, 'events.intro')}</Muted>
        {error && <Note intent="error">{error}</Note>}
        {loaded.loading && !loaded.data && <Loading locale={locale} />}
        {loaded.error && <Failed locale={locale} error={loaded.error} retry={loaded.reload} />}
        {loaded.data && !loaded.data.events.length && <p>{t(locale, 'events.none')}</p>}
        {loaded.data && (
          <ul className={styles.list} data-testid="events-list">
            {loaded.data.events.map((e) => (
              <EventItem key={e.eventId} event={e} {...props} act={act} />
            ))}
          </ul>
        )}
      </Section>
      {loaded.data?.canOrganise && <NewEvent {...props} act={act} />}
      {props.roles.includes('admin') && <LearningRecords {...props} />}
    </div>
  );
}

type Act = (work: () => Promise<unknown>, done?: string) => Promise<void>;

function EventItem(props: Props & { event: EventView; act: Act }) {
  const { api, locale, event: e, act } = props;
  const styles = useStyles();
  const [people, setPeople] = useState<ParticipantsResponse['participants'] | null>(null);
  const params = { eventId: e.eventId };
  const open = e.status === 'scheduled' && !e.started;
  return (
    <li className={styles.item} data-testid={`event-${e.eventId}`}>
      <strong>{e.title}</strong>
      <div>
        {t(locale, `events.kind.${e.kind}` as Key)} ·{' '}
        {t(locale, 'events.when', { date: formatDate(locale, `${e.date}T12:00:00Z`), start: e.start, end: e.end })}
      </div>
      <div>{[e.place, e.onlineUrl].filter(Boolean).join(' · ')}</div>
      <div>
        {e.status === 'cancelled'
          ? t(locale, 'events.cancelled')
          : t(locale, 'events.places', { confirmed: e.confirmed, capacity: e.capacity, waiting: e.waiting })}
      </div>
      {e.mine && (
        <div>
          <strong>
            {e.mine === 'confirmed'
              ? t(locale, 'events.mine.confirmed')
              : t(locale, 'events.mine.waiting', { position: e.waitingPosition ?? 1 })}
          </strong>
        </div>
      )}
      <div className={styles.row}>
        {open && !e.mine && (
          <Button
            appearance="primary"
            onClick={() => void act(() => api.call(API.signUp, { params }), t(locale, 'events.mine.confirmed'))}
          >
            {e.spotsLeft > 0 ? t(locale, 'events.signUp') : t(locale, 'events.wait')}
          </Button>
        )}
        {open && e.mine && (
          <Button onClick={() => void act(() => api.call(API.cancelSignUp, { params }), t(locale, 'events.leave'))}>
            {t(locale, 'events.leave')}
          </Button>
        )}
        {e.canManage && e.status === 'scheduled' && (
          <Button
            data-testid="attendance"
            onClick={() => void act(async () => setPeople((await api.call(API.participants, { params })).participants))}
          >
            {t(locale, 'events.attendance')}
          </Button>
        )}
        {e.canManage && open && (
          <Button onClick={() => void act(() => api.call(API.cancelEvent, { params }), t(locale, 'events.cancelled'))}>
            {t(locale, 'events.cancelEvent')}
          </Button>
        )}
      </div>
      {people && (
        <fieldset>
          <legend>{t(locale, 'events.attendance')}</legend>
          {people
            .filter((p) => p.status === 'confirmed')
            .map((p) => (
              <Checkbox
                key={p.userId}
                checked={p.attended}
                disabled={!e.started}
                label={t(locale, 'events.attended', { name: p.name || p.userId })}
                onChange={(_, v) =>
                  void act(async () =>
                    setPeople(
                      (
                        await api.call(API.attendance, {
                          params,
                          body: { userId: p.userId, attended: v.checked === true },
                        })
                      ).participants,
                    ),
                  )
                }
              />
            ))}
        </fieldset>
      )}
    </li>
  );
}

function NewEvent(props: Props & { act: Act }) {
  const { api, locale, act } = props;
  const styles = useStyles();
  const [form, setForm] = useState<Required<EventInputBody>>({
    kind: 'workshop',
    title: '',
    description: '',
    date: '',
    start: '',
    end: '',
    place: '',
    onlineUrl: '',
    capacity: 12,
    moduleId: '',
  });
  const set = (key: keyof EventInputBody) => (_: unknown, v: { value: string }) => setForm({ ...form, [key]: v.value });
  const text = (key: 'title' | 'date' | 'start' | 'end' | 'place' | 'onlineUrl' | 'moduleId', type = 'text') => (
    <Field
      label={t(locale, `events.${key === 'moduleId' ? 'module' : key}`)}
      required={['title', 'date', 'start', 'end'].includes(key)}
    >
      <Input type={type as 'text'} value={String(form[key])} onChange={set(key)} data-testid={`new-${key}`} />
    </Field>
  );
  // Times as the tables write them (24 hours), not the browser's "09:00 AM".
  const time = (key: 'start' | 'end') => (
    <Field label={t(locale, `events.${key}`)} required>
      <TimeSelect value={form[key]} onChange={(v) => setForm({ ...form, [key]: v })} testId={`new-${key}`} />
    </Field>
  );
  return (
    <Section id="new-event" title={t(locale, 'events.new')}>
      <form
        className={styles.form}
        aria-label={t(locale, 'events.new')}
        onSubmit={(ev) => {
          ev.preventDefault();
          void act(
            () => api.call(API.createEvent, { body: { ...form, capacity: Number(form.capacity) } }),
            t(locale, 'events.saved'),
          );
        }}
      >
        <Field label={t(locale, 'events.kind')}>
          <Select value={form.kind} onChange={(_, v) => setForm({ ...form, kind: v.value as (typeof KINDS)[number] })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(locale, `events.kind.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        {text('title')}
        <Field label={t(locale, 'events.description')}>
          <Textarea value={form.description} onChange={set('description')} />
        </Field>
        <div className={styles.row}>
          {text('date', 'date')}
          {time('start')}
          {time('end')}
        </div>
        {text('place')}
        {text('onlineUrl', 'url')}
        <Field label={t(locale, 'events.capacity')}>
          <Input
            type="number"
            min={1}
            max={1000}
            value={String(form.capacity)}
            onChange={(_, v) => setForm({ ...form, capacity: Number(v.value) })}
          />
        </Field>
        {text('moduleId')}
        <Button type="submit" appearance="primary" data-testid="create-event">
          {t(locale, 'events.create')}
        </Button>
      </form>
    </Section>
  );
}

function LearningRecords(props: Props) {
  const { api, locale } = props;
  const styles = useStyles();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = useLoad(() => api.call(API.xapiCredential), [api]);
  const [secret, setSecret] = useState<NewCredential | null>(null);
  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      const r = await api.call(API.importCompletions, { body: { csv, dryRun } });
      setReport(r);
      props.announce(reportText(locale, r));
    } catch (err) {
      setError((err as Error).message);
      props.announce((err as Error).message);
    }
  };
  return (
    <Section id="learning-records" title={t(locale, 'records.title')}>
      <Muted>{t(locale, 'records.intro')}</Muted>
      <Field label={t(locale, 'records.csv')}>
        <Textarea value={csv} onChange={(_, v) => setCsv(v.value)} rows={6} data-testid="records-csv" />
      </Field>
      <div className={styles.row}>
        <Button onClick={() => void run(true)} disabled={!csv.trim()}>
          {t(locale, 'records.dryRun')}
        </Button>
        <Button appearance="primary" onClick={() => void run(false)} disabled={!csv.trim()}>
          {t(locale, 'records.import')}
        </Button>
      </div>
      {error && <Note intent="error">{error}</Note>}
      {report && (
        <div role="status">
          <p>{reportText(locale, report)}</p>
          {report.problems.length > 0 && (
            <ul>
              {report.problems.map((p, i) => (
                <li key={i}>{t(locale, 'records.problem', { row: p.row, code: p.code, value: p.value ?? '' })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h3>{t(locale, 'records.xapi')}</h3>
      <p>{t(locale, 'records.xapiIntro', { url: `${location.origin}/api/xapi/statements` })}</p>
      {status.data && <p>{t(locale, 'records.user', { user: status.data.username })}</p>}
      {status.data && (
        <p>
          {status.data.createdAt
            ? t(locale, 'records.xapiSince', { date: formatDate(locale, status.data.createdAt) })
            : t(locale, 'records.xapiNone')}
        </p>
      )}
      {secret && <p className={styles.code}>{t(locale, 'records.xapiSecret', { secret: secret.secret })}</p>}
      <Button
        onClick={() =>
          void api.call(API.newXapiCredential).then(
            (c) => (setSecret(c), status.reload()),
            (err: Error) => setError(err.message),
          )
        }
      >
        {t(locale, 'records.xapiRotate')}
      </Button>
    </Section>
  );
}

function reportText(locale: Locale, r: ImportReport): string {
  return t(locale, 'records.report', {
    rows: r.rows,
    recorded: r.recorded,
    already: r.alreadyRecorded,
    problems: r.problems.length,
  });
}
