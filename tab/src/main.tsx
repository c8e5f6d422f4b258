import { createRoot } from 'react-dom/client';
import { App } from './App';

const started = performance.now();
createRoot(document.getElementById('root')!).render(<App started={started} />);
