/**
 * The rotation as the screens see it, folded from the journal (docs/domain.md, "Rotation after
 * use"), as the incident's view is in incident-view.ts: what should be rotated and why, and the
 * open (or just closed) rotation with its steps and what the current one waits for.
 */
import { rotationCandidates } from '../../../core/runbooks/rotation-candidates.ts';
import { doneFacts, type RotationPosition, type RotationStepRecord } from '../../../core/runbooks/rotation-flow.ts';
import type { Inventory } from '../../../shared/inventory.ts';
import type { ActiveRotationView, RotationStepView, RotationVerdict, RotationView } from '../../../shared/model/rotation.ts';
import type { SessionFacts } from '../../entra/tenant-session.ts';
import type { JournalStore } from '../../journal/store.ts';
import { isOwnSession, ownSessionProblem } from './rotation-guards.ts';

/** What the view needs beyond the journal: the app run's memory and the tenant's names. */
export type RotationViewContext = {
  readonly signedIn: SessionFacts | undefined;
  /** Whether the new certificate of this rotation is open in this app run. */
  readonly certificateOpen: (sessionId: string) => boolean;
  readonly working: { sessionId: string; stepId: string; message: string } | undefined;
  readonly passwordWaiting: (sessionId: string, account: string | undefined) => boolean;
  readonly otherCredentials: (account: string) => { accounts: string[]; app?: string };
  readonly suggestedFolder: string;
  readonly suggestedFileName: (position: RotationPosition, folder: string) => string;
};

/** Every credential of the inventory, with why it should be rotated (suggested when it was used since the last rotation). */
export function candidatesView(store: JournalStore, inventory: Inventory, appName: (appId: string) => string): RotationView['candidates'] {
  const found = rotationCandidates(store.sessions(), (id) => store.entries(id), inventory);
  const app = inventory.app;
  return {
    accounts: inventory.accounts.map((a) => {
      const use = found.accounts.get(a.userPrincipalName);
      return {
        userPrincipalName: a.userPrincipalName,
        reasons: use?.reasons ?? ['Not used since the last rotation; rotate it if its envelope or key left the safe.'],
        suggested: use !== undefined,
      };
    }),
    ...(app
      ? {
          app: {
            appId: app.appId,
            name: appName(app.appId),
            reasons: found.app?.reasons ?? ['Not used since the last rotation; rotate it if its certificate left the safe.'],
            suggested: found.app !== undefined,
          },
        }
      : {}),
    ...(found.since ? { since: found.since } : {}),
  };
}

function stepView(r: RotationStepRecord): RotationStepView {
  return {
    id: r.step.id,
    kind: r.step.kind,
    ...(r.step.account ? { account: r.step.account } : {}),
    ...(r.step.item ? { item: r.step.item } : {}),
    subject: r.step.subject,
    label: r.step.label,
    title: r.step.title,
    status: r.status,
    ...(r.at ? { at: r.at } : {}),
    ...(r.by ? { by: r.by } : {}),
    ...(r.summary ? { summary: r.summary } : {}),
    ...(r.problem ? { problem: r.problem } : {}),
    ...(r.facts ? { facts: r.facts } : {}),
    ...(r.requestIds ? { requestIds: [...r.requestIds] } : {}),
  };
}

export function activeRotationView(position: RotationPosition, context: RotationViewContext): ActiveRotationView {
  const saved = doneFacts(position, 'app-certificate-saved');
  const needsCertificate =
    saved &&
    typeof saved['path'] === 'string' &&
    !context.certificateOpen(position.sessionId) &&
    position.current &&
    ['app-key-added', 'app-new-key-proven', 'app-old-keys-removed'].includes(position.current.step.kind);
  const current = position.current;
  const closedDetails = position.closed?.details ?? {};
  const accountStep =
    current && ['account-password', 'account-sessions-revoked', 'account-methods-reviewed'].includes(current.step.kind)
      ? position.plan.accounts.find((a) => a.userPrincipalName === current.step.account)
      : undefined;
  const ownSession =
    accountStep && isOwnSession(context.signedIn, accountStep)
      ? {
          account: accountStep.userPrincipalName,
          ...ownSessionProblem(accountStep.userPrincipalName, context.otherCredentials(accountStep.userPrincipalName)),
        }
      : undefined;
  const verdictFacts = doneFacts(position, 'readiness') as RotationVerdict | undefined;
  return {
    sessionId: position.sessionId,
    openedAt: position.openedAt,
    openedBy: position.openedBy,
    ...(position.witness ? { witness: position.witness } : {}),
    accounts: position.plan.accounts.map((a) => a.userPrincipalName),
    ...(position.plan.app ? { app: { appId: position.plan.app.appId, name: position.plan.app.name } } : {}),
    ...(position.plan.since ? { since: position.plan.since } : {}),
    reasons: [...position.plan.reasons],
    steps: position.steps.map(stepView),
    ...(current ? { current: stepView(current) } : {}),
    ...(needsCertificate ? { reopenCertificate: { path: String(saved['path']), thumbprint: String(saved['thumbprint']) } } : {}),
    ...(context.working?.sessionId === position.sessionId
      ? { working: { stepId: context.working.stepId, message: context.working.message } }
      : {}),
    ...(ownSession ? { ownSession } : {}),
    passwordWaiting: current?.step.kind === 'account-password' && context.passwordWaiting(position.sessionId, current.step.account),
    suggestedFolder: context.suggestedFolder,
    suggestedFileName: context.suggestedFileName(position, context.suggestedFolder),
    irregularities: [...position.irregularities],
    ...(position.closed
      ? {
          closed: {
            at: position.closed.at,
            by: position.closed.by,
            ...(typeof closedDetails['abandoned'] === 'string' ? { abandoned: closedDetails['abandoned'] } : {}),
            ...(verdictFacts && typeof verdictFacts.checkSessionId === 'string'
              ? {
                  verdict: {
                    checkSessionId: verdictFacts.checkSessionId,
                    verdict: verdictFacts.verdict,
                    sound: verdictFacts.sound,
                    summary: verdictFacts.summary,
                    failing: verdictFacts.failing,
                    warnings: verdictFacts.warnings ?? [],
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
