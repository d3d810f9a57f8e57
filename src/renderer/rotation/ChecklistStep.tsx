import { useState } from 'react';

import type { RotationStepView } from '../../shared/model/rotation.ts';
import type { StepProps } from './step-props.ts';

/** A manual checklist item of the rotation, with who did it. */
export function ChecklistStep(props: StepProps & { readonly step: RotationStepView }) {
  const { client, act, step, active } = props;
  const [doneBy, setDoneBy] = useState(active.openedBy);
  const hints: Record<string, string> = {
    'safe-combination':
      'Everyone who saw the safe opened during the incident may know the combination. Change it now, with the witness present.',
    envelopes: 'Seal each new password sheet and the new PFX passphrase in fresh, signed envelopes; destroy the old ones.',
    custodians:
      'Check that the list of custodians and their phone numbers is current; change it if someone left or the incident showed a gap.',
  };
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        act(() => client.invoke('rotation:checklist', { item: step.item!, doneBy }));
      }}
    >
      <p>{hints[step.item ?? ''] ?? ''}</p>
      <label>
        Done by
        <input value={doneBy} onChange={(e) => setDoneBy(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" className="action">
        Done – record it
      </button>
    </form>
  );
}
