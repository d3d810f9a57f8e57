/**
 * The handler table: one main-process implementation per contract channel. The same table is
 * registered over Electron IPC (src/main/electron/ipc.ts) and served by the web host.
 */
import type { HandlerTable } from '../../shared/ipc/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { appStatus } from '../services/app-setup.ts';
import { describeCapability } from '../services/capabilities.ts';
import { recoveryActionView } from '../services/recovery-service.ts';

export function createHandlers(services: AppServices): HandlerTable {
  const { setup, journal, signIn, readiness, incident, recovery, rotation, settings } = services;
  // The incident's custodian acts unless a screen names someone else.
  const custodian = () => incident.current()?.session.openedBy ?? '';
  // The rotation's custodian acts on the rotation screen.
  const rotator = () => rotation.current()?.openedBy ?? '';
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
    'readiness:options': () => readiness.options(),
    'readiness:start': (input) => readiness.start(input),
    'readiness:progress': ({ runId }) => readiness.progress(runId),
    'readiness:run': ({ sessionId }) => readiness.runFromJournal(sessionId),
    'readiness:export': ({ sessionId, format }) => readiness.exportRun(sessionId, format),
    'readiness:toolExport': ({ kind }) => readiness.exportForTools(kind),
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
    'rotation:state': () => rotation.view(),
    'rotation:begin': (input) => {
      rotation.begin(input);
      return rotation.view();
    },
    'rotation:signIn': (request) => rotation.signIn(request),
    'rotation:saveCertificate': (input) => {
      rotation.saveCertificate(input, rotator());
      return rotation.view();
    },
    'rotation:reopenCertificate': ({ passphrase }) => {
      rotation.reopenCertificate(passphrase, rotator());
      return rotation.view();
    },
    'rotation:continue': async () => {
      await rotation.continueStep(rotator());
      return rotation.view();
    },
    'rotation:newPassword': ({ account }) => rotation.newPassword(account),
    'rotation:setPassword': async ({ account }) => {
      await rotation.setPassword(account, rotator());
      return rotation.view();
    },
    'rotation:methods': ({ account }) => rotation.methods(account),
    'rotation:reviewMethods': async ({ account, remove }) => {
      await rotation.reviewMethods(account, remove, rotator());
      return rotation.view();
    },
    'rotation:keyReturned': ({ account, keyUsed, returned }) => {
      rotation.keyReturned(account, { keyUsed, returned }, rotator());
      return rotation.view();
    },
    'rotation:checklist': ({ item, doneBy }) => {
      rotation.checklist(item, doneBy, rotator());
      return rotation.view();
    },
    'rotation:verify': ({ passphrase }) => rotation.verify(rotator(), passphrase),
    'rotation:recordVerification': ({ checkSessionId }) => rotation.view({ justClosed: rotation.recordVerification(checkSessionId, rotator()).sessionId }),
    'rotation:abandon': ({ reason }) => rotation.view({ justClosed: rotation.abandon(reason, rotator()).sessionId }),
    'settings:runbook': () => settings.runbook(),
    'settings:saveRunbook': ({ content }) => settings.saveRunbook(content),
  };
}
