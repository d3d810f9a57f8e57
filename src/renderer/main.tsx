import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App.tsx';
import { createIpcClient, detectTransport } from './app/ipc-client.ts';
// The stylesheets, in cascade order: the base first, then each screen's own (a later rule wins a
// tie), all from here so the order never depends on which module imports a screen first.
import './base.css';
import './components/bands.css';
import './home/home.css';
import './journal/journal.css';
import './sign-in/sign-in.css';
import './readiness/readiness.css';
import './incident/incident.css';
import './settings/settings.css';
import './rotation/rotation.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={createIpcClient(detectTransport())} />
    </StrictMode>,
  );
}
