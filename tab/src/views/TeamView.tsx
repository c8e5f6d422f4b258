import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, ApiError } from '../api';
import { LedUnitDashboard } from '../components/LedUnitDashboard';
import { Muted, Note, Section } from '../components/Layout';
import { formatDate, type Locale, t, tn } from '../i18n';
import type { ChartPalette } from '../theme';

/** "Mijn team": the leader's team dashboard and the participation reminder. */
export function TeamView(props: { api: Api; locale: Locale; palette: ChartPalette; announce: (text: string) => void }) {
  const { api, locale } = props;
  return (
    <LedUnitDashboard
      locale={locale}
      palette={props.palette}
      units={() => api.call(API.myTeams).then((r) => r.teams)}
      dashboard={(teamId) => api.call(API.teamDashboard, { params: { teamId } })}
      deps={[api]}
      texts={{
        none: t(locale, 'team.none'),
        choose: t(locale, 'team.choose'),
        privacyTitle: t(locale, 'privacy.title'),
        privacy: (k) => t(locale, 'privacy.team', { k }),
      }}
      audience="team"
      nameTestId="team-name"
    >
      {(d) => (
        <Nudge
          api={api}
          locale={locale}
          teamId={d.group.id}
          nextAllowedAt={d.nudge.nextAllowedAt}
          announce={props.announce}
        />
      )}
    </LedUnitDashboard>
  );
}

function Nudge(props: {
  api: Api;
  locale: Locale;
  teamId: string;
  nextAllowedAt: string | null;
  announce: (text: string) => void;
}) {
  const { locale } = props;
  const [busy, setBusy] = useState(false);
  const [next, setNext] = useState(props.nextAllowedAt);
  const [message, setMessage] = useState<{ text: string; intent: 'success' | 'warning' | 'error' } | null>(null);
  const send = async () => {
    setBusy(true);
    try {
      const out = await props.api.call(API.teamNudge, { params: { teamId: props.teamId } });
      const sent = tn(locale, 'nudge.sent', out.sent, {
        sent: out.sent,
        unreachable: out.unreachable + out.failed,
        remindersOff: out.remindersOff,
      });
      const text = out.slotReturned ? `${sent} ${t(locale, 'nudge.slotReturned')}` : sent;
      setMessage({ text, intent: out.slotReturned ? 'warning' : 'success' });
      setNext(out.nextAllowedAt);
      props.announce(text);
    } catch (err) {
      const text = err instanceof ApiError && err.status === 409 ? t(locale, 'nudge.tooSoon') : t(locale, 'app.error');
      setMessage({ text, intent: err instanceof ApiError && err.status === 409 ? 'warning' : 'error' });
      props.announce(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="nudge" title={t(locale, 'nudge.title')}>
      <Muted>{t(locale, 'nudge.intro')}</Muted>
      <div>
        <Button appearance="primary" onClick={send} disabled={busy || next !== null} data-testid="nudge-send">
          {busy ? t(locale, 'nudge.sending') : t(locale, 'nudge.send')}
        </Button>
      </div>
      {next && <Muted>{t(locale, 'nudge.next', { date: formatDate(locale, next) })}</Muted>}
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </Section>
  );
}
