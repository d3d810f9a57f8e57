import { useState, type FormEvent } from 'react';

import { BusyNote } from '../components/BusyNote.tsx';
import type { StepProps } from './step-props.ts';

/** The PFX "save dialog": where on the safe's media, under which name, with which passphrase. */
export function SaveCertificate(props: StepProps) {
  const { active, act, client, busy } = props;
  const [folder, setFolder] = useState(active.suggestedFolder);
  const [fileName, setFileName] = useState(active.suggestedFileName);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { folder, fileName, passphrase, passphraseAgain: again };
    setPassphrase('');
    setAgain('');
    act(() => client.invoke('rotation:saveCertificate', input));
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="save-heading" aria-busy={busy}>
      <h3 id="save-heading">Save the new certificate to the safe’s media</h3>
      <p>
        A new key pair and certificate are made on this computer and written as a PFX file, protected by a passphrase,{' '}
        <strong>before anything in the tenant changes</strong>. If the media cannot be written, the tenant is left as it is.
      </p>
      <label>
        Folder on the safe’s media
        <input value={folder} onChange={(e) => setFolder(e.target.value)} required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        File name
        <input value={fileName} onChange={(e) => setFileName(e.target.value)} required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Passphrase for the PFX (at least 16 characters; it goes in the sealed envelope)
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required autoComplete="new-password" />
      </label>
      <label>
        The same passphrase again
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} required autoComplete="new-password" />
      </label>
      <button type="submit" className="action" disabled={busy}>
        Make and save the new certificate
      </button>
      <BusyNote busy={busy} text="Generating the new certificate and writing the PFX to the safe’s media… This takes a few seconds." />
    </form>
  );
}

export function ReopenCertificate(props: StepProps & { readonly path: string; readonly thumbprint: string }) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = passphrase;
        setPassphrase('');
        props.act(() => props.client.invoke('rotation:reopenCertificate', { passphrase: value }));
      }}
    >
      <h3>Open the new certificate again</h3>
      <p>
        The app was restarted since the new certificate was saved, and its key is never kept anywhere but in the PFX on the safe’s media:{' '}
        <code>{props.path}</code> (thumbprint {props.thumbprint}). Type its passphrase to continue.
      </p>
      <label>
        Passphrase of the new PFX
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" className="action">
        Open it
      </button>
    </form>
  );
}
