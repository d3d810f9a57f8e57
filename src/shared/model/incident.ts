/**
 * What the incident screens see: the runbook (texts and the organisation's details), the open
 * incident's position as folded from the journal, and the recovery actions. Acknowledgement data
 * is checked by the main process against the runbook's schemas; nothing secret crosses here.
 */
import { z } from 'zod';

import { RunbookContent, RunbookScenarioId, runbookStepIds, type RunbookStepId } from './runbook.ts';

export const IncidentStepId = z.enum(runbookStepIds);
export type IncidentStepId = z.infer<typeof IncidentStepId>;

/**
 * Steps the custodian finishes by acknowledging them. The others are finished by other entries:
 * 'open-incident' by `session-opened`, 'sign-in' by a successful `sign-in-result`,
 * 'close-incident' by `session-closed`.
 */
export const acknowledgedStepIds = [
  'notify-security-operations',
  'record-safe-opened',
  'choose-path',
  'confirm-access',
  'recovery-actions',
] as const satisfies readonly RunbookStepId[];
export const AcknowledgedStepId = z.enum(acknowledgedStepIds);
export type AcknowledgedStepId = z.infer<typeof AcknowledgedStepId>;

const Text = z.string().trim().min(1).max(2000);

export const OpenIncidentInput = z
  .object({
    custodian: Text.max(200),
    witness: z.string().trim().max(200).optional(),
    scenario: RunbookScenarioId,
    reference: z.string().trim().max(200).optional(),
    description: z.string().trim().max(4000).optional(),
  })
  .strict();

export const RecoveryActionView = z
  .object({
    actionId: z.string().optional(),
    kind: z.string(),
    title: z.string(),
    changes: z.array(z.string()),
    status: z.enum(['previewed', 'about-to', 'done', 'failed', 'undone']),
    requestIds: z.array(z.string()),
    undoDescription: z.string().optional(),
    problem: z.string().optional(),
    /** What reading the tenant showed when Graph did not answer the change ("it is report-only now"). */
    note: z.string().optional(),
  })
  .strict();
export type RecoveryActionView = z.infer<typeof RecoveryActionView>;

export const ActiveIncidentView = z
  .object({
    sessionId: z.string(),
    kind: z.enum(['incident', 'drill']),
    title: z.string(),
    step: IncidentStepId,
    resumeReason: z.string().optional(),
    openedAt: z.string(),
    openedBy: z.string(),
    witness: z.string().optional(),
    scenario: z.string().optional(),
    reference: z.string().optional(),
    completed: z.array(
      z.object({ step: IncidentStepId, status: z.enum(['done', 'skipped']), at: z.string(), by: z.string(), summary: z.string() }).strict(),
    ),
    chosenPath: z
      .object({ path: z.enum(['security-key', 'certificate']), account: z.string().optional(), item: z.string() })
      .strict()
      .optional(),
    signedIn: z
      .object({ who: z.string(), method: z.string().optional(), directoryRoles: z.array(z.string()), signedOut: z.boolean() })
      .strict()
      .optional(),
    failedAttempts: z.array(
      z
        .object({
          at: z.string(),
          aadstsCode: z.number().optional(),
          title: z.string(),
          account: z.string().optional(),
          method: z.string().optional(),
        })
        .strict(),
    ),
    recoveryActions: z.array(RecoveryActionView),
    notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() }).strict()),
    closed: z.object({ at: z.string(), classification: z.string().optional(), summary: z.string().optional() }).strict().optional(),
  })
  .strict();
export type ActiveIncidentView = z.infer<typeof ActiveIncidentView>;

export const IncidentView = z
  .object({
    active: ActiveIncidentView.optional(),
    /** The incident just closed (in the answer to closing it): for the hand-over to rotation and checks. */
    justClosed: ActiveIncidentView.optional(),
    runbook: RunbookContent,
    runbookProblem: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
  })
  .strict();
export type IncidentView = z.infer<typeof IncidentView>;

export const RecoveryPreviewInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('report-only'), policyId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('add-exclusion'), policyId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('assign-role'), user: z.string().min(1).max(320), roleId: z.string().min(1).max(100) }).strict(),
]);

/** A Conditional Access policy as the recovery step lists it: its state, whom of the break-glass accounts it blocks, what it offers. */
export const PolicySummary = z
  .object({
    id: z.string(),
    displayName: z.string(),
    state: z.string(),
    /** The accounts it would block now (BG-CA-01's decision), each with why in plain words; `undecided` when it cannot be told. */
    blocks: z.array(z.object({ account: z.string(), why: z.string(), undecided: z.boolean() }).strict()),
    /** The changes that make sense for it as it is now: never one it already has. */
    offers: z.object({ reportOnly: z.boolean(), addExclusion: z.boolean() }).strict(),
    /** Why no change is offered, where the reason is not plain from its state (the accounts' own protection policy). */
    note: z.string().optional(),
  })
  .strict();
export type PolicySummary = z.infer<typeof PolicySummary>;

export const RecoveryPolicies = z
  .object({
    policies: z.array(PolicySummary),
    /** Why the blocking policies could not all be told (an account or its groups unreadable). */
    triageProblem: z.string().optional(),
  })
  .strict();
export type RecoveryPolicies = z.infer<typeof RecoveryPolicies>;

const attemptFacts = { account: z.string(), at: z.string() };
/** What Entra's sign-in log says about the incident's failed sign-in. */
export const BlockedSignIn = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-failed-attempt') }).strict(),
  z
    .object({
      kind: z.literal('named'),
      ...attemptFacts,
      policies: z.array(z.object({ id: z.string(), displayName: z.string() }).strict()),
    })
    .strict(),
  z.object({ kind: z.literal('not-named'), ...attemptFacts, message: z.string() }).strict(),
  z.object({ kind: z.literal('not-yet'), ...attemptFacts, message: z.string() }).strict(),
  z.object({ kind: z.literal('unreadable'), message: z.string(), nextStep: z.string() }).strict(),
]);
export type BlockedSignIn = z.infer<typeof BlockedSignIn>;
