import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type PendingCoachRow } from '../api';
import { formatDate, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import { DataTable } from './DataTable';
import { Muted, Note, Section } from './Layout';
import { Failed, Loading } from './Status';

const useStyles = makeStyles({ actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS } });

/**
 * "Nieuwe digicoaches": registrations waiting for a decision, for the programme admin (all
 * departments) and a contact person (their own). The server decides who may see and decide what.
 */
export function CoachApprovals(props: {
  api: Api;
  locale: Locale;
  domains: Array<{ id: string; name: string }>;
  announce: (text: string) => void;
  onDecided?: () => void;
}) {
  const { api, locale, domains } = props;
  const styles = useStyles();
  const pending = useLoad(() => api.call(API.pendingCoaches), [api]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const topic = (id: string) => domains.find((d) => d.id === id)?.name ?? id;

  const decide = async (row: PendingCoachRow, approve: boolean) => {
    setBusy(true);
    try {
      await api.call(approve ? API.approveCoach : API.rejectCoach, { params: { userId: row.userId } });
      const text = t(locale, approve ? 'approvals.approved' : 'approvals.rejected', { name: row.name });
      setMessage({ intent: 'success', text });
      props.announce(text);
      pending.reload();
      props.onDecided?.();
    } catch (err) {
      setMessage({ intent: 'error', text: (err as Error).message || t(locale, 'app.error') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="coach-approvals" title={t(locale, 'approvals.title')}>
      <Muted>{t(locale, 'approvals.intro')}</Muted>
      {pending.loading && !pending.data && <Loading locale={locale} />}
      {pending.error && <Failed locale={locale} error={pending.error} retry={pending.reload} />}
      {pending.data && pending.data.pending.length === 0 && <Muted>{t(locale, 'approvals.none')}</Muted>}
      {pending.data && pending.data.pending.length > 0 && (
        <DataTable
          locale={locale}
          caption={t(locale, 'approvals.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'approvals.title') })}
          testId="approvals-table"
          rows={pending.data.pending}
          rowKey={(r) => r.userId}
          columns={[
            { header: t(locale, 'coachAdmin.name'), cell: (r) => r.name },
            {
              header: t(locale, 'coachAdmin.actions'),
              cell: (r) => (
                <span className={styles.actions}>
                  <Button
                    size="small"
                    appearance="primary"
                    disabled={busy}
                    onClick={() => void decide(r, true)}
                    aria-label={t(locale, 'approvals.approveOf', { name: r.name })}
                    data-testid={`approve-${r.userId}`}
                  >
                    {t(locale, 'approvals.approve')}
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => void decide(r, false)}
                    aria-label={t(locale, 'approvals.rejectOf', { name: r.name })}
                  >
                    {t(locale, 'approvals.reject')}
                  </Button>
                </span>
              ),
            },
            { header: t(locale, 'coaches.department'), cell: (r) => r.department ?? t(locale, 'common.none') },
            { header: t(locale, 'coachAdmin.domains'), cell: (r) => r.domains.map(topic).join(', ') },
            { header: t(locale, 'approvals.since'), cell: (r) => formatDate(locale, r.since) },
          ]}
        />
      )}
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </Section>
  );
}
