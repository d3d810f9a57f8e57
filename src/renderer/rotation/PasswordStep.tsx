import { useState } from 'react';

import type { RotationPassword } from '../../shared/model/rotation.ts';
import { BusyNote } from '../components/BusyNote.tsx';
import { explainError } from '../components/useLoaded.ts';
import type { StepProps } from './step-props.ts';

/** The one-time display of the new password, large, with a print view for the envelope sheet. */
export function PasswordStep(props: StepProps & { readonly account: string }) {
  const { client, act, account, busy, onProblem } = props;
  const [shown, setShown] = useState<RotationPassword | null>(null);
  const [written, setWritten] = useState(false);
  const show = () => {
    client.invoke('rotation:newPassword', { account }).then(setShown, (error: unknown) => onProblem(explainError(error)));
  };
  const set = () => {
    act(() => client.invoke('rotation:setPassword', { account }));
    // Gone from the screen as soon as it is sent; main forgets it once it is set.
    setShown(null);
    setWritten(false);
  };
  if (!shown) {
    return (
      <section className="panel">
        <p>
          A new random password for <strong>{account}</strong> is made on this computer (40 characters, no look-alike letters). It is shown{' '}
          <strong>once</strong>: write it on a fresh envelope sheet (or print it), check it, then set it. It is never stored or recorded.
        </p>
        {props.active.passwordWaiting ? (
          <>
            <p className="warning">
              A password was shown and is not set yet. Set the one already on the sheet, or show a new one instead (then destroy the earlier
              sheet).
            </p>
            <p className="actions">
              <button type="button" className="action" disabled={busy} onClick={set}>
                Set the password already on the sheet
              </button>
              <button type="button" className="secondary" onClick={show}>
                Show a new password instead
              </button>
            </p>
          </>
        ) : (
          <button type="button" className="action" onClick={show}>
            Show the new password
          </button>
        )}
      </section>
    );
  }
  const today = new Date().toLocaleDateString();
  return (
    <section className="panel envelope-sheet" aria-labelledby="password-heading">
      <h3 id="password-heading">New password for {account}</h3>
      <p className="password-display" aria-label="The new password, in groups of four characters">
        {shown.groups.map((group, index) => (
          <span key={index} className="password-group">
            {group}
          </span>
        ))}
      </p>
      <p className="print-only">
        Break-glass account {account} – password set {today}. Seal in the envelope. Sealed by: ______________ Witness: ______________
      </p>
      <p className="quiet no-print">Groups of four, letters and digits only (no 0/O, 1/l/I). Upper and lower case matter.</p>
      <p className="actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print the envelope sheet
        </button>
      </p>
      <label className="choice no-print">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
        <span>It is on the envelope sheet, and checked character by character.</span>
      </label>
      <p className="actions no-print">
        <button type="button" className="action" disabled={!written || busy} onClick={set}>
          Set this password
        </button>
      </p>
      <BusyNote busy={busy} text="Setting the new password in the tenant…" className="no-print" />
    </section>
  );
}
