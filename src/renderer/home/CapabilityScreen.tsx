import { useEffect, useState } from 'react';

import type { Capability, CapabilityId } from '../../shared/model/capabilities.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';

/**
 * What a chosen entry point shows. While its capability is not built, it says so plainly and
 * gives the next step, with the way back focused.
 */
export function CapabilityScreen(props: { readonly client: IpcClient; readonly id: CapabilityId; readonly onBack: () => void }) {
  const { client, id, onBack } = props;
  const [capability, setCapability] = useState<Capability | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    client
      .invoke('app:describeCapability', { id })
      .then(setCapability, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [client, id]);

  return (
    <ScreenFrame
      heading={capability?.title ?? 'Loading…'}
      focusKey={capability}
      onBack={onBack}
      back={{ at: 'bottom', prominent: true, note: <span className="quiet"> (or press Escape)</span> }}
    >
      {problem ? <ProblemPanel title="This screen could not be opened" message={problem} nextStep="Go back and try again." /> : null}
      {capability && !capability.available ? (
        <ProblemPanel
          title="Not available in this version yet"
          message={capability.unavailableReason ?? 'This part of the app is not built yet.'}
          nextStep={capability.nextStep ?? 'Use the printed runbook kept with the safe.'}
        />
      ) : null}
    </ScreenFrame>
  );
}
