import { createRoot } from 'react-dom/client';
import { installTeamsCardActions } from './card-actions';
import { Playground } from './playground';
import { applyTheme, initialTheme } from './teams-look';
import './playground.css';

// Before the first card is parsed: Action.Execute and Action.Submit behave as in Teams.
installTeamsCardActions();
// Before the first paint: no flash of the light theme in a dark or contrast one.
applyTheme(initialTheme());
createRoot(document.getElementById('root')!).render(<Playground />);
