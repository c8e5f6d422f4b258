import { Button, Spinner } from '@fluentui/react-components';
import { type Locale, t } from '../i18n';
import { Note } from './Layout';

export function Loading(props: { locale: Locale }) {
  return <Spinner label={t(props.locale, 'app.loading')} />;
}

export function Failed(props: { locale: Locale; error: Error; retry: () => void }) {
  return (
    <Note intent="error">
      {props.error.message || t(props.locale, 'app.error')}{' '}
      <Button size="small" onClick={props.retry}>
        {t(props.locale, 'app.retry')}
      </Button>
    </Note>
  );
}
