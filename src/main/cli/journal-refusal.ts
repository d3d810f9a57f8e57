/**
 * Next steps for a journal file the command line cannot use, worded for the command that met it
 * (docs/domain.md, "The `breakglass` command"): a journal given to `check --journal` is one to
 * record in, one given to `journal verify` or `export` is one to read. The desktop app words its
 * own (it sets such a file aside and continues beside it, docs/domain.md, "The journal file").
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import { JournalFileRefusedError, type ProblemStatus } from '../journal/inspect.ts';

export type JournalUse = 'record' | 'read';

function nextStepFor(status: ProblemStatus, file: string, use: JournalUse): string | undefined {
  if (use === 'record') {
    switch (status) {
      case 'newer-version':
        return `Run the check with the newer version of breakglass, or give --journal a new file name (keep ${file}: it is the record of what was done).`;
      case 'not-a-journal':
        return 'Check the path: give --journal the journal file of this app, or a new file name.';
      case 'corrupt':
        return `Keep ${file} as it is (see what can still be read: breakglass journal verify ${file}), and give --journal a new file name to record this check.`;
      default:
        return undefined;
    }
  }
  switch (status) {
    case 'newer-version':
      return 'Read it with the newer version of breakglass; the file was not changed.';
    case 'not-a-journal':
      return 'Check the path: give the journal file of this app (journal.sqlite3 in its data folder).';
    case 'corrupt':
      return 'Keep the file as it is: it is evidence. Verify a copy kept elsewhere, if there is one, and compare its chain head with the paper record.';
    default:
      return undefined;
  }
}

/** Runs `open`; a refused journal file comes back with the next step that fits this command. */
export function withCliJournalSteps<T>(use: JournalUse, open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (!(error instanceof JournalFileRefusedError)) throw error;
    const nextStep = nextStepFor(error.status, error.file, use);
    throw nextStep ? new ActionableError(error.message, nextStep, { cause: error }) : error;
  }
}
