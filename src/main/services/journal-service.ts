/**
 * The app's journal: opened when the app starts, answering the Journal screen and the home screen.
 *
 * A journal file the app cannot safely write to (corrupt, unreadable, written by a newer version,
 * not a journal) is evidence: it is never written to, moved or replaced. The app continues in a
 * new file beside it (`journal-continued-<time>.sqlite3`; on later starts the newest valid one is
 * reused), and says which file is which. If no journal can be opened at all, the app still opens
 * and says so – the custodian is never locked out by the record-keeping.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import type { ChainVerdict } from '../../core/journal/chain.ts';
import { exportFileExtensions, renderJournalExport, type JournalExportFormat } from '../../core/journal/export.ts';
import type { JournalEntry, JournalSession } from '../../core/journal/model.ts';
import type { RedactionMode } from '../../core/journal/redaction.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type {
  ChainStatus,
  HeadWitnessStatus,
  JournalEntryView,
  JournalExportResult,
  JournalOverview,
  JournalSessionDetail,
  JournalSessionView,
  RecordNoteInput,
  SetAsideJournal,
} from '../../shared/model/journal-view.ts';
import type { JournalLocation } from '../../shared/model/status.ts';
import { lastHeadWitnessIn, noWitnessFolderMessage } from '../journal/head-witness-file.ts';
import { inspectJournalFile } from '../journal/inspect.ts';
import { SessionWriter } from '../journal/session-writer.ts';
import { JournalStore } from '../journal/store.ts';
import { JournalWriteError } from '../journal/write-failure.ts';

export type JournalServiceOptions = {
  readonly file: string;
  readonly mode: JournalLocation['mode'];
  readonly redaction: RedactionMode;
  readonly nativeBinding?: string | undefined;
  readonly now?: () => Date;
  /** Where each close writes the chain head (docs/domain.md, "The chain-head witness file"). */
  readonly witnessFolder?: string | undefined;
};

const continuedPattern = /^journal-continued-[0-9TZ-]+\.sqlite3$/;

function timeStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
}

function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the Journal screen says when no witness folder is set (docs/domain.md, "The chain-head witness file"). */
const desktopNoWitnessFolder = `${noWitnessFolderMessage} Set "witnessFolder" in the inventory file beside the app (breakglass.config.json) and restart the app, or write the head on the paper record.`;

export class JournalService {
  readonly #options: JournalServiceOptions;
  readonly #store: JournalStore | undefined;
  readonly #file: string;
  readonly #setAside: SetAsideJournal[];
  readonly #failure: ActionableError | undefined;

  private constructor(
    options: JournalServiceOptions,
    opened: { store?: JournalStore; file: string; setAside: SetAsideJournal[]; failure?: ActionableError },
  ) {
    this.#options = options;
    this.#store = opened.store;
    this.#file = opened.file;
    this.#setAside = opened.setAside;
    this.#failure = opened.failure;
  }

  static start(options: JournalServiceOptions): JournalService {
    const open = (file: string) =>
      JournalStore.open(file, {
        redaction: options.redaction,
        nativeBinding: options.nativeBinding,
        now: options.now,
        witnessFolder: options.witnessFolder,
      });
    const setAside: SetAsideJournal[] = [];
    // A journal refused because its disk takes no writes is not a bad file: should the continuation
    // fail the same way, that first failure is what the custodian is told.
    let mainWriteFailure: JournalWriteError | undefined;
    try {
      return new JournalService(options, { store: open(options.file), file: options.file, setAside });
    } catch (error) {
      if (!(error instanceof ActionableError)) throw error;
      if (error instanceof JournalWriteError) mainWriteFailure = error;
      setAside.push({ file: options.file, problem: error.message });
    }
    // The main file is set aside: continue in the newest usable continuation, or a new one.
    const dir = dirname(options.file);
    let continuations: string[] = [];
    try {
      continuations = readdirSync(dir)
        .filter((name) => continuedPattern.test(name))
        .sort()
        .reverse();
    } catch {
      // The folder cannot be listed; a new continuation is tried below and reports the problem.
    }
    for (const name of continuations) {
      const file = join(dir, name);
      const inspection = inspectJournalFile(file, { nativeBinding: options.nativeBinding });
      if (inspection.status === 'journal' || inspection.status === 'empty') {
        try {
          return new JournalService(options, { store: open(file), file, setAside });
        } catch (error) {
          setAside.push({ file, problem: problemOf(error) });
        }
      } else if (inspection.status !== 'missing') {
        setAside.push({ file, problem: inspection.message });
      }
    }
    const fresh = join(dir, `journal-continued-${timeStamp(options.now?.() ?? new Date())}.sqlite3`);
    try {
      return new JournalService(options, { store: open(fresh), file: fresh, setAside });
    } catch (error) {
      if (mainWriteFailure && error instanceof JournalWriteError) {
        return new JournalService(options, { file: options.file, setAside: setAside.slice(1), failure: mainWriteFailure });
      }
      const failure =
        error instanceof ActionableError
          ? error
          : new ActionableError(
              `No journal can be written in ${dir}: ${problemOf(error)}.`,
              'Check that the folder is writable, or start the app with another data folder.',
            );
      return new JournalService(options, { file: fresh, setAside, failure });
    }
  }

