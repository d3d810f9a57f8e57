/**
 * The decision of a simulated sign-in: the chosen security key and PIN (or the envelope password)
 * checked against the seed's secrets – a locked or disabled account, or a wrong PIN counted toward
 * the lockout, is recorded as a failed sign-in – and then the consent step (consent-step.ts).
 */
import type { SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { entraErrors, type EntraError } from '../token/entra-errors.ts';
import { newCorrelationId, type DeviceAuthorization, type PendingAuthorization } from '../token/sessions.ts';
import { fido2Refusal } from '../token/method-policy.ts';
import { recordUserSignIn } from '../token/sign-in-records.ts';
import type { SignInMethod } from '../token/sign-in-policy.ts';
import { errorRedirect } from './app-response.ts';
import { answerConsent, consentStep } from './consent-step.ts';
import { formAction, signInPage } from './sign-in-page.ts';

type Proof = { ok: true; userId: string; method: SignInMethod } | { ok: false; response: SimResponse };

/** Checks the chosen key and PIN (or the envelope password) against the seed's secrets. */
function proveUser(
  context: SimulatorContext,
  flow: PendingAuthorization | DeviceAuthorization,
  form: URLSearchParams,
  correlationId: string,
): Proof {
  const { tenant, sessions } = context;
  const now = tenant.clock.now().getTime();
  const action = form.get('action');
  let userId: string | undefined;
  let method: SignInMethod;
  let secretOk: boolean;
  if (action === 'password') {
    const user = tenant.user(form.get('username') ?? '');
    if (!user) return { ok: false, response: signInPage(context, flow, "We couldn't find an account with that user name.", 400) };
    userId = user.id;
    method = { kind: 'password' };
    secretOk = tenant.password(user.id) !== undefined && tenant.password(user.id) === form.get('password');
  } else {
    const key = tenant.seed.simulator.securityKeys[Number(form.get('key'))];
    if (!key) return { ok: false, response: signInPage(context, flow, 'Choose the security key that is inserted.', 400) };
    const user = tenant.user(key.userId);
    const fido2 = user?.authenticationMethods?.find((m) => m.id === key.fido2MethodId);
    if (!user || !fido2)
      return { ok: false, response: signInPage(context, flow, 'This security key is no longer registered for its account.', 400) };
    userId = user.id;
    method = {
      kind: 'fido2',
      aaGuid: fido2['@odata.type'] === '#microsoft.graph.fido2AuthenticationMethod' ? (fido2.aaGuid ?? null) : null,
    };
    // The methods policy and its key restrictions decide before the PIN is asked (method-policy.ts).
    const refused = fido2Refusal(tenant, user.id, method.aaGuid);
    if (refused) return { ok: false, response: signInPage(context, flow, refused, 400) };
    secretOk = form.get('pin') === key.pin;
  }
  const user = tenant.user(userId)!;
  const failWith = (failure: EntraError, reason: string): Proof => {
    recordUserSignIn(tenant, {
      user,
      clientAppId: flow.clientId,
      method,
      interactive: true,
      outcome: { errorCode: failure.codes[0] ?? 0, failureReason: reason },
      correlationId,
    });
    if (flow.kind === 'deviceCode')
      return { ok: false, response: signInPage(context, flow, `AADSTS${failure.codes[0]}: ${failure.description}`, 400) };
    sessions.endFlow(flow.id);
    return { ok: false, response: errorRedirect(context, flow, 'access_denied', failure) };
  };
  if (sessions.isLocked(user.id, now))
    return failWith(entraErrors.userLocked(), 'Account is locked because the user tried to sign in too many times.');
  if (user.accountEnabled === undefined) {
    const failure = entraErrors.userStateNotInSeed(user.id);
    return failWith(failure, failure.description);
  }
  if (!user.accountEnabled) return failWith(entraErrors.userDisabled(), 'User account is disabled.');
  if (!secretOk) {
    const left = sessions.recordWrongSecret(user.id, now);
    if (left === 0) return failWith(entraErrors.userLocked(), 'Account locked after repeated wrong PINs or passwords.');
    recordUserSignIn(tenant, {
      user,
      clientAppId: flow.clientId,
      method,
      interactive: true,
      outcome: { errorCode: 50126, failureReason: 'Invalid username or password or Invalid on-premise username or password.' },
      correlationId,
    });
    const what = method.kind === 'fido2' ? 'Incorrect PIN.' : 'Your account or password is incorrect.';
    return {
      ok: false,
      response: signInPage(
        context,
        flow,
        `${what} ${left} ${left === 1 ? 'try' : 'tries'} left before the account is locked.`,
        400,
        form.get('key') ?? undefined,
      ),
    };
  }
  sessions.clearWrongSecrets(user.id);
  return { ok: true, userId: user.id, method };
}

type ConsentedProof =
  | { ok: true; userId: string; method: SignInMethod }
  | { ok: false; response: SimResponse; failure?: undefined }
  | { ok: false; failure: EntraError };

/**
 * The security key (or envelope password) and then, where the tenant has not consented to what
 * the app asks, the consent step (consent-step.ts). A consent error is recorded as a failed sign-in.
 */
export function provedAndConsented(
  context: SimulatorContext,
  flow: PendingAuthorization | DeviceAuthorization,
  form: URLSearchParams,
): ConsentedProof {
  const { tenant } = context;
  const correlationId = newCorrelationId();
  const answered = answerConsent(context, flow, form);
  const proof = answered ?? proveUser(context, flow, form, correlationId);
  if (!proof.ok) return 'response' in proof ? proof : { ok: false, failure: proof.failure };
  if (answered) return proof;
  const consent = consentStep(context, flow, proof, formAction(context, flow));
  if (consent.kind === 'prompt') return { ok: false, response: consent.response };
  if (consent.kind === 'refused') {
    const { failure } = consent;
    recordUserSignIn(tenant, {
      user: tenant.user(proof.userId)!,
      clientAppId: flow.clientId,
      method: proof.method,
      interactive: true,
      outcome: { errorCode: failure.codes[0] ?? 0, failureReason: failure.description },
      correlationId,
    });
    return { ok: false, failure };
  }
  return proof;
}
