/**
 * The token endpoint as the Microsoft identity platform documents it (MicrosoftDocs/entra-docs
 * v2-oauth2-client-creds-grant-flow.md, v2-oauth2-auth-code-flow.md, v2-oauth2-device-code.md,
 * v2-protocols-oidc.md): the simulator answers the requests msal-node sends – the certificate
 * client credentials, the authorization code with PKCE, the device code, the OpenID
 * configuration – in the shape of Microsoft's responses, and a scope of no resource in the shape
 * of Microsoft's error response, which the product's AADSTS reader reads. The answers are taken as
 * msal-node received them.
 */
import assert from 'node:assert/strict';

import { ConfidentialClientApplication, PublicClientApplication, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

import { explainSignInFailure, parseEntraError } from '../../src/core/aadsts/index.ts';
import { TrustingNetworkClient } from '../../src/main/entra/msal-network-client.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { type Simulator } from '../../src/sim/index.ts';
import { ids, keyIndex, pins } from '../helpers/sim-seed.ts';
import { answerSecurityKeyPage, graphScope, msalAuth, scriptedBrowser, simRequest } from '../helpers/sim.ts';
import { conformanceCase, type SimulatorAnswer } from './conformance.ts';

/** msal-node's network client, keeping what the token endpoint and the OpenID configuration answered. */
class RecordingNetworkClient extends TrustingNetworkClient {
  readonly tokenAnswers: SimulatorAnswer[] = [];
  readonly openIdConfigurations: SimulatorAnswer[] = [];

  override async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const response = await super.sendGetRequestAsync<T>(url, options, timeout);
    if (url.includes('/.well-known/openid-configuration')) this.openIdConfigurations.push({ status: response.status, body: response.body });
    return response;
  }

  override async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const response = await super.sendPostRequestAsync<T>(url, options);
    if (url.includes('/oauth2/v2.0/token')) this.tokenAnswers.push({ status: response.status, body: response.body });
    return response;
  }
}

/** The break-glass app asks for a token for `scope` as the product does (PS256, x5t#S256); what the endpoint answered. */
async function tokenAnswer(sim: Simulator, scope: string): Promise<SimulatorAnswer> {
  const credential = sim.secrets.credentials.find((c) => c.appId === ids.bgApp.appId)!;
  const network = new RecordingNetworkClient(sim.caCertificatePem);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: ids.bgApp.appId,
      authority: sim.authority,
      knownAuthorities: [sim.authorityHost],
      clientCertificate: {
        thumbprintSha256: certificateFacts(credential.certificatePem).sha256Hex,
        privateKey: credential.privateKeyPem,
        x5c: credential.certificatePem,
      },
    },
    system: { networkClient: network },
  });
  await app.acquireTokenByClientCredential({ scopes: [scope] }).catch(() => undefined);
  const answer = network.tokenAnswers.at(-1);
  assert.ok(answer, 'msal-node sent no token request');
  return answer;
}

conformanceCase({
  example: 'token-client-credentials-certificate',
  answer: (tenant) => tokenAnswer(tenant.sim, 'https://graph.microsoft.com/.default'),
  product: {
    notReadBecause:
      'the access token on Microsoft\'s page is shortened ("eyJ0…NXBP...") and the product reads the token\'s claims (factsFromToken); msal-node reads this response in every sign-in test through the simulator',
  },
});

conformanceCase({
  example: 'token-error-invalid-scope',
  answer: (tenant) => tokenAnswer(tenant.sim, 'https://foo.microsoft.com/.default'),
  product: {
    reader: 'parseEntraError and the sign-in advice',
    read: (_replay, example) => {
      const failure = parseEntraError(example.response.body);
      assert.deepEqual(
        [failure.code, failure.error, failure.traceId, failure.correlationId],
        [70011, 'invalid_scope', '255d1aef-8c98-452f-ac51-23d051240864', 'fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7'],
      );
      assert.ok(explainSignInFailure(failure, { path: 'certificate' }).nextSteps.length > 0);
      return Promise.resolve();
    },
  },
});

/** The custodian's public client (the product's sign-in client here), recording what msal-node received. */
function custodianClient(sim: Simulator): { app: PublicClientApplication; network: RecordingNetworkClient } {
  const network = new RecordingNetworkClient(sim.caCertificatePem);
  return { app: new PublicClientApplication({ auth: msalAuth(sim, ids.custodian.appId), system: { networkClient: network } }), network };
}

const lastAnswer = (answers: readonly SimulatorAnswer[], what: string): SimulatorAnswer => {
  const answer = answers.at(-1);
  assert.ok(answer, `msal-node received no ${what}`);
  return answer;
};

const shortenedTokens =
  'the tokens on Microsoft\'s page are shortened ("eyJ0…NHVEZ2ZEstZnl0aEV1Q...") and the product reads the token\'s claims (factsFromToken); msal-node reads this response in every sign-in test through the simulator';

conformanceCase({
  example: 'token-authorization-code',
  // bg1 signs in with the security key in the system browser, as the product's interactive sign-in does.
  answer: async (tenant) => {
    const { app, network } = custodianClient(tenant.sim);
    const browser = scriptedBrowser(tenant.sim, [{ key: keyIndex.bg1, pin: pins.bg1 }]);
    await app.acquireTokenInteractive({
      scopes: [graphScope],
      openBrowser: browser.openBrowser,
      prompt: 'login',
      successTemplate: 'Signed in.',
      errorTemplate: 'Sign-in failed.',
    });
    return lastAnswer(network.tokenAnswers, 'token response');
  },
  product: { notReadBecause: shortenedTokens },
});

conformanceCase({
  example: 'token-device-code',
  // bg1 enters the code and touches the key on another device while msal-node polls.
  answer: async (tenant) => {
    const { app, network } = custodianClient(tenant.sim);
    await app.acquireTokenByDeviceCode({
      scopes: [graphScope],
      deviceCodeCallback: (response) => {
        void (async () => {
          const entry = await simRequest(tenant.sim, new URL(response.verificationUri).pathname, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `user_code=${encodeURIComponent(response.userCode)}`,
          });
          await answerSecurityKeyPage(tenant.sim, entry, '/devicelogin/authenticate', { key: keyIndex.bg1, pin: pins.bg1 });
        })();
      },
    });
    return lastAnswer(network.tokenAnswers, 'token response');
  },
  product: { notReadBecause: shortenedTokens },
});

conformanceCase({
  example: 'oidc-openid-configuration',
  // The tenant's authority, as msal-node asks it before its first token request.
  answer: async (tenant) => {
    const { app, network } = custodianClient(tenant.sim);
    await app.getAuthCodeUrl({ scopes: [graphScope], redirectUri: 'http://localhost' });
    return lastAnswer(network.openIdConfigurations, 'OpenID configuration');
  },
  product: {
    notReadBecause:
      "the page's document is truncated and has no issuer, which msal-node requires of an OpenID configuration (msal-common isOpenIdConfigResponse: authorization_endpoint, token_endpoint, issuer, jwks_uri); msal-node reads the simulator's document in every sign-in test",
  },
});
