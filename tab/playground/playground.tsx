import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type DemoDirectory, type OpenedConversation, loadDemoDirectory, openConversation } from './api';
import { Chat } from './chat';
import { PlaygroundDirectLine } from './directline';
import { type Choice, UserPicker, choicesOf, keyOf } from './picker';
import { applyTheme, initialTheme, isTheme, type PlaygroundTheme } from './teams-look';

interface Session extends OpenedConversation {
  directLine: PlaygroundDirectLine;
  choice: Choice;
}

/** The chosen person lives in the URL (#tenant/user), so a reload continues the same chat. */
const keyFromHash = () => decodeURIComponent(location.hash.slice(1));

const NAME_KEY = 'digivaardig.playground.names';

/** Names of the new colleagues picked in this tab (their ids are fresh on every load of the list). */
function rememberName(choice: Choice): void {
  try {
    const names = JSON.parse(sessionStorage.getItem(NAME_KEY) ?? '{}') as Record<string, string>;
    sessionStorage.setItem(NAME_KEY, JSON.stringify({ ...names, [choice.key]: choice.identity.name }));
  } catch {
    // No session storage (private mode): a reload then greets with the server's default name.
  }
}

function rememberedName(key: string): string | undefined {
  try {
    return (JSON.parse(sessionStorage.getItem(NAME_KEY) ?? '{}') as Record<string, string>)[key];
  } catch {
    return undefined;
  }
}

export function Playground() {
  const [directory, setDirectory] = useState<DemoDirectory | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [selected, setSelected] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [theme, setTheme] = useState<PlaygroundTheme>(initialTheme);
  const latest = useRef(0);
  const resumed = useRef(false);

  const { groups } = useMemo(() => (directory ? choicesOf(directory) : { groups: [] }), [directory]);
  const byKey = useMemo(
    () => new Map<string, Choice>(groups.flatMap((g) => g.choices.map((c) => [c.key, c] as const))),
    [groups],
  );

  const start = useCallback(async (choice: Choice, restart = false) => {
    const attempt = ++latest.current;
    setSelected(choice.key);
    setBusy(true);
    setProblem(null);
    try {
      const opened = await openConversation(choice.identity, restart);
      if (attempt !== latest.current) return;
      history.replaceState(null, '', `#${choice.key}`);
      rememberName(choice);
      setSession((previous) => {
        previous?.directLine.end();
        return { ...opened, choice, directLine: new PlaygroundDirectLine(opened.conversationId, setProblem) };
      });
    } catch (err) {
      setProblem(`Gesprek openen mislukt / could not open the chat: ${String(err)}`);
    } finally {
      if (attempt === latest.current) setBusy(false);
    }
  }, []);

  useEffect(() => applyTheme(theme), [theme]);

  useEffect(() => {
    loadDemoDirectory().then(setDirectory, (err: unknown) =>
      setProblem(`Demo-collega's laden mislukt / could not load demo users: ${String(err)}`),
    );
  }, []);

  // After a reload, continue as whoever the URL names (also someone not in the list, e.g. a new colleague).
  useEffect(() => {
    if (!directory || resumed.current) return;
    resumed.current = true;
    const key = keyFromHash();
    const [tenantId, userId] = key.split('/');
    if (!tenantId || !userId) return;
    void start(
      byKey.get(key) ?? {
        key: keyOf(tenantId, userId),
        label: userId,
        detail: `tenant ${tenantId}`,
        // A new colleague's name is not in the URL: the one picked before this reload, else a newcomer's.
        identity: {
          tenantId,
          userId,
          name: rememberedName(key) ?? directory.newColleagues[0]?.name ?? 'Sanne Visser',
          locale: 'nl-NL',
        },
      },
    );
  }, [directory, byKey, start]);

  return (
    <div className="pg">
      <header className="pg-bar">
        <h1 className="pg-sr-only">Digivaardig — speeltuin / playground</h1>
        <label className="pg-label" htmlFor="pg-who">
          Speeltuin — praat met de bot als:
          <span className="pg-en" lang="en">
            Playground — talk to the bot as:
          </span>
        </label>
        <div className="pg-controls">
          <UserPicker
            groups={groups}
            value={selected}
            disabled={!directory}
            onChange={(key) => byKey.get(key) && void start(byKey.get(key)!)}
          />
          <label className="pg-theme">
            Thema
            <select
              id="pg-theme"
              value={theme}
              title="Het thema van Teams / Teams theme"
              onChange={(e) => isTheme(e.target.value) && setTheme(e.target.value)}
            >
              <option value="default">Licht</option>
              <option value="dark">Donker</option>
              <option value="contrast">Hoog contrast</option>
            </select>
          </label>
          <button
            type="button"
            className="pg-restart"
            disabled={!session || busy}
            title="Nieuw gesprek: de app wordt opnieuw geïnstalleerd / new chat, app installed again"
            onClick={() => session && void start(session.choice, true)}
          >
            Opnieuw installeren
          </button>
        </div>
        {session && (
          <p className="pg-who" data-testid="pg-who">
            {session.user.name} · {session.choice.detail} · {session.user.locale}
          </p>
        )}
        {problem && (
          <p className="pg-problem" role="alert">
            {problem}
          </p>
        )}
      </header>
      <main className="pg-chat">
        {session ? (
          <Chat
            key={session.conversationId}
            directLine={session.directLine}
            userId={`29:${session.user.userId}`}
            name={session.user.name}
            locale={session.user.locale}
            theme={theme}
            onProblem={setProblem}
          />
        ) : (
          <div className="pg-empty">
            <p>
              Kies hierboven met wie je praat. De eerste keer wordt de app geïnstalleerd, zoals in Teams, en verwelkomt
              de bot je.
            </p>
            <p className="pg-en" lang="en">
              Pick who you are above. The first time, the app is installed as in Teams and the bot welcomes you.
            </p>
          </div>
        )}
      </main>
    </div>
  );
}
