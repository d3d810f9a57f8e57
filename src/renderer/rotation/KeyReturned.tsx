import { useState } from 'react';

import type { StepProps } from './step-props.ts';

/** Which physical key was used for the account, and that it is back in the safe. */
export function KeyReturned(props: StepProps & { readonly account: string }) {
  const { client, act, account } = props;
  const [keyUsed, setKeyUsed] = useState('');
  const [returned, setReturned] = useState(false);
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        act(() => client.invoke('rotation:keyReturned', { account, keyUsed, returned }));
      }}
    >
      <h3>Which physical key was used, and is it back?</h3>
      <label>
        Key used for {account} (its label, or “none – envelope only”)
        <input value={keyUsed} onChange={(e) => setKeyUsed(e.target.value)} required autoComplete="off" />
      </label>
      <label className="choice">
        <input type="checkbox" checked={returned} onChange={(e) => setReturned(e.target.checked)} />
        <span>The key is back in the safe.</span>
      </label>
      <button type="submit" className="action" disabled={!returned}>
        Record it
      </button>
    </form>
  );
}
