import { useCallback, useEffect, useState } from 'react';

import type { CapabilityId } from '../../shared/model/capabilities.ts';
import type { AppStatus } from '../../shared/model/status.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { StatusBands } from '../components/StatusBands.tsx';
import { CapabilityScreen } from '../home/CapabilityScreen.tsx';
import { HomeScreen } from '../home/HomeScreen.tsx';
import { JournalScreen } from '../journal/JournalScreen.tsx';
import { ReadinessScreen } from '../readiness/ReadinessScreen.tsx';
import { IncidentScreen } from '../incident/IncidentScreen.tsx';
import { RotationScreen } from '../rotation/RotationScreen.tsx';
import { PrintedRunbookScreen } from '../settings/PrintedRunbookScreen.tsx';
import { RunbookGapsNotice } from '../settings/RunbookGapsNotice.tsx';
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
  | { readonly kind: 'printed-runbook' }
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

  /** Reads the status again without leaving the screen; a failure keeps what is shown (the next move tries again). */
  const refresh = useCallback(() => {
    client.invoke('app:status', {}).then(
      (status) => setState({ kind: 'loaded', status }),
      () => undefined,
    );
  }, [client]);

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
  // The status is read again on every move, so the bands show the incident as the journal has it now.
  const go = (next: View) => {
    setView(next);
    refresh();
  };
  const home = () => {
    setView({ kind: 'home' });
    load();
  };
  return (
    <>
      <StatusBands status={state.status} onResume={view.kind === 'incident' ? undefined : () => go({ kind: 'incident' })} />
      <Screen view={view} status={state.status} client={client} go={go} home={home} />
    </>
  );
}

function Screen(props: {
  readonly view: View;
  readonly status: AppStatus;
  readonly client: IpcClient;
  readonly go: (next: View) => void;
  readonly home: () => void;
}) {
  const { view, client, go, home } = props;
  if (view.kind === 'capability') {
    return <CapabilityScreen client={client} id={view.id} onBack={home} />;
  }
  if (view.kind === 'journal') {
    return <JournalScreen client={client} onBack={home} />;
  }
  if (view.kind === 'sign-in') {
    return <SignInScreen client={client} onBack={home} openIncident={props.status.incident} onResume={() => go({ kind: 'incident' })} />;
  }
  if (view.kind === 'readiness') {
    return <ReadinessScreen client={client} onBack={home} />;
  }
  if (view.kind === 'settings') {
    return <SettingsScreen client={client} onBack={home} onPrint={() => go({ kind: 'printed-runbook' })} />;
  }
  if (view.kind === 'printed-runbook') {
    return <PrintedRunbookScreen client={client} onBack={home} />;
  }
  if (view.kind === 'incident') {
    return <IncidentScreen client={client} onBack={home} onRotate={() => go({ kind: 'rotation' })} />;
  }
  if (view.kind === 'rotation') {
    return (
      <RotationScreen
        client={client}
        onBack={home}
        onJournal={() => go({ kind: 'journal' })}
        onReadiness={() => go({ kind: 'readiness' })}
      />
    );
  }
  return (
    <HomeScreen
      status={props.status}
      onChoose={(id) => go(id === 'readiness' || id === 'incident' || id === 'rotation' ? { kind: id } : { kind: 'capability', id })}
      onOpenJournal={() => go({ kind: 'journal' })}
      onOpenSettings={() => go({ kind: 'settings' })}
      onPrintRunbook={() => go({ kind: 'printed-runbook' })}
      runbookNotice={<RunbookGapsNotice client={client} onOpenSettings={() => go({ kind: 'settings' })} />}
      connection={<ConnectionPanel client={client} onSignIn={() => go({ kind: 'sign-in' })} />}
    />
  );
}
