/**
 * After the user proved themselves on the security-key page: does the sign-in need consent the
 * tenant has not given, and may this user give it (token/consent.ts has the rules and sources)?
 * - nothing missing → the sign-in goes on;
 * - missing, and the user may consent for the organization → the consent page;
 * - missing, and the user may not → AADSTS90094 AdminConsentRequired;
 * - `.default` with no grant at all and nothing the tenant can see to prompt for → AADSTS65001.
 * Where the error goes: Microsoft documents the "Need admin approval" page, not what reaches the
 * app; the simulator ends the flow with the error at the redirect URI (access_denied with the
 * AADSTS description) so the app can explain it – and records the failed sign-in.
 */
import type { SimResponse } from '../http/messages.ts';
import {
  consentParties,
  consentedScopes,
  mayConsentForOrganization,
  publishedScope,
  recordConsent,
  registeredScopes,
} from '../token/consent.ts';
import type { SimulatorContext } from '../token/context.ts';
import { entraErrors, type EntraError } from '../token/entra-errors.ts';
import type { AwaitingConsent, DeviceAuthorization, PendingAuthorization } from '../token/sessions.ts';
import type { SignInMethod } from '../token/sign-in-policy.ts';
import { resolveUserScopes } from '../token/user-tokens.ts';
import { consentPage } from './consent-page.ts';

type Flow = PendingAuthorization | DeviceAuthorization;

export type ConsentOutcome =
  | { readonly kind: 'granted' }
  | { readonly kind: 'prompt'; readonly response: SimResponse }
  | { readonly kind: 'refused'; readonly failure: EntraError };

export function consentStep(
  context: SimulatorContext,
  flow: Flow,
  proven: { readonly userId: string; readonly method: SignInMethod },
  action: string,
): ConsentOutcome {
  const { tenant } = context;
  const requested = resolveUserScopes(flow.scopes, tenant.seed.tenant.displayName);
  // An unusable scope list is refused at the token endpoint with its own error (70011, 28000 …).
  if (!requested.ok) return { kind: 'granted' };
  const parties = consentParties(tenant, flow.clientId, requested.value.resource.appId);
  // A resource without a service principal in the seed is not modelled for consent.
  if (!parties) return { kind: 'granted' };
  const consented = consentedScopes(tenant, parties, proven.userId);
  let needed: string[];
  if (requested.value.permissions.includes('.default')) {
    if (consented.any) return { kind: 'granted' };
    needed = registeredScopes(tenant, parties);
    if (needed.length === 0)
      return { kind: 'refused', failure: entraErrors.consentRequired(parties.client.appId, parties.client.displayName) };
  } else {
    needed = [
      ...new Set(
        requested.value.permissions
          .map((p) => publishedScope(parties.resource, p))
          .filter((p): p is string => p !== undefined && !consented.scopes.has(p)),
      ),
    ];
  }
  if (needed.length === 0) return { kind: 'granted' };
  if (!mayConsentForOrganization(tenant, proven.userId))
    return { kind: 'refused', failure: entraErrors.adminConsentRequired(parties.client.appId, parties.client.displayName) };
  const awaiting: AwaitingConsent = { userId: proven.userId, method: proven.method, scopes: needed };
  flow.awaitingConsent = awaiting;
  const user = tenant.user(proven.userId);
  const publisher =
    (parties.client.appOwnerOrganizationId ?? '').toLowerCase() === tenant.tenantId.toLowerCase()
      ? tenant.seed.tenant.displayName
      : 'Microsoft';
  return {
    kind: 'prompt',
    response: consentPage({
      tenantName: tenant.seed.tenant.displayName,
      appName: parties.client.displayName,
      publisher,
      userPrincipalName: user?.userPrincipalName ?? proven.userId,
      action,
      flowId: flow.id,
      permissions: needed.map((value) => ({
        value,
        displayName: parties.resource.oauth2PermissionScopes.find((s) => s.value === value)?.adminConsentDisplayName ?? null,
      })),
    }),
  };
}

/** The answer to the consent page: the grant recorded (accept) and the user who proved themselves, or the refusal. */
export function answerConsent(
  context: SimulatorContext,
  flow: Flow,
  form: URLSearchParams,
): { ok: true; userId: string; method: SignInMethod } | { ok: false; failure: EntraError } | undefined {
  const awaiting = flow.awaitingConsent;
  const action = form.get('action') ?? '';
  if (!awaiting || (action !== 'consent-accept' && action !== 'consent-decline')) return undefined;
  flow.awaitingConsent = undefined;
  // "User declined to consent to access the app" (AADSTS65004).
  if (action === 'consent-decline') return { ok: false, failure: entraErrors.userDeclinedConsent() };
  const requested = resolveUserScopes(flow.scopes, context.tenant.seed.tenant.displayName);
  const parties = requested.ok ? consentParties(context.tenant, flow.clientId, requested.value.resource.appId) : undefined;
  if (parties)
    recordConsent(context.tenant, parties, {
      userId: awaiting.userId,
      scopes: awaiting.scopes,
      forOrganization: form.get('consent_org') === 'true',
    });
  return { ok: true, userId: awaiting.userId, method: awaiting.method };
}
