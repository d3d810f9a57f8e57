/**
 * The device-code flow's pages (docs/microsoft-behaviour.md, "Device code"): /devicelogin takes
 * the user code and shows the same security-key page as the authorize request; its form posts to
 * /devicelogin/authenticate, whose outcome the device learns by polling the token endpoint.
 */
import { formBody, header, type SimRequest, type SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { platformFromUserAgent } from './authorize-request.ts';
import { deviceCodeEntryPage, messagePage } from './security-key-page.ts';
import { signInPage } from './sign-in-page.ts';
import { provedAndConsented } from './user-proof.ts';

export function handleDeviceLogin(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant, sessions } = context;
  const tenantName = tenant.seed.tenant.displayName;
  if (request.method === 'GET') return deviceCodeEntryPage({ tenantName });
  const device = sessions.deviceByUserCode(formBody(request).get('user_code') ?? '');
  if (!device || device.state !== 'pending' || device.expiresAt < tenant.clock.now().getTime()) {
    return deviceCodeEntryPage({ tenantName, error: "That code didn't work. Check the code and try again." });
  }
  return signInPage(context, device);
}

export function handleDeviceAuthenticate(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant, sessions } = context;
  const form = formBody(request);
  const flow = sessions.flow(form.get('flow') ?? '');
  const tenantName = tenant.seed.tenant.displayName;
  if (!flow || flow.kind !== 'deviceCode' || flow.state !== 'pending') {
    return messagePage({
      tenantName,
      title: 'Sign-in expired',
      message: 'This code is no longer waiting for a sign-in. Start again on the device.',
      status: 400,
    });
  }
  if (form.get('action') === 'cancel') {
    flow.state = 'declined';
    sessions.endFlow(flow.id);
    return messagePage({
      tenantName,
      title: 'Sign-in cancelled',
      message: 'You cancelled the sign-in. The device will be told.',
      status: 200,
    });
  }
  const proof = provedAndConsented(context, flow, form);
  if (!proof.ok) {
    if (!proof.failure) return proof.response;
    flow.state = { failure: proof.failure };
    sessions.endFlow(flow.id);
    return messagePage({
      tenantName,
      title: 'Sign-in failed',
      message: `AADSTS${proof.failure.codes[0]}: ${proof.failure.description} Return to the device: it will say so too.`,
      status: 400,
    });
  }
  sessions.endFlow(flow.id);
  flow.state = {
    grant: {
      userId: proof.userId,
      clientId: flow.clientId,
      scopes: flow.scopes,
      method: proof.method,
      platform: platformFromUserAgent(header(request, 'user-agent')),
      authenticatedAt: tenant.clock.now().getTime(),
    },
  };
  const client = tenant.servicePrincipalByAppId(flow.clientId);
  return messagePage({
    tenantName,
    title: 'You are signed in',
    message: `You have signed in to ${client?.displayName ?? flow.clientId} on your other device. You may now close this window.`,
    status: 200,
  });
}
