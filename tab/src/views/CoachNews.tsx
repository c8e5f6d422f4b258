import { Button, Field, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type UnitRow } from '../api';
import type { PostNewsRequest } from '../../../bot/http/news-routes';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { formatDate, type Locale } from '../i18n';
import { tk } from '../i18n-coach-knowledge';
import { useLoad } from '../use-load';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  message: { whiteSpace: 'pre-wrap', maxWidth: '28rem' },
});

/**
 * "Nieuws voor digicoaches": the programme team writes a short message to every digicoach or
 * to one department's; below it the archive of sent news with where delivery stands.
 */
export function CoachNews(props: {
  api: Api;
  locale: Locale;
  departments: UnitRow[];
  announce: (text: string) => void;
  onSent?: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const archive = useLoad(() => api.call(API.news), [api]);
  const [text, setText] = useState('');
  const [department, setDepartment] = useState('');
  // One id per written message: a double click or a retried request sends it once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const max = archive.data?.maxLength ?? 1000;
  const trimmed = text.trim();
  const valid = trimmed.length >= 3 && trimmed.length <= max;

  const send = async () => {
    if (!valid) return;
    setBusy(true);
    try {
      const body: PostNewsRequest = { text: trimmed, departmentId: department || null, key };
      const sent = await api.call(API.sendNews, { body });
      const done = tk(locale, 'news.sent', { count: sent.recipients });
      setMessage({ intent: 'success', text: done });
      props.announce(done);
      setText('');
      setKey(crypto.randomUUID());
      archive.reload();
      props.onSent?.();
    } catch (err) {
      const failed = (err as Error).message;
      setMessage({ intent: 'error', text: failed });
      props.announce(failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="coach-news" title={tk(locale, 'news.title')}>
      <Muted>{tk(locale, 'news.intro')}</Muted>
      <div className={styles.form}>
        <Field label={tk(locale, 'news.text')} hint={tk(locale, 'news.textHelp', { max })} required>
          <Textarea
            value={text}
            maxLength={max}
            resize="vertical"
            onChange={(_, v) => setText(v.value)}
            data-testid="news-text"
          />
        </Field>
        <Field label={tk(locale, 'news.to')}>
          <Select value={department} onChange={(_, v) => setDepartment(v.value)} data-testid="news-department">
            <option value="">{tk(locale, 'news.toAll')}</option>
            {props.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.row}>
          <Button appearance="primary" disabled={busy || !valid} onClick={() => void send()} data-testid="news-send">
            {tk(locale, 'news.send')}
          </Button>
          <Button onClick={archive.reload} disabled={busy}>
            {tk(locale, 'news.refresh')}
          </Button>
        </div>
        {message && <Note intent={message.intent}>{message.text}</Note>}
      </div>
      {archive.loading && !archive.data && <Loading locale={locale} />}
      {archive.error && <Failed locale={locale} error={archive.error} retry={archive.reload} />}
      {archive.data &&
        (archive.data.news.length === 0 ? (
          <Muted>{tk(locale, 'news.none')}</Muted>
        ) : (
          <DataTable
            locale={locale}
            caption={tk(locale, 'news.archive')}
            regionLabel={tk(locale, 'news.archive')}
            testId="news-archive"
            rows={archive.data.news}
            rowKey={(n) => n.newsId}
            columns={[
              { header: tk(locale, 'news.when'), cell: (n) => formatDate(locale, n.createdAt) },
              { header: tk(locale, 'news.audience'), cell: (n) => n.departmentName ?? tk(locale, 'news.toAll') },
              { header: tk(locale, 'news.message'), cell: (n) => <span className={styles.message}>{n.text}</span> },
              { header: tk(locale, 'news.recipients'), cell: (n) => n.recipients, numeric: true },
              { header: tk(locale, 'news.delivered'), cell: (n) => n.counts.sent, numeric: true },
              { header: tk(locale, 'news.waiting'), cell: (n) => n.counts.queued + n.counts.sending, numeric: true },
              { header: tk(locale, 'news.skipped'), cell: (n) => n.counts.skipped, numeric: true },
              { header: tk(locale, 'news.failed'), cell: (n) => n.counts.failed, numeric: true },
            ]}
          />
        ))}
      <Muted>{tk(locale, 'news.help')}</Muted>
    </Section>
  );
}
