import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App.tsx';
import { createIpcClient, detectTransport } from './app/ipc-client.ts';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={createIpcClient(detectTransport())} />
    </StrictMode>,
  );
}
