/**
 * The handler table: one main-process implementation per contract channel. The same table is
 * registered over Electron IPC (src/main/electron/ipc.ts) and served by the web host.
 */
import type { HandlerTable } from '../../shared/ipc/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { appStatus } from '../services/app-status.ts';
import { describeCapability } from '../services/capabilities.ts';
import { recoveryActionView } from '../services/recovery-service.ts';

export function createHandlers(services: AppServices): HandlerTable {
  const { setup, journal, signIn, readiness, incident, recovery } = services;
  // The incident's custodian acts unless a screen names someone else.
  const custodian = () => incident.current()?.session.openedBy ?? '';
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
    'incident:state': () => incident.view(),
    'incident:open': (input) => {
      incident.open(input);
      return incident.view();
    },
    'incident:show': ({ step }) => {
      incident.show(step, custodian());
      return incident.view();
    },
    'incident:acknowledge': ({ step, data }) => {
      incident.acknowledge(step, data, custodian());
      return incident.view();
    },
    'incident:signIn': (request) => incident.signIn(request),
    'incident:note': ({ text }) => {
      incident.note(text, custodian());
      return incident.view();
    },
    'incident:close': (closure) => {
      const closed = incident.close(closure, custodian());
      return incident.view({ justClosed: closed.session.id });
    },
    'recovery:policies': () => recovery.policies(),
    'recovery:preview': async (input) =>
      recoveryActionView(
        input.kind === 'report-only' ? await recovery.previewReportOnly(input.policyId) : input.kind === 'add-exclusion' ? await recovery.previewAddExclusion(input.policyId) : await recovery.previewRoleAssignment(input.user, input.roleId),
      ),
    'recovery:apply': async ({ actionId }) => recoveryActionView(await recovery.apply(actionId, custodian())),
    'recovery:undo': async ({ actionId }) => recoveryActionView(await recovery.undo(actionId, custodian())),
    'settings:runbook': () => incident.runbookSettings(),
    'settings:saveRunbook': ({ content }) => incident.saveRunbook(content),
  };
}
