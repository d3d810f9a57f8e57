/**
 * Rotation after use as a resumable state machine (docs/domain.md, "Rotation after use"). Like the
 * incident runbook, where a rotation stands is kept nowhere but the journal: one session of kind
 * `rotation`, whose steps are folded from its entries.
 *
 * - The plan (which accounts, whether the app, since when) is fixed when the session opens and
 *   read back from its `session-opened` details, so the steps are the same after a restart.
 * - Steps run in one order: the app first (certificate saved to the safe's media, added, proven,
 *   old keys removed, client secrets removed), then each account (new password, sessions revoked,
 *   methods reviewed, a new certificate bound where the account's certificate left the safe, the
 *   physical key back in the safe), then the manual checklist, then the
 *   readiness check that closes the session.
 * - Every automatic step writes a `rotation-step` entry with phase `intent` before it acts and
 *   `done` or `failed` after. An intent with no outcome is a step that was cut off (the process
 *   killed, the network gone): the step is current again and is redone from what the tenant
 *   says now (the service reads before it writes), never assumed done.
 * - The invariant – at every moment at least one break-glass credential works – is kept by the
 *   order: the old certificate is removed only after `app-new-key-proven` is done, and the
 *   accounts' FIDO2 keys in the safe are never touched (only keys registered during the incident
 *   may be removed, on confirmation).
 *
 * Nothing secret is ever in these entries: the new password is never recorded (only that one was
 * set, and by whom), nor the private key or the PFX passphrase (only the thumbprint, expiry and
 * where the PFX was saved).
 */
import type { JournalEntry, JournalSession, JsonObject } from '../journal/model.ts';

export const checklistItems = {
  'safe-combination': 'Change the safe’s combination',
  envelopes: 'Re-seal the envelopes with the new passwords and passphrase',
  custodians: 'Review the custodian list',
} as const;
export type ChecklistItem = keyof typeof checklistItems;

export type RotationStepKind =
  | 'app-certificate-saved'
  | 'app-key-added'
  | 'app-new-key-proven'
  | 'app-old-keys-removed'
  | 'app-secrets-removed'
  | 'account-password'
  | 'account-sessions-revoked'
  | 'account-methods-reviewed'
  | 'account-certificate-replaced'
  | 'account-key-returned'
  | 'checklist'
  | 'readiness';

/** Steps the app performs on its own once the custodian says go (no input beyond "continue"). */
export const automaticStepKinds: readonly RotationStepKind[] = [
  'app-key-added',
  'app-new-key-proven',
  'app-old-keys-removed',
  'app-secrets-removed',
  'account-sessions-revoked',
];

export type RotationPlan = {
  /** `certificate`: the account's own certificate (a smart card or a file) left the safe too. */
  readonly accounts: readonly { readonly userPrincipalName: string; readonly id?: string; readonly certificate?: true }[];
  readonly app?: { readonly appId: string; readonly objectId?: string; readonly name: string };
  /** Methods registered at or after this instant are flagged for removal (the incident's opening). */
  readonly since?: string;
  /** Why each credential is rotated: the sessions in which it was used. */
  readonly reasons: readonly string[];
};

export type RotationStep = {
  /** Stable within a session: `app-key-added`, `account-password:bg1@…`, `checklist:envelopes`. */
  readonly id: string;
  readonly kind: RotationStepKind;
  readonly account?: string;
  readonly item?: ChecklistItem;
  /** What the step is about (the app's name, the account, the safe), and the step on its own. */
  readonly subject: string;
  readonly label: string;
  /** `subject: label`, for the journal and headings. */
  readonly title: string;
};

export type RotationStepStatus = 'pending' | 'interrupted' | 'failed' | 'done';

export type RotationStepRecord = {
  readonly step: RotationStep;
  readonly status: RotationStepStatus;
  /** When and by whom it was done (or last tried). */
  readonly at?: string;
  readonly by?: string;
  readonly summary?: string;
  /** What the `done` entry recorded (thumbprints, key ids, counts, who did a checklist item). */
  readonly facts?: JsonObject;
  /** What the last `intent` entry recorded (for a step cut off, what it was about to do). */
  readonly intent?: JsonObject;
  readonly problem?: string;
  readonly requestIds?: readonly string[];
};

