import { Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, ApiError } from '../api';
import { GroupFigures } from '../components/GroupFigures';
import { Muted, Note, Section } from '../components/Layout';
import { Privacy } from '../components/Privacy';
import { Failed, Loading } from '../components/Status';
import { formatDate, type Locale, t, tn } from '../i18n';
import type { ChartPalette } from '../theme';
import { useLoad } from '../use-load';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL } });

/** "Mijn team": the leader's team dashboard and the participation reminder. */
export function TeamView(props: { api: Api; locale: Locale; palette: ChartPalette; announce: (text: string) => void }) {
  const { api, locale } = props;
  const styles = useStyles();
  const teams = useLoad(() => api.call(API.myTeams), [api]);
  const [chosen, setChosen] = useState<string | null>(null);
  const teamId = chosen ?? teams.data?.teams[0]?.id ?? null;
  const dashboard = useLoad(
    () => (teamId ? api.call(API.teamDashboard, { params: { teamId } }) : Promise.resolve(null)),
    [api, teamId],
  );

  if (teams.loading) return <Loading locale={locale} />;
  if (teams.error) return <Failed locale={locale} error={teams.error} retry={teams.reload} />;
  if (!teams.data?.teams.length) return <Note>{t(locale, 'team.none')}</Note>;
  const d = dashboard.data;
  return (
    <div className={styles.stack}>
      {teams.data.teams.length > 1 && (
        <Field label={t(locale, 'team.choose')}>
          <Select value={teamId ?? ''} onChange={(_, v) => setChosen(v.value)}>
            {teams.data.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Privacy title={t(locale, 'privacy.title')} text={t(locale, 'privacy.team', { k: d?.threshold ?? 5 })} />
      {dashboard.loading && <Loading locale={locale} />}
      {dashboard.error && <Failed locale={locale} error={dashboard.error} retry={dashboard.reload} />}
      {d && (
        <>
          <h2 data-testid="team-name" style={{ margin: 0 }}>
            {d.group.name}
          </h2>
          <GroupFigures d={d} locale={locale} palette={props.palette} audience="team" />
          <Nudge
            api={api}
            locale={locale}
            teamId={d.group.id}
            nextAllowedAt={d.nudge.nextAllowedAt}
            announce={props.announce}
          />
        </>
      )}
    </div>
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
