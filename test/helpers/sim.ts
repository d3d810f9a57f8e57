/**
 * The simulated tenant in tests, reached the way the product reaches Entra and Graph: the real
 * @azure/msal-node and @microsoft/microsoft-graph-client over HTTPS, trusting the simulator's CA
 * through the product's own transport (no NODE_EXTRA_CA_CERTS).
 */
import { after } from 'node:test';

import { ConfidentialClientApplication, PublicClientApplication, type AuthenticationResult } from '@azure/msal-node';
import type { Client } from '@microsoft/microsoft-graph-client';

import { createGraphClient } from '../../src/main/entra/graph-client.ts';
import { GraphConnection, type GraphConnectionOptions } from '../../src/main/entra/graph-connection.ts';
import { httpsRequest, type HttpsResponse } from '../../src/main/entra/https-request.ts';
import { TrustingNetworkClient } from '../../src/main/entra/msal-network-client.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { startSimulator, type Seed, type Simulator, type SimulatorOptions } from '../../src/sim/index.ts';

export const graphScope = 'https://graph.microsoft.com/.default';

/** Starts a simulator for this test file; it stops after the file's tests. */
export async function startTestSimulator(seed: Seed, options: Omit<SimulatorOptions, 'seed'> = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed, ...options });
  after(() => sim.close());
  return sim;
}

export function msalAuth(sim: Simulator, clientId: string) {
  return { clientId, authority: sim.authority, knownAuthorities: [sim.authorityHost] };
}

/** An app signing in with its certificate from the seed: PS256 + x5t#S256 by default, RS256 + x5t with `sha1`. */
export function confidentialClient(sim: Simulator, appId: string, options: { sha1?: boolean } = {}): ConfidentialClientApplication {
  const credential = sim.secrets.credentials.find((c) => c.appId === appId);
  if (!credential) throw new Error(`no credential for ${appId} in the seed`);
  const facts = certificateFacts(credential.certificatePem);
  return new ConfidentialClientApplication({
    auth: {
      ...msalAuth(sim, appId),
      clientCertificate: {
        ...(options.sha1 ? { thumbprint: facts.sha1Hex } : { thumbprintSha256: facts.sha256Hex }),
        privateKey: credential.privateKeyPem,
        x5c: credential.certificatePem,
      },
    },
    system: { networkClient: new TrustingNetworkClient(sim.caCertificatePem) },
  });
}

export function publicClient(sim: Simulator, clientId: string): PublicClientApplication {
  return new PublicClientApplication({
    auth: msalAuth(sim, clientId),
    system: { networkClient: new TrustingNetworkClient(sim.caCertificatePem) },
  });
}

export function graphClient(sim: Simulator, getAccessToken: () => Promise<string>, maxRetries?: number): Client {
  return createGraphClient({
    graphBaseUrl: sim.endpoints.graph,
    getAccessToken,
    trustedCa: sim.caCertificatePem,
    ...(maxRetries !== undefined ? { retry: { maxRetries } } : {}),
  });
}

/** A Graph client acting as the app with the given appId (client credentials). */
export function appGraphClient(sim: Simulator, appId: string, maxRetries?: number): Client {
  const app = confidentialClient(sim, appId);
  return graphClient(sim, async () => (await app.acquireTokenByClientCredential({ scopes: [graphScope] }))!.accessToken, maxRetries);
}

/** Where a simulator is and the CA it uses: all a client needs to reach it. */
export type SimAddress = Pick<Simulator, 'origin' | 'caCertificatePem'>;

