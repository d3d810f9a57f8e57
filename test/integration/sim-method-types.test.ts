/**
 * Authentication method types as Microsoft Graph defines them, through the real Graph client: a
 * seed may hold the external, platform credential, QR code + PIN and hardware OATH methods, and the
 * list answers with only the types "supported on this API version" (resources/authenticationmethod):
 * external on v1.0, the others on beta only (docs/microsoft-behaviour.md, "Passkeys, certificates and mandatory MFA").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { AuthenticationMethod } from '@microsoft/microsoft-graph-types';

import { graphError, type Page, type Typed } from '../helpers/graph-test.ts';
import { ids, testSeed } from '../helpers/sim-seed.ts';
import { appGraphClient, startTestSimulator } from '../helpers/sim.ts';

const extra = [
  {
    '@odata.type': '#microsoft.graph.externalAuthenticationMethod',
    id: 'ext-1',
    configurationId: 'c0000000-0000-4000-8000-0000000000e1',
    displayName: 'Partner MFA',
    createdDateTime: '2026-03-01T09:00:00Z',
  },
  {
    '@odata.type': '#microsoft.graph.platformCredentialAuthenticationMethod',
    id: 'psso-1',
    displayName: 'MacBook',
    keyStrength: 'normal',
    platform: 'macOS',
  },
  { '@odata.type': '#microsoft.graph.qrCodePinAuthenticationMethod', id: 'qr-1' },
  { '@odata.type': '#microsoft.graph.hardwareOathAuthenticationMethod', id: 'hw-1' },
];
const sim = await startTestSimulator(
  testSeed((json) => {
    const users = json['users'] as Array<{ id: string; authenticationMethods?: unknown[] }>;
    users.find((u) => u.id === ids.bg2)!.authenticationMethods!.push(...extra);
  }),
);
const breakGlass = appGraphClient(sim, ids.bgApp.appId);
const types = (page: Page<Typed<AuthenticationMethod>>) => page.value.map((m) => m['@odata.type']).sort();

describe('authentication method types by API version', () => {
  test('v1.0 lists the external method but not the beta-only types', async () => {
    const page = (await breakGlass.api(`/users/${ids.bg2}/authentication/methods`).get()) as Page<Typed<AuthenticationMethod>>;
    assert.ok(types(page).includes('#microsoft.graph.externalAuthenticationMethod'));
    for (const betaOnly of ['platformCredential', 'qrCodePin', 'hardwareOath'])
      assert.ok(!types(page).includes(`#microsoft.graph.${betaOnly}AuthenticationMethod`), `${betaOnly} is not on v1.0`);
  });

  test('beta lists every type the seed holds', async () => {
    const page = (await breakGlass.api(`/users/${ids.bg2}/authentication/methods`).version('beta').get()) as Page<
      Typed<AuthenticationMethod>
    >;
    for (const method of extra) assert.ok(types(page).includes(method['@odata.type']), method['@odata.type']);
  });

  test('a method of a type Graph does not have is refused in the seed', () => {
    assert.throws(
      () =>
        testSeed((json) => {
          const users = json['users'] as Array<{ id: string; authenticationMethods?: unknown[] }>;
          users
            .find((u) => u.id === ids.bg2)!
            .authenticationMethods!.push({ '@odata.type': '#microsoft.graph.x509CertificateAuthenticationMethod', id: 'x-1' });
        }),
      /authenticationMethods/,
    );
  });

  test('without a methods permission the list is still refused', async () => {
    await assert.rejects(
      appGraphClient(sim, ids.reader.appId).api(`/users/${ids.bg2}/authentication/methods`).get(),
      graphError(403, 'Authorization_RequestDenied'),
    );
  });
});
