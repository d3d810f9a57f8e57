/**
 * The one way a service writes into a journal session it holds open: every entry gets the
 * session's id, the person acting (or, when the screen names nobody, the person the session
 * records as acting – its opener, or the sign-in's custodian) and the session's witness
 * (docs/domain.md, "Journal rules"). What the entry says is the caller's; the store seals it.
 */
import type { JournalEntry, JournalEntryDraft } from '../../core/journal/model.ts';
import type { JournalStore } from './store.ts';

/** Whose entries these are: the session, who acts when nobody else is named, and the witness. */
export type SessionSigner = { readonly sessionId: string; readonly actor: string; readonly witness?: string | undefined };

/** An entry as a service words it; the writer adds session, actor and witness. */
export type SessionEntryDraft = Omit<JournalEntryDraft, 'sessionId' | 'actor' | 'witness'>;

export class SessionWriter {
  readonly signer: SessionSigner;
  readonly #store: JournalStore;

  constructor(store: JournalStore, signer: SessionSigner) {
    this.#store = store;
    this.signer = signer;
  }

  /** A writer for a session as the journal folds it: its opener acts unless someone is named. */
  static forSession(
    store: JournalStore,
    session: { readonly id: string; readonly openedBy: string; readonly witness?: string | undefined },
  ): SessionWriter {
    return new SessionWriter(store, {
      sessionId: session.id,
      actor: session.openedBy,
      ...(session.witness ? { witness: session.witness } : {}),
    });
  }

  /** Appends one entry, durable when this returns; an empty `actor` falls back to the signer's. */
  append(draft: SessionEntryDraft, actor?: string): JournalEntry {
    const { sessionId, witness } = this.signer;
    return this.#store.append({ sessionId, actor: actor || this.signer.actor, ...(witness ? { witness } : {}), ...draft });
  }
}