  /** The open store, or an ActionableError saying why there is none. */
  get store(): JournalStore {
    if (this.#store) return this.#store;
    throw this.#failure ?? new ActionableError('The journal is not open.', 'Restart the app.');
  }

  location(): JournalLocation {
    const store = this.#store;
    const replaced =
      this.#setAside.length > 0
        ? ` The journal ${basename(this.#setAside[0]?.file ?? '')} could not be used and is kept untouched beside it (see the Journal screen).`
        : '';
    if (!store) {
      return {
        file: this.#file,
        mode: this.#options.mode,
        state: 'unavailable',
        detail: `${this.#failure?.message ?? 'The journal cannot be opened.'} Keep a paper record until this is fixed.`,
      };
    }
    const head = store.head();
    return {
      file: this.#file,
      mode: this.#options.mode,
      state: this.#setAside.length > 0 ? 'continued' : 'ready',
      detail: (head.seq === 0 ? 'Ready; nothing recorded yet.' : `Ready; ${head.seq} entries, last ${head.hash.slice(0, 12)}…`) + replaced,
    };
  }

  overview(): JournalOverview {
    if (!this.#store) {
      return {
        state: 'unavailable',
        file: this.#file,
        problem: this.#failure?.message ?? 'The journal cannot be opened.',
        nextStep: this.#failure?.nextStep ?? 'Restart the app.',
        setAside: this.#setAside,
      };
    }
    const head = this.#store.head();
    return {
      state: 'ready',
      file: this.#file,
      entryCount: head.seq,
      head: head.hash,
      sessions: this.#store.sessions().map(sessionView).reverse(),
      setAside: this.#setAside,
      headWitness: this.headWitness(),
    };
  }

  /** Where the last close wrote the chain head, or the newest witness of this journal in the folder. */
  headWitness(): HeadWitnessStatus {
    const store = this.store;
    const folder = store.witnessFolder;
    if (!folder) return { state: 'not-set', message: desktopNoWitnessFolder };
    return store.lastHeadWitness() ?? lastHeadWitnessIn(folder, store.firstEntryHash());
  }

  sessionDetail(sessionId: string): JournalSessionDetail {
    const session = this.store.session(sessionId);
    if (!session) {
      throw new ActionableError(`There is no session ${sessionId} in this journal.`, 'Go back to the list of sessions and choose one.');
    }
    return { session: sessionView(session), entries: this.store.entries(sessionId).map(entryView) };
  }

  verify(): ChainStatus {
    return chainStatus(this.store.verify(), this.#now());
  }

  /** Writes the export beside the journal (on the safe's media in portable mode) and says where. */
  export(format: JournalExportFormat): JournalExportResult {
    const store = this.store;
    const exportedAt = this.#now().toISOString();
    const verdict = store.verify();
    const content = renderJournalExport(format, {
      file: this.#file,
      exportedAt,
      sessions: store.sessions(),
      entries: store.entries(),
      verdict,
    });
    const file = this.writeBeside(`journal-export-${timeStamp(new Date(exportedAt))}.${exportFileExtensions[format]}`, content);
    const head = store.head();
    return { file, format, entryCount: head.seq, head: head.hash };
  }

  /**
   * Writes a file beside the journal (on the safe's media in portable mode), never over an
   * existing one, and returns its path.
   */
  writeBeside(name: string, content: string): string {
    const file = join(dirname(this.#file), name);
    try {
      writeFileSync(file, content, { flag: 'wx' });
    } catch (error) {
      throw new ActionableError(
        `The file could not be written to ${file}: ${problemOf(error)}.`,
        'Check that the folder is writable and has space, then try again.',
      );
    }
    return file;
  }

  /** A note from the Journal screen: a short review session that holds it, opened and closed. */
  recordNote(input: RecordNoteInput): { readonly sessionId: string; readonly seq: number } {
    const store = this.store;
    const witness = input.witness ? { witness: input.witness } : {};
    const session = store.openSession({ kind: 'review', title: input.title, actor: input.actor, ...witness });
    const note = SessionWriter.forSession(store, session).append({ kind: 'note', summary: input.text, data: {} });
    store.closeSession(session.id, { actor: input.actor, ...witness });
    return { sessionId: session.id, seq: note.seq };
  }

  close(): void {
    this.#store?.close();
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

export function chainStatus(verdict: ChainVerdict, checkedAt: Date): ChainStatus {
  return verdict.intact
    ? { intact: true, count: verdict.count, head: verdict.head, checkedAt: checkedAt.toISOString() }
    : {
        intact: false,
        firstBadSeq: verdict.firstBadSeq,
        reason: verdict.reason,
        badEntries: verdict.badEntries.map(({ seq, reason }) => ({ seq, reason })),
        checkedAt: checkedAt.toISOString(),
      };
}

function sessionView(session: JournalSession): JournalSessionView {
  const { openedSeq: _openedSeq, ...view } = session;
  return view;
}

function entryView(entry: JournalEntry): JournalEntryView {
  const { sessionId: _sessionId, prevHash: _prevHash, ...view } = entry;
  return view;
}
