import { Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, ApiError, type EventView, type ParticipantsResponse, type Role } from '../api';
import { Muted, Note, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { formatDate, type Key, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import { emptyEvent, EventForm, type EventFields, fieldsOf } from './EventForm';
import { LearningRecords } from './LearningRecords';

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
});

export type Props = { api: Api; locale: Locale; roles: Role[]; announce: (text: string) => void };

/** Events for everyone; organisers plan, cancel and mark attendance; the admin also imports completions and manages the statement key. */
export function EventsView(props: Props) {
  const { api, locale } = props;
  const styles = useStyles();
  const loaded = useLoad(() => api.call(API.events, { query: { history: '1' } }), [api]);
  // The tenant's own offer, as suggestions for an event's linked module.
  const modules = useLoad(
    async () =>
      (await api.call(API.catalogue)).modules.map((m) => ({ id: m.id, title: m.title[locale] || m.title.nl })),
    [api, locale],
  );
  const [error, setError] = useState<string | null>(null);
  const act: Act = async (work, done) => {
    setError(null);
    try {
      await work();
      if (done) props.announce(done);
      loaded.reload();
      return true;
    } catch (err) {
      const text = (err as Error).message || t(locale, 'app.error');
      setError(text);
      props.announce(text);
      return false;
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
              <EventItem key={e.eventId} event={e} {...props} act={act} reload={loaded.reload} modules={modules.data} />
            ))}
          </ul>
        )}
      </Section>
      {loaded.data?.canOrganise && <NewEvent {...props} act={act} modules={modules.data} />}
      {props.roles.includes('admin') && <LearningRecords {...props} />}
    </div>
  );
}

/** Runs an action, announces `done` and reloads the list; false when it failed (the error is shown). */
type Act = (work: () => Promise<unknown>, done?: string) => Promise<boolean>;

function EventItem(props: Props & { event: EventView; act: Act; reload: () => void; modules: Modules }) {
  const { api, locale, event: e, act } = props;
  const styles = useStyles();
  const [people, setPeople] = useState<ParticipantsResponse['participants'] | null>(null);
  const [editing, setEditing] = useState(false);
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
        {e.canManage && open && !editing && (
          <Button data-testid="edit-event" onClick={() => setEditing(true)}>
            {t(locale, 'events.edit')}
          </Button>
        )}
        {e.canManage && open && (
          <Button onClick={() => void act(() => api.call(API.cancelEvent, { params }), t(locale, 'events.cancelled'))}>
            {t(locale, 'events.cancelEvent')}
          </Button>
        )}
      </div>
      {editing && open && <EditEvent {...props} event={e} done={() => setEditing(false)} />}
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

type Modules = Array<{ id: string; title: string }> | null;

function NewEvent(props: Props & { act: Act; modules: Modules }) {
  const { api, locale, act } = props;
  return (
    <Section id="new-event" title={t(locale, 'events.new')}>
      <EventForm
        locale={locale}
        name="new"
        label={t(locale, 'events.new')}
        initial={emptyEvent()}
        submitLabel={t(locale, 'events.create')}
        modules={props.modules ?? undefined}
        onSubmit={(body) => act(() => api.call(API.createEvent, { body }), t(locale, 'events.saved'))}
      />
    </Section>
  );
}

/**
 * An organiser's edit: onto the version the list showed (If-Match). When another organiser
 * saved in between, the server answers 412 and the form offers the new version instead.
 */
function EditEvent(props: Props & { event: EventView; modules: Modules; done: () => void; reload: () => void }) {
  const { api, locale, event: e } = props;
  const [problem, setProblem] = useState<{ text: string; stale: boolean } | null>(null);
  const save = async (body: EventFields): Promise<boolean> => {
    setProblem(null);
    try {
      await api.call(API.updateEvent, { params: { eventId: e.eventId }, body, headers: { 'if-match': e.version } });
      props.announce(t(locale, 'events.updated'));
      props.done();
      props.reload();
      return true;
    } catch (err) {
      const text = (err as Error).message || t(locale, 'app.error');
      setProblem({ text, stale: err instanceof ApiError && err.status === 412 });
      props.announce(text);
      return false;
    }
  };
  return (
    <fieldset data-testid={`edit-${e.eventId}`}>
      <legend>{t(locale, 'events.editTitle', { title: e.title })}</legend>
      <Muted>{t(locale, 'events.editPlaces', { confirmed: e.confirmed, waiting: e.waiting })}</Muted>
      <EventForm
        locale={locale}
        name="edit"
        label={t(locale, 'events.editTitle', { title: e.title })}
        initial={fieldsOf(e)}
        taken={e.confirmed}
        submitLabel={t(locale, 'events.saveChanges')}
        modules={props.modules ?? undefined}
        onSubmit={save}
        onClose={props.done}
      />
      {problem && <Note intent="error">{problem.text}</Note>}
      {problem?.stale && (
        <Button
          data-testid="edit-reload"
          onClick={() => {
            props.done();
            props.reload();
          }}
        >
          {t(locale, 'events.reloadEvent')}
        </Button>
      )}
    </fieldset>
  );
}
