/**
 * The team tab's configuration page (Teams shows it when the tab is added to a team):
 * nothing to choose, so it is valid at once and saves the team dashboard as the tab.
 * Outside Teams it only says what it is for.
 */
export async function runTeamTabConfig(root: HTMLElement): Promise<void> {
  const nl = !navigator.language.toLowerCase().startsWith('en');
  root.innerHTML = `<main style="padding:16px"><h1 style="font-size:20px">Digivaardig</h1><p>${
    nl
      ? 'Deze tab toont de voortgang van het team: anoniem, alleen cijfers over groepen van minstens 5 mensen. Kies Opslaan.'
      : "This tab shows the team's progress: anonymous, only numbers for groups of at least 5 people. Choose Save."
  }</p></main>`;
  if (window.parent === window) return;
  const { app, pages } = await import('./teams-sdk.js');
  await app.initialize();
  const base = `${window.location.origin}/tab/`;
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({
        entityId: 'digivaardig-team',
        contentUrl: `${base}#team`,
        websiteUrl: `${base}#team`,
        suggestedDisplayName: 'Digivaardig',
      })
      .then(() => save.notifySuccess())
      .catch((err: unknown) => save.notifyFailure(String(err)));
  });
  pages.config.setValidityState(true);
  void app.notifySuccess();
}
