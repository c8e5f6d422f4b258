import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api } from '../api';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { formatDate, formatMonth, type Key, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

/** One campaign as GET /api/v1/admin/campaigns returns it. */
const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/**
 * "Herinneringsrondes": the monthly reminder rounds with their counts per status, newest
 * first, and "Nu versturen" for this month's round (once per month; the server refuses a
 * second one and when rounds are switched off in the settings).
 */
export function CampaignsPanel(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  version?: number;
  onStarted?: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const view = useLoad(() => api.call(API.campaigns), [api, props.version]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const sendNow = async () => {
    setBusy(true);
    try {
      await api.call(API.startCampaign);
      const text = t(locale, 'campaigns.started');
      setMessage({ intent: 'success', text });
      props.announce(text);
      // The programme view then loads this panel and the log again; on its own, the panel does.
      if (props.onStarted) props.onStarted();
      else view.reload();
    } catch (err) {
      const text = (err as Error).message || t(locale, 'app.error');
      setMessage({ intent: 'error', text });
      props.announce(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="campaigns" title={t(locale, 'campaigns.title')}>
      <Muted>{t(locale, 'campaigns.intro')}</Muted>
      {view.loading && !view.data && <Loading locale={locale} />}
      {view.error && <Failed locale={locale} error={view.error} retry={view.reload} />}
      {view.data && (
        <>
          <p>
            {view.data.enabled
              ? view.data.next
                ? t(locale, 'campaigns.next', { date: formatDate(locale, view.data.next.at) })
                : ''
              : t(locale, 'campaigns.off')}
          </p>
          {view.data.waiting && (
            <div data-testid="campaigns-waiting">
              <Note intent="info">
                {t(locale, 'campaigns.waiting', { month: formatMonth(locale, view.data.waiting.campaignId) })}
              </Note>
            </div>
          )}
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={busy || !view.data.canStartNow}
              onClick={() => void sendNow()}
              data-testid="campaigns-send-now"
            >
              {t(locale, 'campaigns.sendNow')}
            </Button>
            <Button onClick={view.reload} disabled={busy}>
              {t(locale, 'campaigns.refresh')}
            </Button>
          </div>
          <Muted>{t(locale, 'campaigns.sendNowHelp')}</Muted>
          {message && <Note intent={message.intent}>{message.text}</Note>}
          {view.data.campaigns.length === 0 ? (
            <Muted>{t(locale, 'campaigns.none')}</Muted>
          ) : (
            <DataTable
              locale={locale}
              caption={t(locale, 'campaigns.caption')}
              regionLabel={t(locale, 'campaigns.caption')}
              testId="campaigns-table"
              rows={view.data.campaigns}
              rowKey={(c) => c.campaignId}
              columns={[
                {
                  header: t(locale, 'campaigns.month'),
                  cell: (c) =>
                    `${formatMonth(locale, c.campaignId)} (${t(locale, `campaigns.trigger.${c.trigger}` as Key)})`,
                },
                {
                  header: t(locale, 'campaigns.status'),
                  cell: (c) => t(locale, `campaigns.status.${c.status}` as Key),
                },
                { header: t(locale, 'campaigns.queued'), cell: (c) => c.counts.queued, numeric: true },
                { header: t(locale, 'campaigns.sent'), cell: (c) => c.counts.sent, numeric: true },
                { header: t(locale, 'campaigns.skipped'), cell: (c) => c.counts.skipped, numeric: true },
                { header: t(locale, 'campaigns.failed'), cell: (c) => c.counts.failed, numeric: true },
                {
                  header: t(locale, 'campaigns.uncertain'),
                  cell: (c) => c.counts.uncertain ?? 0,
                  numeric: true,
                },
              ]}
            />
          )}
          <Muted>{t(locale, 'campaigns.help')}</Muted>
        </>
      )}
    </Section>
  );
}
