import { useState, type FormEvent } from 'react';

import type { IpcClient } from '../app/ipc-client.ts';
import { explainError } from '../components/useLoaded.ts';

/**
 * Records a note as its own short review session: a safe inspection, a decision, something done
 * by hand in the admin portal. Written to the journal before the form is cleared.
 */
export function NoteForm(props: { readonly client: IpcClient; readonly onRecorded: () => void }) {
  const [actor, setActor] = useState('');
  const [witness, setWitness] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setOutcome(null);
    props.client
      .invoke('journal:recordNote', { actor, title, text, ...(witness.trim() ? { witness } : {}) })
      .then(
        (result) => {
          setTitle('');
          setText('');
          setOutcome({ ok: true, text: `Recorded as entry ${result.seq}.` });
          props.onRecorded();
        },
        (error: unknown) => {
          const { message, nextStep } = explainError(error);
          setOutcome({ ok: false, text: `${message} ${nextStep}` });
        },
      )
      .finally(() => setSaving(false));
  };

  return (
    <section className="panel spaced" aria-labelledby="note-heading">
      <h2 id="note-heading">Record a note</h2>
      <form onSubmit={submit} className="form">
        <label>
          Your name
          <input value={actor} onChange={(e) => setActor(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Witness (optional)
          <input value={witness} onChange={(e) => setWitness(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Note
          <textarea value={text} onChange={(e) => setText(e.target.value)} required rows={4} />
        </label>
        <p className="quiet">Never write a password, PIN or key here: the journal keeps everything for auditors.</p>
        <button type="submit" className="action" disabled={saving}>
          {saving ? 'Recording…' : 'Record the note'}
        </button>
        <p aria-live="polite" className={outcome?.ok === false ? 'warning' : 'success'}>
          {outcome?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
