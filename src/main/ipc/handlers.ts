/**
 * The handler table: one main-process implementation per contract channel. The same table is
 * registered over Electron IPC (src/main/electron/ipc.ts) and served by the web host.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import type { HandlerTable } from '../../shared/ipc/contract.ts';
import type { AppServices } from '../services/app-services.ts';
import { appStatus } from '../services/app-setup.ts';
import { describeCapability } from '../services/capabilities.ts';
import { printedRunbook } from '../services/printed-runbook.ts';
import { recoveryActionView } from '../services/recovery-service.ts';
import { refusingInput } from './handler-failure.ts';

/**
 * A sign-in outside the runbook would replace the session the open incident or rotation acts
 * with, unrecorded in it (docs/domain.md, "Journal rules"): it is refused, and the way is the open
 * work's own sign-in.
 */
function refuseBesideOpenWork(incident: 'incident' | 'drill' | undefined, rotationOpen: boolean): void {
  if (incident)
    throw new ActionableError(
      `${incident === 'drill' ? 'A drill' : 'An incident'} is open: a sign-in from here would replace the ${incident}'s own sign-in.`,
      `Resume the ${incident} and sign in from its step (it records the sign-in in the ${incident}'s journal session).`,
    );
  if (rotationOpen)
    throw new ActionableError(
      'A rotation is open: a sign-in from here would replace the session the rotation acts with.',
      'Resume the rotation (Rotate credentials on the home screen) and sign in from its step.',
    );
}

export function createHandlers(services: AppServices): HandlerTable {
  const { setup, journal, signIn, readiness, incident, recovery, rotation, settings } = services;
  // The incident's custodian makes the recovery actions (the incident's own steps default to them too).
  const custodian = () => incident.current()?.session.openedBy ?? '';
  // The rotation's custodian checks and closes it (its steps default to them too).
  const rotator = () => rotation.current()?.openedBy ?? '';
  return {
    'app:status': () => appStatus(setup, journal.location(), incident.openStatus()),
    'app:describeCapability': ({ id }) => describeCapability(id),
    'journal:overview': () => journal.overview(),
    'journal:session': ({ sessionId }) => journal.sessionDetail(sessionId),
    'journal:verify': () => journal.verify(),
    'journal:export': ({ format }) => journal.export(format),
    'journal:recordNote': (note) => journal.recordNote(note),
    'signIn:options': () => signIn.options(),
    'signIn:start': ({ reason, request }) => {
      refuseBesideOpenWork(incident.openStatus()?.kind, rotation.current() !== undefined);
      return signIn.start(request, { reason });
    },
    'signIn:progress': ({ attemptId }) => signIn.progress(attemptId),
    'signIn:signOut': ({ actor }) => signIn.signOut(actor),
    'readiness:options': () => readiness.options(),
    'readiness:start': (input) => readiness.start(input),
    'readiness:progress': ({ runId }) => readiness.progress(runId),
    'readiness:run': ({ sessionId }) => readiness.runFromJournal(sessionId),
    'readiness:export': ({ sessionId, format }) => readiness.exportRun(sessionId, format),
    'readiness:toolExport': ({ kind }) => readiness.exportForTools(kind),
    'incident:state': () => incident.view(),
    // Each incident call reads the open incident once; the state it leaves is what the answer shows.
    'incident:open': (input) => incident.view({ current: incident.open(input) }),
    'incident:show': ({ step }) => incident.view({ current: incident.show(step) }),
    'incident:acknowledge': ({ step, data }) => incident.view({ current: incident.acknowledge(step, data) }),
    'incident:signIn': (request) => incident.signIn(request),
    'incident:note': ({ text }) => incident.view({ current: incident.note(text) }),
    'incident:close': (closure) => incident.view({ justClosed: incident.close(closure) }),
    'recovery:policies': () => recovery.policies(),
    'recovery:policy': ({ policyId }) => recovery.policy(policyId),
    'recovery:blockedSignIn': () => recovery.blockedSignIn(incident.current()?.position.failedAttempts ?? []),
    'recovery:preview': async (input) =>
      recoveryActionView(
        input.kind === 'report-only'
          ? await recovery.previewReportOnly(input.policyId)
          : input.kind === 'add-exclusion'
            ? await recovery.previewAddExclusion(input.policyId)
            : await recovery.previewRoleAssignment(input.user, input.roleId),
      ),
    'recovery:apply': async ({ actionId }) => recoveryActionView(await recovery.apply(actionId, custodian())),
    'recovery:undo': async ({ actionId }) => recoveryActionView(await recovery.undo(actionId, custodian())),
    'rotation:state': () => rotation.view(),
    // A rotation call reads the rotation once and answers with the state it left; a step that
    // waited on the tenant answers with the journal as it is after the wait.
    'rotation:begin': (input) => rotation.view({ current: rotation.begin(input) }),
    'rotation:signIn': (request) => rotation.signIn(request),
    'rotation:saveCertificate': (input) => rotation.view({ current: rotation.saveCertificate(input) }),
    'rotation:reopenCertificate': ({ passphrase }) => rotation.view({ current: rotation.reopenCertificate(passphrase) }),
    'rotation:continue': async () => {
      await rotation.continueStep();
      return rotation.view();
    },
    'rotation:newPassword': ({ account }) => rotation.newPassword(account),
    'rotation:setPassword': async ({ account }) => {
      await rotation.setPassword(account);
      return rotation.view();
    },
    'rotation:methods': ({ account }) => rotation.methods(account),
    'rotation:reviewMethods': async ({ account, remove }) => {
      await rotation.reviewMethods(account, remove);
      return rotation.view();
    },
    'rotation:certificateReplaced': async ({ account, ...input }) =>
      rotation.view({ current: await rotation.certificateReplaced(account, input, rotator()) }),
    'rotation:keyReturned': ({ account, keyUsed, returned }) =>
      rotation.view({ current: rotation.keyReturned(account, { keyUsed, returned }) }),
    'rotation:checklist': ({ item, doneBy }) => rotation.view({ current: rotation.checklist(item, doneBy) }),
    'rotation:verify': ({ passphrase }) => rotation.verify(rotator(), passphrase),
    'rotation:recordVerification': ({ checkSessionId }) =>
      rotation.view({ justClosed: rotation.recordVerification(checkSessionId, rotator()).sessionId }),
    'rotation:abandon': ({ reason }) => rotation.view({ justClosed: rotation.abandon(reason, rotator()).sessionId }),
    'settings:runbook': () => settings.runbook(),
    'settings:saveRunbook': ({ content }) => {
      // Without a place for the file the refusal is about the app run, so it is asked first; what
      // Settings refuses after that is the content not fitting the runbook format (422, not 409).
      settings.runbook();
      return refusingInput(() => settings.saveRunbook(content));
    },
    'settings:printedRunbook': () => printedRunbook(settings, services.tenant),
  };
}
