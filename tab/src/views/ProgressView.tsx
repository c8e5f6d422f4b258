import { makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type MyProgress, type Role } from '../api';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { ModuleCatalogue, ModuleLink } from '../components/ModuleCatalogue';
import { LevelBars } from '../components/LevelBars';
import { Privacy } from '../components/Privacy';
import { formatDate, type Key, type Locale, t, tn } from '../i18n';
import { useLoad } from '../use-load';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/** "Mijn voortgang": the person's own levels against their target, growth, advice, the catalogue and their sign-ups. */
export function ProgressView(props: { api: Api; locale: Locale; roles: Role[]; announce: (text: string) => void }) {
  const { api, locale } = props;
  const styles = useStyles();
  const progress = useLoad(() => api.call(API.myProgress), [api]);
  const p = progress.data;
  return (
    <div className={styles.stack}>
      <Privacy title={t(locale, 'privacy.title')} text={t(locale, 'privacy.progress')} />
      <Section id="progress" title={t(locale, 'progress.title')}>
        {!p?.result && <p>{t(locale, 'progress.body')}</p>}
        <p>{t(locale, 'progress.help')}</p>
        {props.roles.includes('coach') && <p>{t(locale, 'progress.coach')}</p>}
      </Section>
      {p?.result && <LevelsAndGrowth result={p.result} locale={locale} />}
      {p?.result && <Advice progress={p} locale={locale} />}
      {p && (
        <Section id="catalogue" title={t(locale, 'progress.catalogue')}>
          <Muted>{t(locale, 'progress.catalogueIntro')}</Muted>
          <ModuleCatalogue modules={p.catalogue} domains={p.domains} locale={locale} />
        </Section>
      )}
      {p?.events && <Events events={p.events} locale={locale} />}
      <Reminders api={api} locale={locale} scanned={!!p?.result} announce={props.announce} />
    </div>
  );
}

function LevelsAndGrowth({ result, locale }: { result: NonNullable<MyProgress['result']>; locale: Locale }) {
  return (
    <>
      <Section id="my-levels" title={t(locale, 'progress.levels')}>
        <Muted>
          {t(locale, 'progress.levelsIntro', {
            date: formatDate(locale, result.completedAt),
            profile: result.profileName,
          })}
        </Muted>
        <LevelBars domains={result.domains} locale={locale} />
      </Section>
      <Section id="my-growth" title={t(locale, 'progress.growth')}>
        <p data-testid="my-growth">
          {result.firstCompletedAt
            ? tn(locale, 'progress.growthBody', result.grownDomains, {
                n: result.grownDomains,
                date: formatDate(locale, result.firstCompletedAt),
              })
            : t(locale, 'progress.growthOnce')}
        </p>
      </Section>
    </>
  );
}

function Advice({ progress, locale }: { progress: MyProgress; locale: Locale }) {
  const name = (id: string) => progress.domains.find((d) => d.id === id)?.name ?? id;
  return (
    <Section id="my-advice" title={t(locale, 'progress.advice')}>
      {progress.advice.length === 0 ? (
        <Note>{t(locale, 'progress.noAdvice')}</Note>
      ) : (
        <>
          <Muted>{t(locale, 'progress.adviceIntro')}</Muted>
          <DataTable
            locale={locale}
            caption={t(locale, 'progress.advice')}
            regionLabel={t(locale, 'common.table', { caption: t(locale, 'progress.advice') })}
            testId="advice-table"
            rows={progress.advice}
            rowKey={(m) => m.id}
            columns={[
              { header: t(locale, 'progress.module'), cell: (m) => m.title },
              { header: t(locale, 'progress.domain'), cell: (m) => name(m.domain) },
              {
                header: t(locale, 'progress.state'),
                cell: (m) => t(locale, `progress.state.${m.state ?? 'none'}` as Key),
              },
              { header: t(locale, 'progress.where'), cell: (m) => <ModuleLink module={m} locale={locale} /> },
            ]}
          />
        </>
      )}
    </Section>
  );
}

function Events({ events, locale }: { events: NonNullable<MyProgress['events']>; locale: Locale }) {
  return (
    <Section id="my-events" title={t(locale, 'progress.events')}>
      {events.length === 0 ? (
        <Muted>{t(locale, 'progress.noEvents')}</Muted>
      ) : (
        <ul data-testid="my-events">
          {events.map((e) => (
            <li key={e.id}>
              {e.title} · {formatDate(locale, e.startsAt)}
              {e.place ? ` · ${e.place}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The reminders switch; its text says what it still does for someone who already took the scan. */
function Reminders(props: { api: Api; locale: Locale; scanned: boolean; announce: (text: string) => void }) {
  const { api, locale } = props;
  const prefs = useLoad(() => api.call(API.reminders), [api]);
  const [remindersOff, setRemindersOff] = useState<boolean | null>(null);
  const current = remindersOff ?? prefs.data?.remindersOff ?? false;
  const change = async (receive: boolean) => {
    const before = current;
    setRemindersOff(!receive);
    try {
      await api.call(API.setReminders, { body: { remindersOff: !receive } });
      props.announce(t(locale, 'progress.saved'));
    } catch {
      setRemindersOff(before);
      props.announce(t(locale, 'app.error'));
    }
  };
  return (
    <Section id="reminders" title={t(locale, props.scanned ? 'progress.nudgesDone' : 'progress.nudges')}>
      <Switch
        checked={!current}
        disabled={prefs.loading}
        onChange={(_, v) => void change(v.checked)}
        label={t(locale, props.scanned ? 'progress.nudgesDone' : 'progress.nudges')}
      />
      <p data-testid="nudges-help">{t(locale, props.scanned ? 'progress.nudgesDoneHelp' : 'progress.nudgesHelp')}</p>
    </Section>
  );
}
