/**
 * What the renderer sees of emergency sign-in: the ways in this tenant offers, the progress of
 * one attempt, and who is signed in. Tokens, keys and passphrases are never part of an output;
 * the PFX passphrase travels only inward, in `SignInRequest`.
 */
import { z } from 'zod';

export const SignInAlternative = z.enum([
  'other-account',
  'app-certificate',
  'security-key',
  'wait-and-retry',
  'device-code',
  'check-clock',
  'check-certificate',
]);

export const SignInExplanationView = z
  .object({
    code: z.number().int().optional(),
    title: z.string(),
    explanation: z.string(),
    nextSteps: z.array(z.string()),
    alternatives: z.array(SignInAlternative),
    microsoftMessage: z.string().optional(),
    traceId: z.string().optional(),
    correlationId: z.string().optional(),
    timestamp: z.string().optional(),
  })
  .strict();
export type SignInExplanationView = z.infer<typeof SignInExplanationView>;

/** Something an account session cannot do because its token lacks a delegated permission. */
export const UnavailableActionView = z
  .object({
    action: z.string(),
    title: z.string(),
    /** The delegated Graph permissions that would make it work. */
    missing: z.array(z.string()),
    /** What will not work and why, said before anything is tried. */
    reason: z.string(),
  })
  .strict();
export type UnavailableActionView = z.infer<typeof UnavailableActionView>;

export const SessionView = z
  .object({
    kind: z.enum(['user', 'app']),
    method: z.enum(['security-key', 'device-code', 'certificate']),
    who: z.string(),
    objectId: z.string(),
    tenantId: z.string(),
    /** Display names of the directory roles the token carries (ids where the name is unknown). */
    directoryRoles: z.array(z.string()),
    holdsGlobalAdministrator: z.boolean(),
    permissions: z.array(z.string()),
    /** Account sessions: the recovery and rotation actions the token's scopes do not allow. */
    unavailableActions: z.array(UnavailableActionView).optional(),
    credential: z.string().optional(),
    /** The name Microsoft Graph gives the signed-in user or app: proof the token works there. */
    displayName: z.string().optional(),
    /** Set when Graph could not be reached right after signing in: what went wrong. */
    graphProblem: z.string().optional(),
    signedInAt: z.string(),
    expiresAt: z.string(),
  })
  .strict();
export type SessionView = z.infer<typeof SessionView>;

export const SignInOptions = z
  .object({
    tenantLabel: z.string(),
    simulated: z.boolean(),
    /** Set when nothing can be signed in to, with what to do about it. */
    problem: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
    accounts: z.array(z.object({ userPrincipalName: z.string() }).strict()),
    app: z
      .object({
        appId: z.string(),
        label: z.string(),
        /** The drill certificate of the simulated safe can be used without a file. */
        simulatedSafe: z.boolean(),
        /** The PFX path the inventory names, resolved against its folder. */
        certificatePath: z.string().optional(),
      })
      .strict()
      .optional(),
    signedIn: SessionView.optional(),
  })
  .strict();
export type SignInOptions = z.infer<typeof SignInOptions>;

const Person = z.string().trim().min(1, 'say who is signing in').max(200);
const common = { custodian: Person, witness: z.string().trim().max(200).optional() };

export const SignInRequest = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('security-key'),
      userPrincipalName: z.string().min(3).max(320),
      /** Sign in on another device with a code, when no browser can be used here. */
      deviceCode: z.boolean().optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      method: z.literal('certificate'),
      source: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('simulated-safe') }).strict(),
        z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096), passphrase: z.string().max(1024).optional() }).strict(),
      ]),
      ...common,
    })
    .strict(),
]);
export type SignInRequest = z.infer<typeof SignInRequest>;

/**
 * A sign-in outside the runbooks (the home screen's): journaled as a session of its own, kind
 * `sign-in`, opened with why (docs/domain.md, "Journal rules").
 */
export const OutsideSignInRequest = z
  .object({
    reason: z.string().trim().min(1, 'say why you are signing in outside the runbook').max(2000),
    request: SignInRequest,
  })
  .strict();
export type OutsideSignInRequest = z.infer<typeof OutsideSignInRequest>;

export const SignInProgress = z.discriminatedUnion('state', [
  z.object({ state: z.literal('working'), detail: z.string() }).strict(),
  /** The security-key page: opened in the system browser by the app, or to be opened by the renderer. */
  z.object({ state: z.literal('browser'), url: z.string(), openedByApp: z.boolean() }).strict(),
  z
    .object({
      state: z.literal('device-code'),
      userCode: z.string(),
      verificationUri: z.string(),
      message: z.string(),
      expiresAt: z.string(),
    })
    .strict(),
  z.object({ state: z.literal('signed-in'), session: SessionView, unrecorded: z.string().optional() }).strict(),
  z.object({ state: z.literal('failed'), explanation: SignInExplanationView, unrecorded: z.string().optional() }).strict(),
  /** A problem before any sign-in: the PFX file, the inventory, the simulator. */
  z.object({ state: z.literal('refused'), message: z.string(), nextStep: z.string() }).strict(),
]);
export type SignInProgress = z.infer<typeof SignInProgress>;
// `unrecorded`: the journal could not record this attempt (its reason); the custodian keeps a paper record.
