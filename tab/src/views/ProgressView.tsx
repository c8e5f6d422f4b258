import { makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type Role } from '../api';
import { Section } from '../components/Layout';
import { Privacy } from '../components/Privacy';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/** "Mijn voortgang": the scan lives in the chat; here only where to find it and the reminder switch. */
export function ProgressView(props: { api: Api; locale: Locale; roles: Role[]; announce: (text: string) => void }) {
  const { api, locale } = props;
  const styles = useStyles();
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
    <div className={styles.stack}>
      <Privacy title={t(locale, 'privacy.title')} text={t(locale, 'privacy.progress')} />
      <Section id="progress" title={t(locale, 'progress.title')}>
        <p>{t(locale, 'progress.body')}</p>
        <p>{t(locale, 'progress.help')}</p>
        {props.roles.includes('coach') && <p>{t(locale, 'progress.coach')}</p>}
        <Switch
          checked={!current}
          disabled={prefs.loading}
          onChange={(_, v) => void change(v.checked)}
          label={t(locale, 'progress.nudges')}
        />
        <p>{t(locale, 'progress.nudgesHelp')}</p>
      </Section>
    </div>
  );
}
