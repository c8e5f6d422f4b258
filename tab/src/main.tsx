import { createRoot } from 'react-dom/client';
import { App } from './App';

import { runTeamTabConfig } from './team-tab-config';

const started = performance.now();
const root = document.getElementById('root')!;
// /tab/config.html is the same bundle: the configuration page of the team tab.
if (window.location.pathname.endsWith('/config.html')) void runTeamTabConfig(root);
else createRoot(root).render(<App started={started} />);