/** Any HTTPS request to the simulator. */
export function simRequest(
  sim: SimAddress,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsResponse> {
  return httpsRequest(`${sim.origin}${path}`, {
    method: options.method ?? 'GET',
    ca: sim.caCertificatePem,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
}

/**
 * What the custodian does on a page of the simulated sign-in: touch a key, cancel, use the
 * envelope password – or answer the consent page (for the organization, for oneself, or cancel).
 */
export type KeyTouch =
  | { readonly key: string; readonly pin: string }
  | { readonly cancel: true }
  | { readonly username: string; readonly password: string }
  | { readonly consent: 'organization' | 'me' | 'decline' };

function formFields(touch: KeyTouch): Record<string, string> {
  if ('cancel' in touch) return { action: 'cancel' };
  if ('consent' in touch)
    return touch.consent === 'decline'
      ? { action: 'consent-decline' }
      : { action: 'consent-accept', ...(touch.consent === 'organization' ? { consent_org: 'true' } : {}) };
  if ('password' in touch) return { action: 'password', username: touch.username, password: touch.password };
  return { action: 'touch', key: touch.key, pin: touch.pin };
}

/** What a custodian does on the simulated security-key page: read it, then post the form. */
export async function answerSecurityKeyPage(
  sim: SimAddress,
  page: HttpsResponse,
  formAction: string,
  touch: KeyTouch,
): Promise<HttpsResponse> {
  const html = page.body.toString('utf8');
  const flow = /name="flow" value="([^"]+)"/.exec(html)?.[1];
  if (!flow) throw new Error(`no sign-in form on the page (status ${page.status}): ${html.slice(0, 400)}`);
  return simRequest(sim, formAction, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ flow, ...formFields(touch) }).toString(),
  });
}

const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');

/** The action and fields of a form_post response page, or undefined for any other page. */
export function formPost(html: string): { action: string; fields: URLSearchParams } | undefined {
  if (!html.includes('/sim-assets/form-post.js')) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return undefined;
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields.append(unescapeHtml(match[1]!), unescapeHtml(match[2]!));
  return { action: unescapeHtml(action), fields };
}

/**
 * The system browser in an interactive sign-in: opens the authorize URL msal built, answers
 * the security-key page, and follows the redirect to msal's loopback listener.
 */
export function scriptedBrowser(sim: SimAddress, touches: readonly KeyTouch[]) {
  const seen: { authorizeUrl?: URL; pages: string[] } = { pages: [] };
  const openBrowser = async (url: string) => {
    const authorizeUrl = new URL(url);
    seen.authorizeUrl = authorizeUrl;
    let page = await simRequest(sim, `${authorizeUrl.pathname}${authorizeUrl.search}`);
    for (const touch of touches) {
      seen.pages.push(page.body.toString('utf8'));
      const answer = await answerSecurityKeyPage(sim, page, authorizeUrl.pathname, touch);
      if (answer.status === 302) {
        // response_mode=query: the loopback redirect is plain http on localhost (docs/microsoft-behaviour.md, "Interactive sign-in and the loopback redirect").
        await fetch(answer.headers['location']!, { redirect: 'manual' });
        return;
      }
      const posted = formPost(answer.body.toString('utf8'));
      if (posted) {
        // response_mode=form_post, which msal-node 7 asks for: what the page's script does.
        await fetch(posted.action, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: posted.fields.toString(),
          redirect: 'manual',
        });
        return;
      }
      page = answer;
    }
    seen.pages.push(page.body.toString('utf8'));
  };
  return { openBrowser, seen };
}

/** An interactive security-key sign-in through msal's acquireTokenInteractive. */
export async function signInWithSecurityKey(
  sim: Simulator,
  clientId: string,
  touches: readonly KeyTouch[],
  loginHint?: string,
  scopes: readonly string[] = [graphScope],
): Promise<AuthenticationResult> {
  const browser = scriptedBrowser(sim, touches);
  return publicClient(sim, clientId).acquireTokenInteractive({
    scopes: [...scopes],
    openBrowser: browser.openBrowser,
    prompt: 'login',
    ...(loginHint ? { loginHint } : {}),
    successTemplate: 'Signed in.',
    errorTemplate: 'Sign-in failed.',
  });
}

/** The product's careful Graph connection, acting as the app with the given appId. */
export function appGraphConnection(
  sim: Simulator,
  appId: string,
  options: Pick<GraphConnectionOptions, 'retry' | 'version'> = {},
): GraphConnection {
  const app = confidentialClient(sim, appId);
  return new GraphConnection({
    graphBaseUrl: sim.endpoints.graph,
    trustedCa: sim.caCertificatePem,
    getAccessToken: async () => (await app.acquireTokenByClientCredential({ scopes: [graphScope] }))!.accessToken,
    ...options,
  });
}
