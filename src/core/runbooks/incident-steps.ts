/**
 * The steps of the incident runbook (docs/domain.md, "The incident runbook") and the journal entries
 * the incident flow writes for them: a step shown, a step acknowledged with what the custodian
 * recorded, and what closes the incident. The constructors are pure and return drafts without
 * session or actor: the incident service adds those and appends each draft *before* the app
 * moves on, so the journal alone can tell where a quit incident resumes (incident-flow.ts).
 *
 * Sign-in attempts and results (SignInService) and recovery actions (RecoveryService) are
 * journaled by their own services; the flow only reads them.
 */
import { z } from 'zod';

import { ActionableError } from '../../shared/actionable-error.ts';
import { acknowledgedStepIds } from '../../shared/model/incident.ts';
import { runbookStepIds } from '../../shared/model/runbook.ts';
import { IncidentClassification, UtcTimestamp, type JournalEntryKind, type JsonObject } from '../journal/model.ts';
import type { CloseSessionInput } from '../journal/sessions.ts';

/** The runbook's steps, in order: the same ids the runbook file's texts are keyed by. */
export const incidentSteps = runbookStepIds;
export type IncidentStep = (typeof incidentSteps)[number];

export const incidentStepTitles: Readonly<Record<IncidentStep, string>> = {
  'open-incident': 'Open the incident',
  'notify-security-operations': 'Tell security operations a break-glass sign-in is about to happen',
  'record-safe-opened': 'Record the safe opening and what was taken',
  'choose-path': 'Choose the sign-in path',
  'sign-in': 'Sign in',
  'confirm-access': 'Confirm access',
  'recovery-actions': 'Recovery actions',
  'close-incident': 'Close the incident',
};

/** A step's title in quotes, as the refusals and the journal's summaries name it. */
export const quotedStepTitle = (step: IncidentStep) => `"${incidentStepTitles[step]}"`;

export function isIncidentStep(value: unknown): value is IncidentStep {
  return typeof value === 'string' && (incidentSteps as readonly string[]).includes(value);
}

/** Position in the runbook: later steps have larger numbers. */
export function stepOrder(step: IncidentStep): number {
  return incidentSteps.indexOf(step);
}

/** Steps the custodian finishes by acknowledging them (the one list: src/shared/model/incident.ts). */
export const acknowledgedSteps = acknowledgedStepIds;
export type AcknowledgedStep = (typeof acknowledgedSteps)[number];

export function isAcknowledgedStep(step: IncidentStep): step is AcknowledgedStep {
  return (acknowledgedSteps as readonly string[]).includes(step);
}

const Label = z.string().trim().min(1);

/**
 * Who in security operations was told, how and when – so the sign-in alert is expected. Names
 * and channels only: a call-back PIN or a bridge passcode never belongs here.
 */
export const SecurityOperationsNotified = z.strictObject({
  who: Label,
  how: Label,
  when: UtcTimestamp,
  reference: Label.optional(),
});
export type SecurityOperationsNotified = z.infer<typeof SecurityOperationsNotified>;

/**
 * When the safe was opened and which items left it – labels only, so rotation knows what to
 * replace. (Not `pfx` or `password`: those field names are declared secret and would be redacted.)
 */
export const SafeOpened = z.strictObject({
  openedAt: UtcTimestamp,
  securityKeys: z.array(Label),
  envelopes: z.array(Label),
  /** The label of the media holding the app's PFX, when it was taken. */
  certificateMedia: Label.optional(),
});
export type SafeOpened = z.infer<typeof SafeOpened>;

/** The path the custodian takes and the physical item it needs (key label, or the PFX media). */
export const PathChoice = z.discriminatedUnion('path', [
  z.strictObject({ path: z.literal('security-key'), account: Label, item: Label }),
  /** `account`: the app's name or id, when the screen shows one. */
  z.strictObject({ path: z.literal('certificate'), account: Label.optional(), item: Label }),
]);
export type PathChoice = z.infer<typeof PathChoice>;

/** Who the tenant says we are and which roles are active, as read on the confirm screen. */
export const AccessConfirmed = z.strictObject({
  who: Label,
  directoryRoles: z.array(Label),
});
export type AccessConfirmed = z.infer<typeof AccessConfirmed>;

/** Moving on from recovery actions to closing; what is still to be done in the admin portals. */
export const RecoveryActionsFinished = z.strictObject({
  followUp: Label.optional(),
});
export type RecoveryActionsFinished = z.infer<typeof RecoveryActionsFinished>;

export type AcknowledgementData = {
  'notify-security-operations': SecurityOperationsNotified;
  'record-safe-opened': SafeOpened;
  'choose-path': PathChoice;
  'confirm-access': AccessConfirmed;
  'recovery-actions': RecoveryActionsFinished;
};

const acknowledgementSchemas: { readonly [S in AcknowledgedStep]: z.ZodType<AcknowledgementData[S]> } = {
  'notify-security-operations': SecurityOperationsNotified,
  'record-safe-opened': SafeOpened,
  'choose-path': PathChoice,
  'confirm-access': AccessConfirmed,
  'recovery-actions': RecoveryActionsFinished,
};

