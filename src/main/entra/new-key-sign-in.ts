/**
 * Signing in with a certificate that was added to the app moments ago. Entra replicates every
 * write across its data centers, and Microsoft's advice for a change not seen yet is to "wait some
 * time and retry … If the … error still occurs after retrying, double your waiting time and try
 * again" (https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/404-not-found-error-manage-objects-microsoft-graph).
 * A token request signed with a key the answering server does not know yet is refused as for
 * any unknown key: AADSTS700027, "Client assertion failed signature validation"
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes), whose description
 * then reads "The key was not found". Microsoft publishes
 * no bound for a new credential, so the wait is bounded here: doubling from 2 s, at most 30 s
 * apart, two minutes in all – then the custodian is told where things stand (the old
 * certificate still works) and can try again later.
 *
 * The pause is injected, so tests wait in simulated time, never on the wall clock.
 */
import { setTimeout as pause } from 'node:timers/promises';

import { ActionableError } from '../../shared/actionable-error.ts';
import type { CertificateCredential } from '../credentials/certificate-credential.ts';
import type { TenantEndpoints } from './endpoints.ts';
import { SignInError, signInWithCertificate } from './sign-in.ts';
import type { TenantSession } from './tenant-session.ts';

/** Seconds before each retry: doubling from 2, capped at 30, 120 in all. */
export const newKeyRetrySeconds: readonly number[] = [2, 4, 8, 16, 30, 30, 30];

/** The one AADSTS code a key Entra does not know yet is refused with. */
const keyNotKnownYet = 700027;

export type NewKeyWait = {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly seconds: number;
  /** Waited before this wait. */
  readonly waitedSeconds: number;
  readonly limitSeconds: number;
  /** Entra's refusal, explained. */
  readonly problem: string;
};

export type NewKeySignIn = { readonly session: TenantSession; readonly attempts: number; readonly waitedSeconds: number };

export async function signInWithNewCertificate(options: {
  readonly endpoints: TenantEndpoints;
  readonly appId: string;
  readonly appName: string;
  readonly certificate: CertificateCredential;
  readonly onWait?: (wait: NewKeyWait) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retrySeconds?: readonly number[];
}): Promise<NewKeySignIn> {
  const schedule = options.retrySeconds ?? newKeyRetrySeconds;
  const limitSeconds = schedule.reduce((sum, s) => sum + s, 0);
  const sleep = options.sleep ?? ((ms: number) => pause(ms).then(() => undefined));
  let waitedSeconds = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const session = await signInWithCertificate({
        endpoints: options.endpoints,
        appId: options.appId,
        appName: options.appName,
        certificate: options.certificate,
      });
      return { session, attempts: attempt, waitedSeconds };
    } catch (error) {
      if (!(error instanceof SignInError) || error.explanation.code !== keyNotKnownYet) throw error;
      const seconds = schedule[attempt - 1];
      if (seconds === undefined) {
        throw new ActionableError(
          `Microsoft Entra still refuses the new certificate ${options.certificate.thumbprintSha1Hex} after ${attempt} tries over ${waitedSeconds} s (AADSTS${keyNotKnownYet}: ${error.explanation.title}). A certificate just added can take minutes to reach every Entra server; Microsoft gives no upper bound.`,
          `Wait a few minutes, then continue: the proof is tried again and nothing is removed before it succeeds. If it is still refused after 15 minutes, check that the certificate ${options.certificate.thumbprintSha1Hex} is listed under App registrations › ${options.appName} › Certificates & secrets.`,
          { cause: error },
        );
      }
      options.onWait?.({ attempt, seconds, waitedSeconds, limitSeconds, problem: error.message });
      await sleep(seconds * 1000);
      waitedSeconds += seconds;
    }
  }
}
