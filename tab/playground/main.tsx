import { createRoot } from 'react-dom/client';
import { installTeamsCardActions } from './card-actions';
import { Playground } from './playground';
import './playground.css';

// Before the first card is parsed: Action.Execute and Action.Submit behave as in Teams.
installTeamsCardActions();
createRoot(document.getElementById('root')!).render(<Playground />);
