/**
 * The token endpoint as the Microsoft identity platform documents it
 * (MicrosoftDocs/entra-docs v2-oauth2-client-creds-grant-flow.md): the simulator answers the
 * certificate client-credentials request msal-node sends in the shape of Microsoft's successful
 * response, and a scope of no resource in the shape of Microsoft's error response, which the
 * product's AADSTS reader reads. The answers are taken as msal-node received them.
 */
import assert from 'node:assert/strict';

import { ConfidentialClientApplication, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

import { explainSignInFailure, parseEntraError } from '../../src/core/aadsts/index.ts';
import { TrustingNetworkClient } from '../../src/main/entra/msal-network-client.ts';
import { certificateFacts, type Simulator } from '../../src/sim/index.ts';
import { ids } from '../helpers/sim-seed.ts';
import { conformanceCase, type SimulatorAnswer } from './conformance.ts';

/** msal-node's network client, keeping what the token endpoint answered. */
class RecordingNetworkClient extends TrustingNetworkClient {
  readonly tokenAnswers: SimulatorAnswer[] = [];

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
      clientCertificate: { thumbprintSha256: certificateFacts(credential.certificatePem).sha256Hex, privateKey: credential.privateKeyPem, x5c: credential.certificatePem },
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
      "the access token on Microsoft's page is shortened (\"eyJ0…NXBP...\") and the product reads the token's claims (factsFromToken); msal-node reads this response in every sign-in test through the simulator",
  },
});

conformanceCase({
  example: 'token-error-invalid-scope',
  answer: (tenant) => tokenAnswer(tenant.sim, 'https://foo.microsoft.com/.default'),
  product: {
    reader: 'parseEntraError and the sign-in advice',
    read: (_replay, example) => {
      const failure = parseEntraError(example.response.body);
      assert.deepEqual([failure.code, failure.error, failure.traceId, failure.correlationId], [70011, 'invalid_scope', '255d1aef-8c98-452f-ac51-23d051240864', 'fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7']);
      assert.ok(explainSignInFailure(failure, { path: 'certificate' }).nextSteps.length > 0);
      return Promise.resolve();
    },
  },
});
