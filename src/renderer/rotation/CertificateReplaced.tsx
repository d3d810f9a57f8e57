import { useState } from 'react';

import type { StepProps } from './step-props.ts';

/**
 * The account's new certificate, issued outside the app by the organisation's CA: who issued it,
 * and its certificate user id, which the app checks is bound to the account in Entra before it records the step.
 */
export function CertificateReplaced(props: StepProps & { readonly account: string }) {
  const { client, act, account, busy } = props;
  const [certificateUserId, setCertificateUserId] = useState('');
  const [issuedBy, setIssuedBy] = useState('');
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        act(() => client.invoke('rotation:certificateReplaced', { account, certificateUserId, issuedBy }));
      }}
    >
      <h3>The new certificate</h3>
      <p>
        The certificate that left the safe is burned. Have your CA issue a new one for this account, put it on a new smart card or the
        safe’s media, and have an administrator add its certificate user id to the account in Entra (Users › the account › Properties ›
        Authorization info). Then record it here: the app checks that Entra binds it.
      </p>
      <label>
        Certificate user id of the new certificate (as Entra shows it, e.g. X509:&lt;SKI&gt;…)
        <input
          value={certificateUserId}
          onChange={(e) => setCertificateUserId(e.target.value)}
          required
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        Issued by (who issued it at the CA)
        <input value={issuedBy} onChange={(e) => setIssuedBy(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" className="action" disabled={busy}>
        {busy ? 'Checking Entra…' : 'Check the binding and record it'}
      </button>
    </form>
  );
}
