import { Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { ApiError, type DemoTenant, devApi, type Role } from '../api';
import { Muted, Note, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import type { TeamsTheme } from '../host';
import { type Key, type Locale, t, tn as counted } from '../i18n';
import { useLoad } from '../use-load';

export interface DevChoice {
  tenantId: string;
  userId: string;
  name: string;
}

const useStyles = makeStyles({
  page: {
    maxWidth: '760px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  h1: { margin: '0', fontSize: tokens.fontSizeBase600 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  groupName: { margin: '0', fontWeight: tokens.fontWeightSemibold },
  // A select is as wide as its longest option (a name with roles and team): on a phone it takes the row, no more.
  who: {
    flex: '1 1 260px',
    minWidth: '0',
    maxWidth: '100%',
    '& .fui-Select, & select': { width: '100%', minWidth: '0', maxWidth: '100%' },
  },
});

type DemoUser = DemoTenant['users'][number];

/** The quick picks: the roles, and a department head (a leader of a department rather than a team). */
type Pick = Role | 'head';

/**
 * A leader whose team shows figures (a small team, or one that would give a smaller group away,
 * shows none; then the biggest team), a department head whose department shows figures (the
 * one with the most teams), an admin, an employee and a coach of one municipality.
 */
function quickPicks(people: DemoUser[]): Array<{ role: Pick; user: DemoUser }> {
  const teamSize = (team: string | null) => people.filter((u) => team && u.team === team).length;
  const leader = people
    .filter((u) => u.roles.includes('leader') && !u.heads && !u.roles.includes('admin'))
    .sort((a, b) => Number(b.showsTeamFigures) - Number(a.showsTeamFigures) || teamSize(b.team) - teamSize(a.team))[0];
  const head = people
    .filter((u) => u.heads && !u.roles.includes('admin'))
    .sort(
      (a, b) =>
        Number(b.heads!.showsFigures) - Number(a.heads!.showsFigures) ||
        b.heads!.teams - a.heads!.teams ||
        b.heads!.members - a.heads!.members,
    )[0];
  const find = (role: Pick) =>
    role === 'leader'
      ? leader
      : role === 'head'
        ? head
        : people.find((u) =>
            role === 'employee'
              ? u.roles.length === 1
              : u.roles.includes(role) && (role !== 'coach' || !u.roles.includes('admin')),
          );
  return QUICK.flatMap((role) => {
    const user = find(role);
    return user ? [{ role, user }] : [];
  });
}

const QUICK: Pick[] = ['leader', 'head', 'admin', 'employee', 'coach'];

/**
 * Outside Teams (development only): pick a demo colleague, a language and a theme, and
 * get a development token for them from the server.
 */
export function DevPicker(props: {
  locale: Locale;
  theme: TeamsTheme;
  onLocale(l: Locale): void;
  onTheme(t: TeamsTheme): void;
  onPick: (choice: DevChoice) => void;
}) {
  const { locale } = props;
  const styles = useStyles();
  const users = useLoad(() => devApi.users(locale), [locale]);
  const [selected, setSelected] = useState('');
  const [figures, setFigures] = useState<{
    done: string | null;
    skipped: Array<{ intent: 'warning' | 'info'; text: string }>;
  } | null>(null);
  const tenants: DemoTenant[] = users.data?.tenants ?? [];
  const byKey = useMemo(
    () =>
      new Map<string, DemoTenant['users'][number]>(
        tenants.flatMap((tn) => tn.users.map((u) => [`${u.tenantId}/${u.userId}`, u] as const)),
      ),
    [tenants],
  );
  // One of each role from every demo municipality, so each one's figures are a click away.
  const quick = tenants.map((tn) => ({ tenant: tn, picks: quickPicks(tn.users) }));

  const pick = (key: string) => {
    const u = byKey.get(key);
    if (u) props.onPick({ tenantId: u.tenantId, userId: u.userId, name: u.name });
  };
  // Every demo municipality at once: whoever is picked next finds figures.
  const loadFigures = async () => {
    if (!tenants.length) return;
    const results = await Promise.all(tenants.map((tn) => devApi.figures(tn.tenantId)));
    // A municipality with real scans is left alone; say which one, so its near-empty dashboards are no surprise.
    const written = tenants.filter((_, i) => results[i].written).map((tn) => tn.name);
    const notes = tenants.flatMap((tn, i): Array<{ intent: 'warning' | 'info'; text: string }> => {
      const r = results[i];
      if (r.written) return [];
      if (r.reason === 'real-scans')
        return [
          {
            intent: 'warning' as const,
            text: counted(locale, 'dev.figuresSkipped', r.completions ?? 0, { name: tn.name, n: r.completions ?? 0 }),
          },
        ];
      return [{ intent: 'info' as const, text: t(locale, 'dev.figuresAlready', { name: tn.name }) }];
    });
    setFigures({
      done: written.length ? t(locale, 'dev.figuresDone', { names: written.join(', ') }) : null,
      skipped: notes,
    });
  };

  return (
    <main id="main" className={styles.page}>
      <h1 className={styles.h1}>{t(locale, 'dev.title')}</h1>
      <p>{t(locale, 'dev.intro')}</p>
      <div className={styles.row}>
        <Field label={t(locale, 'dev.language')}>
          <Select value={locale} onChange={(_, v) => props.onLocale(v.value as Locale)} data-testid="dev-language">
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </Select>
        </Field>
        <Field label={t(locale, 'dev.theme')}>
          <Select value={props.theme} onChange={(_, v) => props.onTheme(v.value as TeamsTheme)} data-testid="dev-theme">
            {(['default', 'dark', 'contrast'] as const).map((th) => (
              <option key={th} value={th}>
                {t(locale, `dev.theme.${th}` as Key)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {users.loading && <Loading locale={locale} />}
      {users.error &&
        (users.error instanceof ApiError && users.error.status === 404 ? (
          <Note intent="warning">{t(locale, 'app.outsideTeams')}</Note>
        ) : (
          <Failed locale={locale} error={users.error} retry={users.reload} />
        ))}
      {users.data && (
        <>
          <Section id="quick" title={t(locale, 'dev.quick')}>
            {quick.map(({ tenant, picks }, i) => (
              <div key={tenant.tenantId} className={styles.group} role="group" aria-label={tenant.name}>
                <p className={styles.groupName}>{tenant.name}</p>
                <div className={styles.row}>
                  {picks.map((q) => (
                    <Button
                      key={q.user.userId}
                      onClick={() => pick(`${q.user.tenantId}/${q.user.userId}`)}
                      data-testid={i === 0 ? `dev-quick-${q.role}` : `dev-quick-${q.role}-${i + 1}`}
                    >
                      {t(locale, `role.${q.role}` as Key)}: {q.user.name}
                    </Button>
                  ))}
                </div>
              </div>
            ))}
          </Section>
          <Section id="who" title={t(locale, 'dev.who')}>
            <div className={styles.row}>
              <Field label={t(locale, 'dev.who')} className={styles.who}>
                <Select value={selected} onChange={(_, v) => setSelected(v.value)} data-testid="dev-who">
                  <option value="">—</option>
                  {tenants.map((tn) => (
                    <optgroup key={tn.tenantId} label={tn.name}>
                      {tn.users.map((u) => (
                        <option key={u.userId} value={`${u.tenantId}/${u.userId}`}>
                          {u.name} — {u.roleLabels.join(', ')}
                          {u.team ? ` · ${u.team}` : ''}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </Select>
              </Field>
              <Button appearance="primary" disabled={!selected} onClick={() => pick(selected)} data-testid="dev-open">
                {t(locale, 'dev.open')}
              </Button>
            </div>
          </Section>
          <Section id="figures" title={t(locale, 'dev.figures')}>
            <Muted>{t(locale, 'dev.figuresHelp')}</Muted>
            <div>
              <Button onClick={() => void loadFigures()} data-testid="dev-figures">
                {t(locale, 'dev.figures')}
              </Button>
            </div>
            <div data-testid="dev-figures-result" className={styles.group} aria-live="polite">
              {figures?.done && <Note intent="success">{figures.done}</Note>}
              {figures?.skipped.map((n) => (
                <Note key={n.text} intent={n.intent}>
                  {n.text}
                </Note>
              ))}
            </div>
          </Section>
        </>
      )}
    </main>
  );
}
