import { useCallback, useEffect, useState } from 'react';

import type { CapabilityId } from '../../shared/model/capabilities.ts';
import type { AppStatus } from '../../shared/model/status.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { CapabilityScreen } from '../home/CapabilityScreen.tsx';
import { HomeScreen } from '../home/HomeScreen.tsx';
import { JournalScreen } from '../journal/JournalScreen.tsx';
import { ReadinessScreen } from '../readiness/ReadinessScreen.tsx';
import { IncidentScreen } from '../incident/IncidentScreen.tsx';
import { RotationScreen } from '../rotation/RotationScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ConnectionPanel } from '../sign-in/ConnectionPanel.tsx';
import { SignInScreen } from '../sign-in/SignInScreen.tsx';
import { explainError } from '../components/useLoaded.ts';
import type { IpcClient } from './ipc-client.ts';

type View =
  | { readonly kind: 'home' }
  | { readonly kind: 'journal' }
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'readiness' }
  | { readonly kind: 'incident' }
  | { readonly kind: 'rotation' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'capability'; readonly id: CapabilityId };

type StatusState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly status: AppStatus }
  | { readonly kind: 'failed'; readonly message: string; readonly nextStep: string };

export function App({ client }: { readonly client: IpcClient }) {
  const [state, setState] = useState<StatusState>({ kind: 'loading' });
  const [view, setView] = useState<View>({ kind: 'home' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    client.invoke('app:status', {}).then(
      (status) => setState({ kind: 'loaded', status }),
      (error: unknown) => setState({ kind: 'failed', ...explainError(error) }),
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
  const home = () => {
    setView({ kind: 'home' });
    load();
  };
  if (view.kind === 'capability') {
    return <CapabilityScreen client={client} id={view.id} onBack={home} />;
  }
  if (view.kind === 'journal') {
    return <JournalScreen client={client} onBack={home} />;
  }
  if (view.kind === 'sign-in') {
    return <SignInScreen client={client} onBack={home} />;
  }
  if (view.kind === 'readiness') {
    return <ReadinessScreen client={client} onBack={home} />;
  }
  if (view.kind === 'settings') {
    return <SettingsScreen client={client} onBack={home} />;
  }
  if (view.kind === 'incident') {
    return <IncidentScreen client={client} onBack={home} onRotate={() => setView({ kind: 'rotation' })} />;
  }
  if (view.kind === 'rotation') {
    return (
      <RotationScreen
        client={client}
        onBack={home}
        onJournal={() => setView({ kind: 'journal' })}
        onReadiness={() => setView({ kind: 'readiness' })}
      />
    );
  }
  return (
    <HomeScreen
      status={state.status}
      onChoose={(id) => setView(id === 'readiness' || id === 'incident' || id === 'rotation' ? { kind: id } : { kind: 'capability', id })}
      onOpenJournal={() => setView({ kind: 'journal' })}
      onOpenSettings={() => setView({ kind: 'settings' })}
      connection={<ConnectionPanel client={client} onSignIn={() => setView({ kind: 'sign-in' })} />}
    />
  );
}
