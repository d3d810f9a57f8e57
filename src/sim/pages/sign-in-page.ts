/**
 * The security-key page of one flow (authorization code or device code): which keys are in the
 * safe, which one is selected, and where the form posts (the HTML is security-key-page.ts).
 */
import type { SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import type { DeviceAuthorization, PendingAuthorization } from '../token/sessions.ts';
import { securityKeyPage, type SecurityKeyChoice } from './security-key-page.ts';

/** Where the page of a flow posts its form. */
export function formAction(context: SimulatorContext, flow: PendingAuthorization | DeviceAuthorization): string {
  return flow.kind === 'deviceCode' ? '/devicelogin/authenticate' : `/${context.tenant.tenantId}/oauth2/v2.0/authorize`;
}

/** The keys in the safe; the one chosen before (after a wrong PIN), else the login hint's first key, is selected. */
function keyChoices(context: SimulatorContext, loginHint: string | undefined, chosen: string | undefined): SecurityKeyChoice[] {
  const { tenant } = context;
  const choices = tenant.seed.simulator.securityKeys.flatMap((key, index) => {
    const user = tenant.user(key.userId);
    const method = user?.authenticationMethods?.find((m) => m.id === key.fido2MethodId);
    if (!user || method?.['@odata.type'] !== '#microsoft.graph.fido2AuthenticationMethod') return [];
    return [
      {
        value: String(index),
        label: method.displayName ?? 'Security key',
        detail: `${method.model ?? 'FIDO2 security key'} · registered to ${user.userPrincipalName}`,
        preselected: false,
        hinted: Boolean(loginHint) && loginHint?.toLowerCase() === user.userPrincipalName.toLowerCase(),
      },
    ];
  });
  const selected = choices.find((c) => c.value === chosen) ?? choices.find((c) => c.hinted);
  return choices.map(({ hinted: _hinted, ...choice }) => ({
    ...choice,
    preselected: choice === selected || choice.value === selected?.value,
  }));
}

export function signInPage(
  context: SimulatorContext,
  flow: PendingAuthorization | DeviceAuthorization,
  error?: string,
  status?: number,
  chosenKey?: string,
): SimResponse {
  const tenantName = context.tenant.seed.tenant.displayName;
  const client = context.tenant.servicePrincipalByAppId(flow.clientId);
  return securityKeyPage({
    tenantName,
    appName: client?.displayName ?? flow.clientId,
    action: formAction(context, flow),
    flowId: flow.id,
    keys: keyChoices(context, flow.kind === 'authorizationCode' ? flow.loginHint : undefined, chosenKey),
    ...(error ? { error } : {}),
    ...(status ? { status } : {}),
  });
}
