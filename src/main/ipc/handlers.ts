/**
 * The handler table: one main-process implementation per contract channel. The same table is
 * registered over Electron IPC (src/main/electron/ipc.ts) and served by the web host.
 */
import type { HandlerTable } from '../../shared/ipc/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { appStatus } from '../services/app-status.ts';
import { describeCapability } from '../services/capabilities.ts';

export function createHandlers(services: AppServices): HandlerTable {
  const { setup, journal, signIn, readiness } = services;
  return {
    'app:status': () => appStatus(setup, journal.location()),
    'app:describeCapability': ({ id }) => describeCapability(id),
    'journal:overview': () => journal.overview(),
    'journal:session': ({ sessionId }) => journal.sessionDetail(sessionId),
    'journal:verify': () => journal.verify(),
    'journal:export': ({ format }) => journal.export(format),
    'journal:recordNote': (note) => journal.recordNote(note),
    'signIn:options': () => signIn.options(),
    'signIn:start': (request) => signIn.start(request),
    'signIn:progress': ({ attemptId }) => signIn.progress(attemptId),
    'signIn:signOut': ({ actor }) => signIn.signOut(actor),
    'checks:options': () => readiness.options(),
    'checks:start': (input) => readiness.start(input),
    'checks:progress': ({ runId }) => readiness.progress(runId),
    'checks:run': ({ sessionId }) => readiness.runFromJournal(sessionId),
    'checks:export': ({ sessionId, format }) => readiness.exportRun(sessionId, format),
    'checks:toolExport': ({ kind }) => readiness.exportForTools(kind),
  };
}
