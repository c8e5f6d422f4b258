import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, DeleteRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { API, type Api } from '../api';
import { Muted, Note, Section } from '../components/Layout';
import { Privacy } from '../components/Privacy';
import { Failed, Loading } from '../components/Status';
import { formatDate, type Locale, t, tn } from '../i18n';
import { useLoad } from '../use-load';

/** GET /api/v1/me/data: the privacy overview, with the job profile's name and the tenant's anonymity threshold. */
const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: {
    margin: '0',
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  confirm: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `2px solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  h3: { margin: '0', fontSize: tokens.fontSizeBase400 },
});

/** "Mijn gegevens": what is kept about the signed-in user, a download of all of it, and erasure after a confirmation. */
export function MyDataView(props: { api: Api; locale: Locale; announce: (text: string) => void }) {
  const { api, locale } = props;
  const styles = useStyles();
  const data = useLoad(() => api.call(API.myData), [api]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  const say = (intent: 'success' | 'error', text: string) => {
    setMessage({ intent, text });
    props.announce(text);
  };

  const download = async () => {
    try {
      const blob = await api.download(API.myDataExport);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `digivaardig-${locale === 'nl' ? 'mijn-gegevens' : 'my-data'}-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say('success', t(locale, 'myData.downloaded'));
    } catch (err) {
      say('error', (err as Error).message || t(locale, 'app.error'));
    }
  };

  const askConfirm = () => {
    setConfirming(true);
    setMessage(null);
    setTimeout(() => confirmHeading.current?.focus(), 0);
  };
  const cancel = () => {
    setConfirming(false);
    setTimeout(() => deleteButton.current?.focus(), 0);
  };
  const erase = async () => {
    setBusy(true);
    try {
      const res = await api.call(API.myDataDelete, { body: { confirm: 'yes' } });
      setConfirming(false);
      say('success', tn(locale, 'myData.deleted', res.removed, { count: res.removed }));
      data.reload();
    } catch (err) {
      say('error', (err as Error).message || t(locale, 'app.error'));
    } finally {
      setBusy(false);
    }
  };

  const d = data.data;
  const unknown = t(locale, 'myData.unknown');
  const lines = d
    ? [
        t(locale, 'myData.organisation', {
          profile: d.profileName ?? unknown,
          team: d.team ?? unknown,
          department: d.department ?? unknown,
          location: d.location ?? unknown,
        }),
        d.latestScan
          ? tn(locale, 'myData.scans', d.scanResults, { count: d.scanResults, date: formatDate(locale, d.latestScan) })
          : t(locale, 'myData.noScans'),
        ...(d.scanInProgress ? [t(locale, 'myData.scanInProgress')] : []),
        t(locale, 'myData.modules', { count: d.modulesMarked }),
        t(locale, 'myData.help', { count: d.helpRequests }),
        ...(d.eventSignups ? [t(locale, 'myData.events', { count: d.eventSignups })] : []),
        ...(d.leadershipScan === 'completed'
          ? [t(locale, 'myData.leadershipDone')]
          : d.leadershipScan === 'in-progress'
            ? [t(locale, 'myData.leadershipBusy')]
            : []),
        ...(d.coach || d.coachTickets > 0
          ? [tn(locale, 'myData.coach', d.coachTickets, { count: d.coachTickets })]
          : []),
        t(locale, 'myData.reminders', {
          state: t(locale, d.remindersOff ? 'myData.remindersOff' : 'myData.remindersOn'),
        }),
        t(locale, 'myData.chat', { state: t(locale, d.chatReference ? 'myData.chatYes' : 'myData.chatNo') }),
      ]
    : [];

  return (
    <div className={styles.stack}>
      <Privacy title={t(locale, 'privacy.title')} text={t(locale, 'myData.intro', { k: d?.anonymityThreshold ?? 5 })} />
      {message && (
        <div data-testid="my-data-message">
          <Note intent={message.intent}>{message.text}</Note>
        </div>
      )}
      <Section id="my-data-kept" title={t(locale, 'myData.kept')}>
        {data.loading && !d && <Loading locale={locale} />}
        {data.error && <Failed locale={locale} error={data.error} retry={data.reload} />}
        {d && (
          <ul className={styles.list} data-testid="my-data-list">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )}
        <p>
          {/* Fluent's link follows the theme; the browser's own blue is unreadable on dark. */}
          <Link href={`/privacy${locale === 'en' ? '?lang=en' : ''}`} target="_blank" rel="noopener" inline>
            {t(locale, 'myData.statement')}
          </Link>
        </p>
      </Section>
      <Section id="my-data-download" title={t(locale, 'myData.download.title')}>
        <Muted>{t(locale, 'myData.download.body')}</Muted>
        <div className={styles.row}>
          <Button icon={<ArrowDownloadRegular />} onClick={() => void download()} data-testid="my-data-download">
            {t(locale, 'myData.download')}
          </Button>
        </div>
      </Section>
      <Section id="my-data-delete" title={t(locale, 'myData.delete.title')}>
        <p>{t(locale, 'myData.delete.body')}</p>
        {!confirming && (
          <div className={styles.row}>
            <Button ref={deleteButton} icon={<DeleteRegular />} onClick={askConfirm} data-testid="my-data-delete">
              {t(locale, 'myData.delete')}
            </Button>
          </div>
        )}
        {confirming && (
          <div
            className={styles.confirm}
            role="group"
            aria-labelledby="my-data-confirm-h"
            data-testid="my-data-confirm"
          >
            <h3 id="my-data-confirm-h" ref={confirmHeading} tabIndex={-1} className={styles.h3}>
              {t(locale, 'myData.confirm.title')}
            </h3>
            <p style={{ margin: 0 }}>{t(locale, 'myData.confirm.body')}</p>
            <div className={styles.row}>
              <Button
                appearance="primary"
                disabled={busy}
                onClick={() => void erase()}
                data-testid="my-data-confirm-yes"
              >
                {t(locale, 'myData.confirm.yes')}
              </Button>
              <Button disabled={busy} onClick={cancel}>
                {t(locale, 'myData.confirm.no')}
              </Button>
            </div>
          </div>
        )}
      </Section>
    </div>
  );
}
