/**
 * The two emergency sign-ins (docs/domain.md, "Who uses it": the two kinds of break-glass credential):
 * - the break-glass app with its certificate: client credentials with a certificate assertion
 *   (`ConfidentialClientApplication`, SHA-256 thumbprint → PS256 + x5t#S256);
 * - a break-glass user with a FIDO2 key: authorization code + PKCE in the system browser through
 *   `acquireTokenInteractive` (loopback redirect, `prompt=login`, the UPN as login hint), or the
 *   device-code flow when no browser can be opened here. Never the password grant.
 * A failure becomes a SignInError carrying the plain explanation of its AADSTS code.
 */
import { ConfidentialClientApplication, PublicClientApplication, type AccountInfo } from '@azure/msal-node';

import { explainSignInFailure, parseEntraError, type SignInExplanation } from '../../core/aadsts/index.ts';
import { delegatedScopesToRequest } from '../../core/graph/delegated-permissions.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import { describeCertificate, type CertificateCredential } from '../credentials/certificate-credential.ts';
import { defaultScope, delegatedScopes, type TenantEndpoints } from './endpoints.ts';
import { TrustingNetworkClient } from './msal-network-client.ts';
import { TenantSession, factsFromToken, type SignInMethod } from './tenant-session.ts';
import type { RetryPolicy } from './throttle-retry.ts';

/** A sign-in that did not succeed, explained (code, what it means, what to try next). */
export class SignInError extends ActionableError {
  readonly explanation: SignInExplanation;

  constructor(explanation: SignInExplanation, cause: unknown) {
    super(`${explanation.title}. ${explanation.explanation}`, explanation.nextSteps.join(' '), { cause });
    this.name = 'SignInError';
    this.explanation = explanation;
  }
}

type PathContext = { readonly otherAccountAvailable?: boolean; readonly appPathAvailable?: boolean };

function explainError(error: unknown, path: 'security-key' | 'certificate' | 'device-code', context: PathContext): SignInError {
  return new SignInError(explainSignInFailure(parseEntraError(error), { path, ...context }), error);
}

function msalAuth(endpoints: TenantEndpoints, clientId: string) {
  return { clientId, authority: endpoints.authority, knownAuthorities: [...endpoints.knownAuthorities] };
}

function msalSystem(endpoints: TenantEndpoints) {
  // The simulator's CA is trusted for the simulator only; Microsoft's clouds use the system store.
  return endpoints.trustedCa ? { networkClient: new TrustingNetworkClient(endpoints.trustedCa) } : {};
}

export async function signInWithCertificate(options: {
  readonly endpoints: TenantEndpoints;
  readonly appId: string;
  readonly appName?: string;
  /** From loadCertificateCredential (the PFX) or certificateCredentialFromPem (the simulated safe). */
  readonly certificate: CertificateCredential;
  readonly context?: PathContext;
  readonly retry?: Partial<RetryPolicy>;
  readonly now?: () => Date;
}): Promise<TenantSession> {
  const { endpoints, appId, certificate } = options;
  const app = new ConfidentialClientApplication({
    auth: {
      ...msalAuth(endpoints, appId),
      clientCertificate: {
        thumbprintSha256: certificate.thumbprintSha256Hex,
        privateKey: certificate.privateKeyPem,
        x5c: certificate.certificatePem,
      },
    },
    system: msalSystem(endpoints),
  });
  const tokens = async (scope: string) => {
    const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
    if (!result) throw new Error('Microsoft Entra returned no token.');
    return { accessToken: result.accessToken, expiresOn: result.expiresOn };
  };
  let first;
  try {
    first = await tokens(defaultScope(endpoints, 'graph'));
  } catch (error) {
    throw explainError(error, 'certificate', options.context ?? {});
  }
  const now = options.now?.() ?? new Date();
  const facts = factsFromToken(
    first.accessToken,
    { kind: 'app', method: 'certificate', who: options.appName ?? appId, appId, credential: describeCertificate(certificate) },
    now,
  );
  return new TenantSession({ facts, endpoints, tokens, ...(options.retry ? { retry: options.retry } : {}) });
}

export type DeviceCodePrompt = {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  readonly expiresAt: string;
};

export async function signInWithSecurityKey(options: {
  readonly endpoints: TenantEndpoints;
  /** The public client the custodian signs in through. */
  readonly clientId: string;
  readonly userPrincipalName: string;
  /** Opens the authorize URL in the system browser; throws when there is none (→ device code). */
  readonly openBrowser?: (url: string) => Promise<void>;
  /** Shown to the custodian when the device-code flow is used. */
  readonly onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  readonly context?: PathContext;
  readonly retry?: Partial<RetryPolicy>;
  readonly now?: () => Date;
}): Promise<TenantSession> {
  const { endpoints, clientId } = options;
  const app = new PublicClientApplication({ auth: msalAuth(endpoints, clientId), system: msalSystem(endpoints) });
  // The named scopes every flow needs, never `.default` alone: that yields only what was consented
  // before, and never prompts an administrator who could consent (core/graph/delegated-permissions.ts).
  // msal adds openid, profile and offline_access itself.
  const graphScopes = delegatedScopes(endpoints, 'graph', delegatedScopesToRequest());
  let method: SignInMethod = options.openBrowser ? 'security-key' : 'device-code';
  let result;
  try {
    if (options.openBrowser) {
      result = await app.acquireTokenInteractive({
        scopes: graphScopes,
        openBrowser: options.openBrowser,
        // A break-glass sign-in must prove the key now, never reuse a browser session.
        prompt: 'login',
        loginHint: options.userPrincipalName,
        successTemplate: 'Signed in. Close this tab and return to Break-Glass Runbook.',
        errorTemplate: 'The sign-in did not complete. Return to Break-Glass Runbook: it explains what happened and what to try next.',
      });
    } else {
      method = 'device-code';
      result = await app.acquireTokenByDeviceCode({
        scopes: graphScopes,
        deviceCodeCallback: (response) =>
          options.onDeviceCode?.({
            userCode: response.userCode,
            verificationUri: response.verificationUri,
            message: response.message,
            expiresAt: new Date(Date.now() + response.expiresIn * 1000).toISOString(),
          }),
      });
    }
  } catch (error) {
    throw explainError(error, method === 'device-code' ? 'device-code' : 'security-key', options.context ?? {});
  }
  if (!result?.account) throw explainError(new Error('Microsoft Entra returned no account.'), 'security-key', options.context ?? {});
  const account: AccountInfo = result.account;
  const graphDefault = defaultScope(endpoints, 'graph');
  const tokens = async (wanted: string) => {
    const silent = await app.acquireTokenSilent({ account, scopes: wanted === graphDefault ? graphScopes : [wanted] });
    return { accessToken: silent.accessToken, expiresOn: silent.expiresOn };
  };
  const now = options.now?.() ?? new Date();
  const facts = factsFromToken(result.accessToken, { kind: 'user', method, who: account.username, appId: clientId }, now);
  return new TenantSession({ facts, endpoints, tokens, ...(options.retry ? { retry: options.retry } : {}) });
}
