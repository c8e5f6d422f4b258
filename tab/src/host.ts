export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Who hosts the tab: Teams (with SSO) or a plain browser (development picker). */
export type Host =
  | {
      kind: 'teams';
      locale: string;
      theme: TeamsTheme;
      userName: string | null;
      token: () => Promise<string>;
      onThemeChange(handler: (theme: TeamsTheme) => void): void;
    }
  | { kind: 'browser' };

/**
 * teams-js rejects at once in a top-level page and waits a minute in a frame without a
 * Teams host. So: a top-level page (no mobile bridge) is a plain browser straight away;
 * in a frame, ask for the context but race it against a short timeout, so the page never
 * hangs. teams-js is loaded only in a frame (it is bundled, and evaluated lazily).
 */
export async function detectHost(timeoutMs = 1500): Promise<Host> {
  // A top-level page without the mobile clients' bridge is never inside Teams: do not even load teams-js.
  const framed = window.parent !== window || Boolean(window.opener);
  if (!framed && !('nativeInterface' in window)) return { kind: 'browser' };
  const timeout = <T>() =>
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no Teams host')), timeoutMs));
  try {
    const { app, authentication } = await import('./teams-sdk.js');
    await Promise.race([app.initialize(), timeout<void>()]);
    const context = await Promise.race([app.getContext(), timeout<Awaited<ReturnType<typeof app.getContext>>>()]);
    void app.notifySuccess();
    return {
      kind: 'teams',
      locale: context.app.locale,
      theme: asTheme(context.app.theme),
      userName: context.user?.displayName ?? null,
      token: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
    };
  } catch {
    return { kind: 'browser' };
  }
}

const asTheme = (theme: string | undefined): TeamsTheme =>
  theme === 'dark' || theme === 'contrast' ? theme : 'default';
