import { useCallback, useEffect, useState } from 'react';

import type { CapabilityId } from '../../shared/model/capabilities.ts';
import type { AppStatus } from '../../shared/model/status.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { CapabilityScreen } from '../home/CapabilityScreen.tsx';
import { HomeScreen } from '../home/HomeScreen.tsx';
import type { IpcClient } from './ipc-client.ts';

type View = { readonly kind: 'home' } | { readonly kind: 'capability'; readonly id: CapabilityId };

type StatusState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly status: AppStatus }
  | { readonly kind: 'failed'; readonly message: string; readonly nextStep: string };

function explain(error: unknown): { message: string; nextStep: string } {
  const nextStep =
    typeof error === 'object' && error !== null && 'nextStep' in error && typeof error.nextStep === 'string'
      ? error.nextStep
      : 'Restart the app. Your journal is kept.';
  return { message: error instanceof Error ? error.message : String(error), nextStep };
}

export function App({ client }: { readonly client: IpcClient }) {
  const [state, setState] = useState<StatusState>({ kind: 'loading' });
  const [view, setView] = useState<View>({ kind: 'home' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    client.invoke('app:status', {}).then(
      (status) => setState({ kind: 'loaded', status }),
      (error: unknown) => setState({ kind: 'failed', ...explain(error) }),
    );
  }, [client]);

  useEffect(load, [load]);

  if (state.kind === 'loading') {
    return (
      <main className="screen" aria-busy="true">
        <p className="quiet">Loading…</p>
      </main>
    );
  }
  if (state.kind === 'failed') {
    return (
      <main className="screen">
        <h1>Break-Glass Runbook</h1>
        <ProblemPanel title="The app's services did not answer" message={state.message} nextStep={state.nextStep}>
          <button type="button" className="action" onClick={load}>
            Try again
          </button>
        </ProblemPanel>
      </main>
    );
  }
  if (view.kind === 'capability') {
    return <CapabilityScreen client={client} id={view.id} onBack={() => setView({ kind: 'home' })} />;
  }
  return <HomeScreen status={state.status} onChoose={(id) => setView({ kind: 'capability', id })} />;
}
