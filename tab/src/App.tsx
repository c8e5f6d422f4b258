import { FluentProvider, Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { API, Api, ApiError, devApi, type Me } from './api';
import { Note } from './components/Layout';
import { Failed, Loading } from './components/Status';
import { detectHost, type Host, type TeamsTheme } from './host';
import { type Key, type Locale, t, toLocale } from './i18n';
import { chartPalette, fluentTheme } from './theme';
import { useLoad } from './use-load';
import { type DevChoice, DevPicker } from './views/DevPicker';
import { CatalogueAdmin } from './views/CatalogueAdmin';
import { LeadershipView } from './views/LeadershipView';
import { MyDataView } from './views/MyDataView';
import { ProgrammeView } from './views/ProgrammeView';
import { ProgressView } from './views/ProgressView';
import { DepartmentCoachesView } from './views/DepartmentCoachesView';
import { EventsView } from './views/EventsView';
import { TeamView } from './views/TeamView';
import { MyDepartmentView } from './views/MyDepartmentView';

type View =
  | 'team'
  | 'my-department'
  | 'leadership'
  | 'programme'
  | 'department'
  | 'catalogue'
  | 'progress'
  | 'events'
  | 'my-data';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorBrandForegroundLink,
    },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { margin: '0', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  // Name and the switch button wrap as two whole pieces on a narrow screen, never with a dangling separator.
  who: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
  },
  nav: {
    padding: `0 ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  navList: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: '0',
    padding: '0',
    listStyleType: 'none',
  },
  navLink: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderBottom: '3px solid transparent',
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  navCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  main: {
    maxWidth: '1100px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  h1: { margin: '0', fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, outlineStyle: 'none' },
  live: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

// A leader's dashboards follow the units they lead: a team ("Mijn team"), a department ("Mijn afdeling"), or both.
const VIEWS: Array<{ view: View; label: Key; allowed(me: Me): boolean }> = [
  { view: 'team', label: 'nav.team', allowed: (me) => me.leads.includes('team') },
  { view: 'my-department', label: 'nav.myDepartment', allowed: (me) => me.leads.includes('department') },
  { view: 'leadership', label: 'nav.leadership', allowed: (me) => me.roles.includes('leader') },
  { view: 'programme', label: 'nav.programme', allowed: (me) => me.roles.includes('admin') },
  { view: 'department', label: 'nav.department', allowed: (me) => me.roles.includes('contact') },
  { view: 'catalogue', label: 'nav.catalogue', allowed: (me) => me.roles.includes('admin') },
  { view: 'progress', label: 'nav.progress', allowed: () => true },
  { view: 'events', label: 'nav.events', allowed: () => true },
  { view: 'my-data', label: 'nav.myData', allowed: () => true },
];

const viewFromHash = (): View | null => {
  const v = location.hash.slice(1);
  return VIEWS.some((x) => x.view === v) ? (v as View) : null;
};

/**
 * The tab: finds its host (Teams, or a plain browser with the development picker),
 * follows the Teams theme and language, and shows the views the user's roles allow.
 */
export function App(props: { started: number }) {
  const [host, setHost] = useState<Host | null>(null);
  const [theme, setTheme] = useState<TeamsTheme>('default');
  // Dutch first: Teams tells the user's language; a plain browser (development) starts in Dutch, English is one choice away.
  const [locale, setLocale] = useState<Locale>('nl');
  const [dev, setDev] = useState<DevChoice | null>(null);

  useEffect(() => {
    void detectHost().then((h) => {
      setHost(h);
      if (h.kind === 'teams') {
        setTheme(h.theme);
        setLocale(toLocale(h.locale));
        h.onThemeChange(setTheme);
      } else if (window.matchMedia?.('(prefers-contrast: more)').matches) setTheme('contrast');
      else if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) setTheme('dark');
    });
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === 'nl' ? 'nl-NL' : 'en-GB';
  }, [locale]);

  const token = useMemo<(() => Promise<string>) | null>(() => {
    if (host?.kind === 'teams') return host.token;
    if (dev) {
      let cached: Promise<string> | null = null;
      return () => (cached ??= devApi.token(dev.tenantId, dev.userId));
    }
    return null;
  }, [host, dev]);
  const api = useMemo(() => (token ? new Api(token, locale) : null), [token, locale]);

  let body;
  if (!host) body = <Loading locale={locale} />;
  else if (!api)
    body = <DevPicker locale={locale} theme={theme} onLocale={setLocale} onTheme={setTheme} onPick={setDev} />;
  else
    body = (
      <Shell
        api={api}
        locale={locale}
        theme={theme}
        started={props.started}
        onSwitch={host.kind === 'browser' ? () => setDev(null) : undefined}
      />
    );

  return (
    <FluentProvider theme={fluentTheme(theme)} dir="ltr">
      <Root>{body}</Root>
    </FluentProvider>
  );
}

function Root(props: { children: React.ReactNode }) {
  return <div className={useStyles().root}>{props.children}</div>;
}

function Shell(props: { api: Api; locale: Locale; theme: TeamsTheme; started: number; onSwitch?: () => void }) {
  const { api, locale } = props;
  const styles = useStyles();
  const me = useLoad(() => api.call(API.me), [api]);
  const [view, setView] = useState<View | null>(viewFromHash());
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const palette = chartPalette(props.theme);

  const allowed = me.data ? VIEWS.filter((v) => v.allowed(me.data!)) : [];
  const current = allowed.find((v) => v.view === view)?.view ?? allowed[0]?.view ?? null;

  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!current) return;
    document.title = `${t(locale, VIEWS.find((v) => v.view === current)!.label)} · Digivaardig`;
    (window as unknown as { __firstRenderMs?: number }).__firstRenderMs ??= performance.now();
  }, [current, locale]);

  const choose = (v: View) => {
    setView(v);
    history.pushState(null, '', `#${v}`);
    // Move focus to the new view's heading, so keyboard and screen-reader users land there.
    setTimeout(() => heading.current?.focus(), 0);
  };

  return (
    <>
      <a href="#main" className={styles.skip}>
        {t(locale, 'app.skip')}
      </a>
      <header className={styles.header}>
        <p className={styles.brand}>{t(locale, 'app.title')}</p>
        <span className={styles.who} data-testid="who">
          {me.data && <span>{t(locale, 'app.signedInAs', { name: me.data.name })}</span>}
          {props.onSwitch && (
            <Link as="button" onClick={props.onSwitch} data-testid="dev-switch">
              {t(locale, 'dev.switch')}
            </Link>
          )}
        </span>
      </header>
      {allowed.length > 1 && (
        // Views are places, so links in a nav (not a tab list): the browser's history and "open in new tab" work, and nothing traps focus.
        <nav className={styles.nav} aria-label={t(locale, 'app.nav')}>
          <ul className={styles.navList}>
            {allowed.map((v) => (
              <li key={v.view}>
                <a
                  href={`#${v.view}`}
                  aria-current={v.view === current ? 'page' : undefined}
                  className={mergeClasses(styles.navLink, v.view === current && styles.navCurrent)}
                  onClick={(e) => {
                    e.preventDefault();
                    choose(v.view);
                  }}
                  data-testid={`nav-${v.view}`}
                >
                  {t(locale, v.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" className={styles.main} tabIndex={-1}>
        {me.loading && <Loading locale={locale} />}
        {me.error &&
          (me.error instanceof ApiError && me.error.status === 401 ? (
            <Note intent="error">{t(locale, 'app.outsideTeams')}</Note>
          ) : (
            <Failed locale={locale} error={me.error} retry={me.reload} />
          ))}
        {current && (
          <>
            <h1 ref={heading} tabIndex={-1} className={styles.h1}>
              {t(locale, VIEWS.find((v) => v.view === current)!.label)}
            </h1>
            {current === 'team' && <TeamView api={api} locale={locale} palette={palette} announce={announce} />}
            {current === 'my-department' && <MyDepartmentView api={api} locale={locale} palette={palette} />}
            {current === 'leadership' && (
              <LeadershipView api={api} locale={locale} palette={palette} announce={announce} />
            )}
            {current === 'programme' && (
              <ProgrammeView api={api} locale={locale} palette={palette} announce={announce} />
            )}
            {current === 'department' && <DepartmentCoachesView api={api} locale={locale} announce={announce} />}
            {current === 'catalogue' && <CatalogueAdmin api={api} locale={locale} announce={announce} />}
            {current === 'progress' && (
              <ProgressView api={api} locale={locale} roles={me.data!.roles} announce={announce} />
            )}
            {current === 'events' && (
              <EventsView api={api} locale={locale} roles={me.data!.roles} announce={announce} />
            )}
            {current === 'my-data' && <MyDataView api={api} locale={locale} announce={announce} />}
          </>
        )}
      </main>
      <div className={styles.live} aria-live="polite" role="status">
        {announcement}
      </div>
    </>
  );
}