export type RotationPosition = {
  readonly sessionId: string;
  readonly plan: RotationPlan;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly witness?: string;
  readonly steps: readonly RotationStepRecord[];
  /** The first step not done; undefined when every step is done. */
  readonly current?: RotationStepRecord;
  readonly closed?: { readonly at: string; readonly by: string; readonly details: JsonObject };
  /** Entries that do not fit the plan (unknown step, out of order); the journal is never refused. */
  readonly irregularities: readonly string[];
};

const appSteps: readonly [RotationStepKind, string][] = [
  ['app-certificate-saved', 'New certificate made and saved to the safe’s media'],
  ['app-key-added', 'New certificate added to the app'],
  ['app-new-key-proven', 'New certificate proven: the app signs in with it'],
  ['app-old-keys-removed', 'Old certificate removed'],
  ['app-secrets-removed', 'Client secrets removed'],
];
const accountSteps: readonly [RotationStepKind, string][] = [
  ['account-password', 'New password set (shown once, for the envelope)'],
  ['account-sessions-revoked', 'Sign-in sessions revoked'],
  ['account-methods-reviewed', 'Registered methods reviewed'],
  ['account-certificate-replaced', 'New certificate issued and bound to the account'],
  ['account-key-returned', 'Security key back in the safe'],
];

export function rotationSteps(plan: RotationPlan): RotationStep[] {
  const steps: RotationStep[] = [];
  if (plan.app) {
    const subject = plan.app.name;
    for (const [kind, label] of appSteps) steps.push({ id: kind, kind, subject, label, title: `${subject}: ${label}` });
  }
  for (const account of plan.accounts) {
    const upn = account.userPrincipalName;
    for (const [kind, label] of accountSteps)
      // The certificate step only for an account whose certificate left the safe (docs/domain.md, "Rotation after use").
      if (kind !== 'account-certificate-replaced' || account.certificate)
        steps.push({ id: `${kind}:${upn}`, kind, account: upn, subject: upn, label, title: `${upn}: ${label}` });
  }
  for (const [item, label] of Object.entries(checklistItems) as [ChecklistItem, string][])
    steps.push({ id: `checklist:${item}`, kind: 'checklist', item, subject: 'The safe and the custodians', label, title: label });
  steps.push({
    id: 'readiness',
    kind: 'readiness',
    subject: 'Re-verification',
    label: 'Readiness check of the whole setup',
    title: 'Readiness check of the whole setup',
  });
  return steps;
}

/** The plan as the session's opening recorded it. */
export function readPlan(details: JsonObject | undefined): RotationPlan | undefined {
  if (!details || details['runbook'] !== 'rotation') return undefined;
  const accounts = Array.isArray(details['accounts'])
    ? details['accounts'].flatMap((a) =>
        a && typeof a === 'object' && !Array.isArray(a) && typeof a['userPrincipalName'] === 'string'
          ? [
              {
                userPrincipalName: a['userPrincipalName'],
                ...(typeof a['id'] === 'string' ? { id: a['id'] } : {}),
                ...(a['certificate'] === true ? { certificate: true as const } : {}),
              },
            ]
          : [],
      )
    : [];
  const app = details['app'];
  const appPlan =
    app && typeof app === 'object' && !Array.isArray(app) && typeof app['appId'] === 'string'
      ? {
          appId: app['appId'],
          name: typeof app['name'] === 'string' ? app['name'] : `App ${app['appId']}`,
          ...(typeof app['objectId'] === 'string' ? { objectId: app['objectId'] } : {}),
        }
      : undefined;
  const reasons = Array.isArray(details['reasons']) ? details['reasons'].filter((r): r is string => typeof r === 'string') : [];
  return {
    accounts,
    ...(appPlan ? { app: appPlan } : {}),
    ...(typeof details['since'] === 'string' ? { since: details['since'] } : {}),
    reasons,
  };
}

