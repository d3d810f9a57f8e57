/**
 * What the Rotate credentials screen sees: what will be rotated and why, the steps folded from
 * the journal, the methods to review, and the verdict. The new password is the one secret that
 * travels outward – once, to be written on the envelope sheet (`RotationPassword`); it is never
 * part of the view, the journal or a log. PFX passphrases travel only inward.
 */
import { z } from 'zod';

import { CheckCounts } from './readiness.ts';
import { CheckStatus } from './checks.ts';

const Person = z.string().trim().min(1, 'say who does this').max(200);
const Facts = z.record(z.string(), z.unknown());

export const ChecklistItemId = z.enum(['safe-combination', 'envelopes', 'custodians']);

export const RotationCandidate = z.object({ reasons: z.array(z.string()), suggested: z.boolean() }).strict();

export const RotationStepView = z
  .object({
    id: z.string(),
    kind: z.string(),
    account: z.string().optional(),
    item: ChecklistItemId.optional(),
    subject: z.string(),
    label: z.string(),
    title: z.string(),
    status: z.enum(['pending', 'interrupted', 'failed', 'done']),
    at: z.string().optional(),
    by: z.string().optional(),
    summary: z.string().optional(),
    problem: z.string().optional(),
    facts: Facts.optional(),
    requestIds: z.array(z.string()).optional(),
  })
  .strict();
export type RotationStepView = z.infer<typeof RotationStepView>;

export const RotationVerdict = z
  .object({
    checkSessionId: z.string(),
    verdict: CheckStatus,
    /** No check fails or is indeterminate: the break-glass setup is sound again. */
    sound: z.boolean(),
    summary: CheckCounts,
    /** What fails or could not be checked (`status`; a record from before it was kept says fail). */
    failing: z.array(
      z
        .object({
          id: z.string(),
          status: z.enum(['fail', 'indeterminate']).optional(),
          subject: z.string(),
          title: z.string(),
          remediation: z.string(),
        })
        .strict(),
    ),
    /** Warnings do not make the setup unsound, but each is worth fixing. */
    warnings: z.array(z.object({ id: z.string(), subject: z.string(), title: z.string(), remediation: z.string() }).strict()),
  })
  .strict();
export type RotationVerdict = z.infer<typeof RotationVerdict>;

export const ActiveRotationView = z
  .object({
    sessionId: z.string(),
    openedAt: z.string(),
    openedBy: z.string(),
    witness: z.string().optional(),
    accounts: z.array(z.string()),
    app: z.object({ appId: z.string(), name: z.string() }).strict().optional(),
    since: z.string().optional(),
    reasons: z.array(z.string()),
    steps: z.array(RotationStepView),
    current: RotationStepView.optional(),
    /** The new certificate is not in memory (the app restarted): its PFX must be opened again. */
    reopenCertificate: z.object({ path: z.string(), thumbprint: z.string() }).strict().optional(),
    /** The running step is waiting (the proof, for a new certificate to reach Entra's servers): what to show meanwhile. */
    working: z.object({ stepId: z.string(), message: z.string() }).strict().optional(),
    /**
     * The current step rotates the account that is signed in: its writes wait for a session of
     * another break-glass account or of the app (what to say, and what to do).
     */
    ownSession: z.object({ account: z.string(), message: z.string(), nextStep: z.string() }).strict().optional(),
    /** A password was generated for the current account and is waiting to be set. */
    passwordWaiting: z.boolean(),
    suggestedFolder: z.string(),
    suggestedFileName: z.string(),
    irregularities: z.array(z.string()),
    closed: z
      .object({ at: z.string(), by: z.string(), abandoned: z.string().optional(), verdict: RotationVerdict.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ActiveRotationView = z.infer<typeof ActiveRotationView>;

export const RotationView = z
  .object({
    tenantLabel: z.string(),
    simulated: z.boolean(),
    problem: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
    candidates: z
      .object({
        accounts: z.array(RotationCandidate.extend({ userPrincipalName: z.string() })),
        app: RotationCandidate.extend({ appId: z.string(), name: z.string() }).optional(),
        since: z.string().optional(),
      })
      .strict(),
    /** The signed-in session the rotation acts with; `signsProof`: it holds the app's current certificate. */
    signedIn: z.object({ who: z.string(), method: z.string(), signsProof: z.boolean() }).strict().optional(),
    active: ActiveRotationView.optional(),
    justClosed: ActiveRotationView.optional(),
  })
  .strict();
export type RotationView = z.infer<typeof RotationView>;

export const BeginRotationInput = z
  .object({
    custodian: Person,
    witness: z.string().trim().max(200).optional(),
    accounts: z.array(z.string().min(3).max(320)).max(20),
    /** Of those accounts, the ones whose own certificate (a smart card or a file) left the safe too. */
    certificates: z.array(z.string().min(3).max(320)).max(20).optional(),
    app: z.boolean(),
  })
  .strict();
export type BeginRotationInput = z.infer<typeof BeginRotationInput>;

/**
 * The account's new certificate, issued outside the app by the organisation's CA: its certificate
 * user id as Entra binds it (`X509:<SKI>…`, `X509:<PN>…`; resources/authorizationinfo) and who issued it.
 */
export const CertificateReplacedInput = z
  .object({
    account: z.string().min(3).max(320),
    certificateUserId: z.string().trim().min(6).max(1024),
    issuedBy: z.string().max(200),
  })
  .strict();
export type CertificateReplacedInput = z.infer<typeof CertificateReplacedInput>;

export const SaveCertificateInput = z
  .object({
    folder: z.string().min(1).max(4096),
    fileName: z.string().max(255).optional(),
    passphrase: z.string().max(1024),
    passphraseAgain: z.string().max(1024),
  })
  .strict();
export type SaveCertificateInput = z.infer<typeof SaveCertificateInput>;

export const RegisteredMethodView = z
  .object({
    id: z.string(),
    kind: z.string(),
    displayName: z.string().optional(),
    createdDateTime: z.string().optional(),
    addedDuringIncident: z.boolean(),
    /** Why it is flagged: not in the record made when the incident began, or registered after it began. */
    addedBecause: z.string().optional(),
    removable: z.boolean(),
  })
  .strict();
export type RegisteredMethodView = z.infer<typeof RegisteredMethodView>;

/** The one outward secret: shown once, large, for the sealed envelope. */
export const RotationPassword = z.object({ account: z.string(), password: z.string(), groups: z.array(z.string()) }).strict();
export type RotationPassword = z.infer<typeof RotationPassword>;
