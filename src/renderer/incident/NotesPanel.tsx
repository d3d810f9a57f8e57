import { useState, type FormEvent } from 'react';
import { localTime } from '../../shared/journal-words.ts';

/** Notes on the incident, always at hand: written to the journal when saved. */
export function NotesPanel(props: {
  readonly notes: ReadonlyArray<{ at: string; by: string; text: string }>;
  readonly onSave: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    props.onSave(text);
    setText('');
  };
  return (
    <section className="panel notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      <form onSubmit={submit} className="form">
        <label>
          A note for the record
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
        </label>
        <p className="quiet">Never a password, PIN or passphrase.</p>
        <button type="submit" className="secondary">
          Save the note
        </button>
      </form>
      <ul className="note-list">
        {props.notes.map((note, i) => (
          <li key={i}>
            <span className="quiet">
              {localTime(note.at)}, {note.by}:
            </span>{' '}
            {note.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
