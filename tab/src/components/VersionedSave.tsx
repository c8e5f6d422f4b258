import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../api';
import { type Key, type Locale, t } from '../i18n';
import { Note } from './Layout';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

interface SaveMessage {
  intent: 'success' | 'error';
  text: string;
  /** Someone else saved in between (412): the form offers to load their values. */
  stale: boolean;
}

/**
 * Saving a tenant-wide form with the version that was loaded (If-Match). The server answers
 * 412 when someone else saved in between; the form then offers to load the new values
 * instead of overwriting them. Editing again clears the last "opgeslagen" or error.
 */
export function useVersionedSave(props: {
  locale: Locale;
  savedKey: Key;
  announce: (text: string) => void;
  onSaved?: () => void;
}) {
  const [version, setVersion] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<SaveMessage | null>(null);

  const save = async (send: (ifMatch: string) => Promise<{ version: string }>) => {
    setBusy(true);
    try {
      const saved = await send(version);
      setVersion(saved.version);
      const text = t(props.locale, props.savedKey);
      setMessage({ intent: 'success', text, stale: false });
      props.announce(text);
      props.onSaved?.();
    } catch (err) {
      const text = (err as Error).message || t(props.locale, 'app.error');
      setMessage({ intent: 'error', text, stale: err instanceof ApiError && err.status === 412 });
      props.announce(text);
    } finally {
      setBusy(false);
    }
  };

  return { version, setVersion, busy, message, clearMessage: () => setMessage(null), save };
}

/** The save button, "load the new values" after a 412, and the outcome of the last save. */
export function SaveRow(props: {
  locale: Locale;
  label: string;
  testId: string;
  disabled: boolean;
  state: ReturnType<typeof useVersionedSave>;
  reload: () => void;
}) {
  const styles = useStyles();
  const { state, locale } = props;
  return (
    <>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={state.busy || props.disabled} data-testid={props.testId}>
          {props.label}
        </Button>
        {state.message?.stale && (
          <Button
            onClick={() => {
              state.clearMessage();
              props.reload();
            }}
          >
            {t(locale, 'settings.reload')}
          </Button>
        )}
      </div>
      {state.message && <Note intent={state.message.intent}>{state.message.text}</Note>}
    </>
  );
}