/** The `details` a rotation session opens with. */
export function planDetails(plan: RotationPlan): JsonObject {
  return {
    runbook: 'rotation',
    accounts: plan.accounts.map((a) => ({
      userPrincipalName: a.userPrincipalName,
      ...(a.id ? { id: a.id } : {}),
      ...(a.certificate ? { certificate: true } : {}),
    })),
    ...(plan.app
      ? { app: { appId: plan.app.appId, name: plan.app.name, ...(plan.app.objectId ? { objectId: plan.app.objectId } : {}) } }
      : {}),
    ...(plan.since ? { since: plan.since } : {}),
    reasons: [...plan.reasons],
  };
}

export type RotationPhase = 'intent' | 'done' | 'failed';
export type RotationEntryDraft = {
  kind: 'rotation-step' | 'checklist-item';
  stepId: string;
  summary: string;
  data: JsonObject;
  graphRequestIds?: string[];
};

export function rotationEntry(
  step: RotationStep,
  phase: RotationPhase,
  summary: string,
  facts: JsonObject = {},
  requestIds: readonly string[] = [],
): RotationEntryDraft {
  return {
    kind: step.kind === 'checklist' ? 'checklist-item' : 'rotation-step',
    stepId: step.id,
    summary,
    data: { ...facts, phase, step: step.kind, ...(step.account ? { account: step.account } : {}) },
    ...(requestIds.length > 0 ? { graphRequestIds: [...requestIds] } : {}),
  };
}

export function rotationPosition(session: JournalSession, entries: readonly JournalEntry[]): RotationPosition | undefined {
  const own = entries.filter((e) => e.sessionId === session.id);
  const opened = own.find((e) => e.kind === 'session-opened');
  const plan = readPlan((opened?.data['details'] ?? undefined) as JsonObject | undefined);
  if (!plan) return undefined;
  const steps = rotationSteps(plan);
  const records = new Map<string, RotationStepRecord>(steps.map((s) => [s.id, { step: s, status: 'pending' }]));
  const irregularities: string[] = [];
  let closed: RotationPosition['closed'];
  for (const entry of own) {
    if (entry.kind === 'session-closed') {
      closed = { at: entry.at, by: entry.actor, details: (entry.data['details'] ?? {}) as JsonObject };
      continue;
    }
    if (entry.kind !== 'rotation-step' && entry.kind !== 'checklist-item') continue;
    const record = entry.stepId ? records.get(entry.stepId) : undefined;
    if (!record) {
      irregularities.push(`Entry ${entry.seq} names a step this rotation does not have (${entry.stepId ?? 'none'}).`);
      continue;
    }
    const { phase, step: _kind, account: _account, ...facts } = entry.data;
    const index = steps.indexOf(record.step);
    const earlierOpen = steps.slice(0, index).find((s) => records.get(s.id)!.status !== 'done');
    if (earlierOpen && phase === 'done')
      irregularities.push(`Entry ${entry.seq} completes "${record.step.title}" before "${earlierOpen.title}".`);
    const base = { step: record.step, at: entry.at, by: entry.actor, summary: entry.summary };
    if (phase === 'intent') records.set(record.step.id, { ...base, status: 'interrupted', intent: facts });
    else if (phase === 'done')
      records.set(record.step.id, {
        ...base,
        status: 'done',
        facts,
        ...(record.intent ? { intent: record.intent } : {}),
        ...(entry.graphRequestIds ? { requestIds: entry.graphRequestIds } : {}),
      });
    else if (phase === 'failed')
      records.set(record.step.id, {
        ...base,
        status: 'failed',
        ...(record.intent ? { intent: record.intent } : {}),
        problem: typeof facts['problem'] === 'string' ? facts['problem'] : entry.summary,
      });
    else irregularities.push(`Entry ${entry.seq} has no phase.`);
  }
  const list = steps.map((s) => records.get(s.id)!);
  const current = list.find((r) => r.status !== 'done');
  return {
    sessionId: session.id,
    plan,
    openedAt: session.openedAt,
    openedBy: session.openedBy,
    ...(session.witness ? { witness: session.witness } : {}),
    steps: list,
    ...(current ? { current } : {}),
    ...(closed ? { closed } : {}),
    irregularities,
  };
}

/** A done step's recorded facts, for later steps (the new thumbprint, where the PFX went). */
export function doneFacts(position: RotationPosition, stepId: string): JsonObject | undefined {
  const record = position.steps.find((r) => r.step.id === stepId);
  return record?.status === 'done' ? record.facts : undefined;
}
