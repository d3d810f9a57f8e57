/**
 * Where a rotation stands, folded from its journal session (docs/domain.md, "Rotation after
 * use"; the fold is core/runbooks/rotation-flow.ts). A call reads the rotation once: the session
 * and entries each position was folded from are kept, extended with what the call appends, and
 * the call's answer is folded from them without reading the journal again.
 */
import type { JournalEntry, JournalSession } from '../../../core/journal/model.ts';
import { rotationPosition, type RotationEntryDraft, type RotationPosition } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import { SessionWriter } from '../../journal/session-writer.ts';
import type { JournalService } from '../journal-service.ts';
import type { RotationNote } from './step-journal.ts';

export class RotationFolds {
  readonly #journal: JournalService;
  readonly #folded = new WeakMap<RotationPosition, { session: JournalSession; entries: JournalEntry[] }>();

  constructor(journal: JournalService) {
    this.#journal = journal;
  }

  /** The open rotation (the latest rotation session not closed), folded from the journal. */
  current(): RotationPosition | undefined {
    const session = [...this.#journal.store.sessions()].reverse().find((s) => s.kind === 'rotation' && !s.closedAt);
    return session ? this.position(session) : undefined;
  }

  /** Folds a rotation session; its entries are read here unless the call already holds them. */
  position(session: JournalSession, entries: readonly JournalEntry[] = this.#journal.store.entries(session.id)): RotationPosition {
    const position = rotationPosition(session, entries);
    if (!position)
      throw new ActionableError(
        `Journal session ${session.id} is a rotation without a readable plan.`,
        'Abandon it from the journal and begin a new rotation.',
      );
    this.#folded.set(position, { session, entries: [...entries] });
    return position;
  }

  /** The position after the call's appends: folded again from the entries it holds, not re-read. */
  positionOf(position: RotationPosition): RotationPosition {
    const held = this.#held(position);
    return this.position(held.session, held.entries);
  }

  /** Journals into the rotation's session, extending the entries the call folded. */
  append(position: RotationPosition, actor: string, draft: RotationEntryDraft | RotationNote): void {
    const held = this.#held(position);
    held.entries.push(SessionWriter.forSession(this.#journal.store, held.session).append(draft, actor));
  }

  #held(position: RotationPosition): { session: JournalSession; entries: JournalEntry[] } {
    const held = this.#folded.get(position);
    if (!held) throw new Error(`Rotation ${position.sessionId} was not folded by this service.`);
    return held;
  }
}
