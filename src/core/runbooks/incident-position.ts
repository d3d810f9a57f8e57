/**
 * Where an incident stands, as the fold in incident-flow.ts rebuilds it from the journal
 * (docs/domain.md, "The incident runbook"): the current step, the steps behind the custodian,
 * the sign-ins, the recovery actions and whatever in the journal did not fit the runbook.
 */
import type { IncidentClassification, JsonObject } from '../journal/model.ts';
import type { RecoveryActionRecord } from './incident-recovery-log.ts';
import type { IncidentStep, JournalIrregularity, PathChoice } from './incident-steps.ts';

/** A step that is behind the custodian: done, or jumped over (with the reason). */
export type StepRecord = {
  readonly step: IncidentStep;
  readonly status: 'done' | 'skipped';
  /** When it was done, or when the journal moved past it. */
  readonly at: string;
  readonly by: string;
  readonly witness?: string;
  /** The entry that did it (absent only for a close known from the session but not among the entries). */
  readonly seq?: number;
  /** The entry's summary, or for a skipped step why it counts as skipped. */
  readonly summary: string;
  /** What was recorded with an acknowledgement. */
  readonly data?: JsonObject;
};

export type SignInRecord = {
  readonly at: string;
  readonly seq: number;
  readonly who: string;
  readonly method?: string;
  readonly directoryRoles: readonly string[];
  /** Set when a later sign-out note ended this sign-in. */
  readonly signedOut?: { readonly at: string; readonly by: string; readonly seq: number };
};

export type FailedSignIn = {
  readonly at: string;
  readonly seq: number;
  /** 'refused': the app did not even try (no certificate, wrong passphrase, no app in the inventory). */
  readonly outcome: 'failed' | 'refused';
  readonly aadstsCode?: number;
  readonly title: string;
  readonly traceId?: string;
  /** From the attempt entry before it: how, and with which account or app. */
  readonly method?: string;
  readonly account?: string;
};

export type IncidentPosition = {
  readonly sessionId: string;
  /** The step to show now. */
  readonly current: IncidentStep;
  /** Steps behind the custodian, in runbook order. */
  readonly completed: readonly StepRecord[];
  /** The latest path chosen; still set after going back to 'choose-path', so the screen can offer the other one. */
  readonly chosenPath?: PathChoice & { readonly at: string; readonly seq: number };
  /** The latest successful sign-in; `signedOut` says whether it has ended. */
  readonly signedIn?: SignInRecord;
  readonly failedAttempts: readonly FailedSignIn[];
  readonly recoveryActions: readonly RecoveryActionRecord[];
  readonly closed?: {
    readonly at: string;
    readonly by: string;
    readonly classification?: IncidentClassification;
    readonly summary?: string;
  };
  /** For the running timer. */
  readonly openedAt: string;
  readonly openedBy: string;
  readonly witness?: string;
  /** The `details` of the session's opening (reference, reason). */
  readonly details?: JsonObject;
  readonly irregularities: readonly JournalIrregularity[];
};

export function isSignedIn(position: Pick<IncidentPosition, 'signedIn'>): boolean {
  return Boolean(position.signedIn && !position.signedIn.signedOut);
}
