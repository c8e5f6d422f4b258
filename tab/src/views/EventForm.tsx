import { Button, Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { EventInputBody, EventView } from '../api';
import { type Key, type Locale, t, tn } from '../i18n';
import { TimeSelect } from '../components/TimeSelect';

const KINDS = ['workshop', 'walk-in', 'digicafe', 'webinar', 'skills-week'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type EventFields = Required<EventInputBody>;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

export const emptyEvent = (): EventFields => ({
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

/** The form's fields from an event as the API shows it (its local date and times). */
export const fieldsOf = (e: EventView): EventFields => ({
  kind: e.kind,
  title: e.title,
  description: e.description,
  date: e.date,
  start: e.start,
  end: e.end,
  place: e.place,
  onlineUrl: e.onlineUrl,
  capacity: e.capacity,
  moduleId: e.moduleId ?? '',
});

type Problems = Partial<Record<keyof EventFields, string>>;

/**
 * What the server would refuse, said per field before sending (the server checks it all
 * again). `taken`: colleagues with a place now, the least number of places an edit may keep.
 */
export function problemsOf(locale: Locale, f: EventFields, taken: number): Problems {
  const p: Problems = {};
  if (!f.title.trim()) p.title = t(locale, 'events.invalid.title');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) p.date = t(locale, 'events.invalid.date');
  if (!TIME.test(f.start)) p.start = t(locale, 'events.invalid.time');
  if (!TIME.test(f.end)) p.end = t(locale, 'events.invalid.time');
  else if (TIME.test(f.start) && f.end <= f.start) p.end = t(locale, 'events.invalid.end');
  if (f.onlineUrl.trim() && !/^https:\/\/\S+$/.test(f.onlineUrl.trim())) p.onlineUrl = t(locale, 'events.invalid.url');
  if (!f.place.trim() && !f.onlineUrl.trim()) p.place = t(locale, 'events.invalid.where');
  if (!Number.isInteger(f.capacity) || f.capacity < 1 || f.capacity > 1000)
    p.capacity = t(locale, 'events.invalid.capacity');
  else if (f.capacity < taken) p.capacity = tn(locale, 'events.invalid.taken', taken, { count: taken });
  return p;
}

/**
 * Plans a new event or edits one: kind, title, description, date and times (the tenant's
 * local time), place or online link, places and the linked module. Problems show per field
 * once the organiser tried to save; nothing is sent while there are any.
 */
export function EventForm(props: {
  locale: Locale;
  /** For test ids and the form's name: "new" or the event's id. */
  name: string;
  label: string;
  initial: EventFields;
  /** Colleagues with a place already (editing): fewer places cannot be chosen. */
  taken?: number;
  submitLabel: string;
  /** The tenant's active modules, offered as suggestions for the linked module. */
  modules?: Array<{ id: string; title: string }>;
  onSubmit: (fields: EventFields) => Promise<boolean>;
  onClose?: () => void;
}) {
  const { locale, name } = props;
  const styles = useStyles();
  const [form, setForm] = useState<EventFields>(props.initial);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = problemsOf(locale, form, props.taken ?? 0);
  const shown = (key: keyof EventFields) =>
    tried && problems[key]
      ? { validationMessage: problems[key], validationState: 'error' as const }
      : { validationState: 'none' as const };
  const set = (key: keyof EventFields) => (_: unknown, v: { value: string }) => setForm({ ...form, [key]: v.value });
  const text = (key: 'title' | 'date' | 'place' | 'onlineUrl' | 'moduleId', type = 'text') => (
    <Field
      label={t(locale, `events.${key === 'moduleId' ? 'module' : key}`)}
      required={['title', 'date'].includes(key)}
      {...shown(key)}
    >
      <Input
        type={type as 'text'}
        value={String(form[key])}
        onChange={set(key)}
        data-testid={`${name}-${key}`}
        list={key === 'moduleId' && props.modules ? `${name}-modules` : undefined}
      />
    </Field>
  );
  // Times as the tables write them (24 hours), not the browser's "09:00 AM".
  const time = (key: 'start' | 'end') => (
    <Field label={t(locale, `events.${key}`)} required {...shown(key)}>
      <TimeSelect value={form[key]} onChange={(v) => setForm({ ...form, [key]: v })} testId={`${name}-${key}`} />
    </Field>
  );
  return (
    <form
      className={styles.form}
      aria-label={props.label}
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        setTried(true);
        if (Object.keys(problems).length || busy) return;
        setBusy(true);
        void props
          .onSubmit({ ...form, title: form.title.trim(), capacity: Number(form.capacity) })
          .then((done) => {
            // A planned event leaves an empty form for the next; an edit closes its form itself.
            if (!done || props.onClose) return;
            setForm(emptyEvent());
            setTried(false);
          })
          .finally(() => setBusy(false));
      }}
    >
      <Field label={t(locale, 'events.kind')}>
        <Select value={form.kind} onChange={(_, v) => setForm({ ...form, kind: v.value as (typeof KINDS)[number] })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(locale, `events.kind.${k}` as Key)}
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
      <Field label={t(locale, 'events.capacity')} {...shown('capacity')}>
        <Input
          type="number"
          min={Math.max(1, props.taken ?? 0)}
          max={1000}
          value={String(form.capacity)}
          onChange={(_, v) => setForm({ ...form, capacity: Number(v.value) })}
          data-testid={`${name}-capacity`}
        />
      </Field>
      {text('moduleId')}
      {props.modules && (
        <datalist id={`${name}-modules`}>
          {props.modules.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </datalist>
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={busy} data-testid={`${name}-save`}>
          {props.submitLabel}
        </Button>
        {props.onClose && (
          <Button onClick={props.onClose} data-testid={`${name}-close`}>
            {t(locale, 'events.closeForm')}
          </Button>
        )}
      </div>
    </form>
  );
}
