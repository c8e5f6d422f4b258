import { Field, Input, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { API, type Api } from '../api';
import { Muted, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { SaveRow, useVersionedSave } from '../components/VersionedSave';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
});

/**
 * The programme admin's settings: retention and reminder rounds. The change is sent with
 * the version that was loaded (If-Match); when someone else saved in between, the server
 * answers 412 and the panel offers to load the new values.
 */
export function SettingsPanel(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onSaved?: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const loaded = useLoad(() => api.call(API.settings), [api]);
  const [months, setMonths] = useState('');
  const [reminders, setReminders] = useState(true);
  const [learningPage, setLearningPage] = useState('');
  const [approval, setApproval] = useState(true);
  const [perCoach, setPerCoach] = useState('14');
  const saving = useVersionedSave({
    locale,
    savedKey: 'settings.saved',
    announce: props.announce,
    onSaved: props.onSaved,
  });

  useEffect(() => {
    if (!loaded.data) return;
    setMonths(loaded.data.retentionMonths === null ? '' : String(loaded.data.retentionMonths));
    setReminders(loaded.data.remindersEnabled);
    setLearningPage(loaded.data.learningPageUrl ?? '');
    setApproval(loaded.data.coachApproval);
    setPerCoach(String(loaded.data.employeesPerCoach));
    saving.setVersion(loaded.data.version);
  }, [loaded.data]);

  const trimmed = months.trim();
  const retentionValid =
    trimmed === '' || (/^\d{1,3}$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= 120);
  const perCoachValid = /^\d{1,3}$/.test(perCoach.trim()) && Number(perCoach) >= 2 && Number(perCoach) <= 200;
  const valid = retentionValid && perCoachValid;

  const save = async () => {
    if (!valid) return;
    await saving.save((ifMatch) =>
      api.call(API.saveSettings, {
        body: {
          retentionMonths: trimmed === '' ? null : Number(trimmed),
          remindersEnabled: reminders,
          learningPageUrl: learningPage.trim() || null,
          coachApproval: approval,
          employeesPerCoach: Number(perCoach),
        },
        headers: { 'if-match': ifMatch },
      }),
    );
  };

  return (
    <Section id="settings" title={t(locale, 'settings.title')}>
      <Muted>{t(locale, 'settings.intro')}</Muted>
      {loaded.loading && !loaded.data && <Loading locale={locale} />}
      {loaded.error && <Failed locale={locale} error={loaded.error} retry={loaded.reload} />}
      {loaded.data && (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          aria-label={t(locale, 'settings.title')}
        >
          <Field
            label={t(locale, 'settings.retention')}
            hint={t(locale, 'settings.retentionHint')}
            validationMessage={retentionValid ? undefined : t(locale, 'settings.retentionInvalid')}
            validationState={retentionValid ? 'none' : 'error'}
          >
            <Input
              inputMode="numeric"
              value={months}
              onChange={(_, v) => {
                // A new edit makes the last "opgeslagen" (or error) out of date.
                saving.clearMessage();
                setMonths(v.value);
              }}
              data-testid="settings-retention"
              style={{ maxWidth: '8rem' }}
            />
          </Field>
          <Switch
            checked={reminders}
            onChange={(_, v) => {
              saving.clearMessage();
              setReminders(v.checked);
            }}
            label={t(locale, 'settings.reminders')}
            data-testid="settings-reminders"
          />
          <Field label={t(locale, 'settings.learningPage')} hint={t(locale, 'settings.learningPageHint')}>
            <Input
              type="url"
              value={learningPage}
              onChange={(_, v) => {
                saving.clearMessage();
                setLearningPage(v.value);
              }}
              data-testid="settings-learning-page"
            />
          </Field>
          <Switch
            checked={approval}
            onChange={(_, v) => {
              saving.clearMessage();
              setApproval(v.checked);
            }}
            label={t(locale, 'settings.coachApproval')}
            data-testid="settings-coach-approval"
          />
          <Field
            label={t(locale, 'settings.employeesPerCoach')}
            hint={t(locale, 'settings.employeesPerCoachHint')}
            validationMessage={perCoachValid ? undefined : t(locale, 'settings.employeesPerCoachInvalid')}
            validationState={perCoachValid ? 'none' : 'error'}
          >
            <Input
              inputMode="numeric"
              value={perCoach}
              onChange={(_, v) => {
                saving.clearMessage();
                setPerCoach(v.value);
              }}
              data-testid="settings-employees-per-coach"
              style={{ maxWidth: '8rem' }}
            />
          </Field>
          <SaveRow
            locale={locale}
            label={t(locale, 'settings.save')}
            testId="settings-save"
            disabled={!valid}
            state={saving}
            reload={loaded.reload}
          />
        </form>
      )}
    </Section>
  );
}
