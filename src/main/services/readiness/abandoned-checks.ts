/**
 * A `check` session belongs to one readiness run in one process. A run whose journal could not be
 * written (a full or read-only disk) or that was stopped leaves its session open; the next run on
 * the same computer closes it with a note saying so and how many results it holds, once the journal
 * can be written again (docs/domain.md, "Journal rules"). A session whose process still runs, or
 * that was opened on another computer, is never closed here: that run may still be writing to it.
 */
import { hostname } from 'node:os';

import type { JournalSession, JsonObject } from '../../../core/journal/model.ts';
import type { JournalStore } from '../../journal/store.ts';

/** Who runs a check, recorded in its `session-opened` entry so a later run can tell it ended. */
export type CheckProcess = { readonly host: string; readonly pid: number };

export function thisProcess(): CheckProcess {
  return { host: hostname(), pid: process.pid };
}

/** Whether process `pid` on this computer still runs (EPERM: it runs, under another account). */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function recordedProcess(data: JsonObject | undefined): CheckProcess | undefined {
  const details = data?.['details'];
  if (!details || typeof details !== 'object' || Array.isArray(details)) return undefined;
  const recorded = (details as JsonObject)['process'];
  if (!recorded || typeof recorded !== 'object' || Array.isArray(recorded)) return undefined;
  const { host, pid } = recorded as JsonObject;
  return typeof host === 'string' && typeof pid === 'number' ? { host, pid } : undefined;
}

/** Closes every check session left open by a run that has ended; returns the sessions it closed. */
export function closeAbandonedCheckSessions(
  store: JournalStore,
  actor: string,
  isRunning: (pid: number) => boolean = processIsRunning,
): JournalSession[] {
  const here = hostname();
  const closed: JournalSession[] = [];
  for (const session of store.sessions()) {
    if (session.kind !== 'check' || session.closedAt) continue;
    const entries = store.entries(session.id);
    const opener = recordedProcess(entries[0]?.data);
    // Opened by an older version (no process recorded), elsewhere, or still running: left as it is.
    if (!opener || opener.host !== here || opener.pid === process.pid || isRunning(opener.pid)) continue;
    const checkResults = entries.filter((entry) => entry.kind === 'check-result').length;
    closed.push(
      store.closeSession(session.id, {
        actor,
        details: {
          unfinished: {
            reason:
              'The run that opened this check session ended before closing it: its journal could not be written (a full or ' +
              'read-only disk) or it was stopped. Only the results recorded above are in the journal; its printed report may hold more.',
            checkResults,
            lastEntrySeq: entries.at(-1)?.seq ?? session.openedSeq,
            closedByProcess: { ...thisProcess() },
          },
        },
      }),
    );
  }
  return closed;
}