/** One acknowledgement, its data typed by its step. */
export type Acknowledgement = { [S in AcknowledgedStep]: { readonly step: S; readonly data: AcknowledgementData[S] } }[AcknowledgedStep];

/** Reads an acknowledgement's data (from the screen, or back from the journal). */
export function readAcknowledgement(
  step: AcknowledgedStep,
  data: unknown,
): { ok: true; acknowledgement: Acknowledgement } | { ok: false; problem: string } {
  const parsed = acknowledgementSchemas[step].safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'data'}: ${issue.message}`);
    return { ok: false, problem: problems.join('; ') };
  }
  return { ok: true, acknowledgement: { step, data: parsed.data } as Acknowledgement };
}

/** What the incident flow appends; the caller adds sessionId, actor and witness. */
export type IncidentEntryDraft = {
  readonly kind: Extract<JournalEntryKind, 'step-shown' | 'step-acknowledged'>;
  readonly stepId: IncidentStep;
  readonly summary: string;
  readonly data: JsonObject;
};

export function stepShown(step: IncidentStep): IncidentEntryDraft {
  return { kind: 'step-shown', stepId: step, summary: `Shown: ${incidentStepTitles[step]}.`, data: {} };
}

/** Throws an ActionableError naming the field when the data is incomplete. */
export function stepAcknowledged<S extends AcknowledgedStep>(step: S, data: AcknowledgementData[S]): IncidentEntryDraft {
  const read = readAcknowledgement(step, data);
  if (!read.ok) {
    throw new ActionableError(
      `"${incidentStepTitles[step]}" cannot be recorded as done: ${read.problem}.`,
      'Fill in the missing details on the screen, then confirm again.',
    );
  }
  return {
    kind: 'step-acknowledged',
    stepId: step,
    summary: describeAcknowledgement(read.acknowledgement),
    data: jsonOf(read.acknowledgement.data),
  };
}

export function pathChosen(choice: PathChoice): IncidentEntryDraft {
  return stepAcknowledged('choose-path', choice);
}

/** How an incident ends: Microsoft's post-mortem class and a sentence on what happened. */
export const IncidentClosure = z.strictObject({
  classification: IncidentClassification,
  summary: Label,
});
export type IncidentClosure = z.infer<typeof IncidentClosure>;

/**
 * The input for `JournalStore.closeSession`: only the store writes `session-closed` entries, so
 * this is not a draft. The summary goes into the entry's `details`, where the flow reads it back.
 * Only incident sessions take a classification: sessions.ts refuses one for a drill session, so
 * a drill is closed with `details` alone.
 */
export function incidentClosed(closure: IncidentClosure): Required<Pick<CloseSessionInput, 'classification' | 'details'>> {
  const parsed = IncidentClosure.safeParse(closure);
  if (!parsed.success) {
    throw new ActionableError(
      'The incident cannot be closed without a classification and a short summary of what happened.',
      'Choose drill, real emergency or misuse, write one sentence, then close again.',
    );
  }
  return { classification: parsed.data.classification, details: { summary: parsed.data.summary } };
}

function describeAcknowledgement(acknowledgement: Acknowledgement): string {
  switch (acknowledgement.step) {
    case 'notify-security-operations': {
      const { who, how, when, reference } = acknowledgement.data;
      return `Security operations told: ${who}, by ${how}, at ${when}${reference ? ` (reference ${reference})` : ''}. The break-glass sign-in alert is expected.`;
    }
    case 'record-safe-opened': {
      const { openedAt, securityKeys, envelopes, certificateMedia } = acknowledgement.data;
      const items = [
        ...securityKeys.map((label) => `security key "${label}"`),
        ...envelopes.map((label) => `envelope "${label}"`),
        ...(certificateMedia ? [`certificate media "${certificateMedia}"`] : []),
      ];
      return `Safe opened at ${openedAt}; taken: ${items.length > 0 ? items.join(', ') : 'nothing'}.`;
    }
    case 'choose-path': {
      const choice = acknowledgement.data;
      return choice.path === 'security-key'
        ? `Path chosen: ${choice.account} with security key "${choice.item}".`
        : `Path chosen: the break-glass app${choice.account ? ` (${choice.account})` : ''} with its certificate from "${choice.item}".`;
    }
    case 'confirm-access': {
      const { who, directoryRoles } = acknowledgement.data;
      return `Access confirmed: signed in as ${who} (${directoryRoles.length > 0 ? directoryRoles.join(', ') : 'no directory role'}).`;
    }
    case 'recovery-actions': {
      const { followUp } = acknowledgement.data;
      return `Recovery actions finished${followUp ? `; left for the admin portals: ${followUp}` : ''}. Moving on to close the incident.`;
    }
  }
}

/** The parsed data as journal JSON: optional fields that are absent are left out, not `undefined`. */
function jsonOf(data: AcknowledgementData[AcknowledgedStep]): JsonObject {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as JsonObject;
}

/** An entry the flow could not place as written, and what it did with it instead. */
export type JournalIrregularity = { readonly seq: number; readonly problem: string };
