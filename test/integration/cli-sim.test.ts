/**
 * `breakglass sim --seed SEED [--port N]` (docs/domain.md, "The `breakglass` command"): serves the simulated tenant,
 * prints its endpoints and CA certificate path, refuses a bad seed before listening.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { ConfidentialClientApplication } from '@azure/msal-node';
import { decodeJwt } from 'jose';

import { TrustingNetworkClient } from '../../src/main/entra/msal-network-client.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { ids, testCertificates, testSeedJson } from '../helpers/sim-seed.ts';
import { tempDir } from '../helpers/temp.ts';

function seedFile(change?: (json: Record<string, unknown>) => void): string {
  const json = testSeedJson();
  change?.(json);
  const path = join(tempDir(), 'tenant.seed.json');
  writeFileSync(path, JSON.stringify(json, null, 2));
  return path;
}

const field = (lines: readonly string[], name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);

describe('breakglass sim', () => {
  test('serves the seed over HTTPS, prints endpoints and the CA path, and a real msal-node client signs in with that CA', async () => {
    const running = await startCli(['sim', '--seed', seedFile()], /^CA certificate: /);
    try {
      const authority = field(running.lines, 'Authority')!;
      const caPath = field(running.lines, 'CA certificate')!;
      assert.match(field(running.lines, 'Simulated tenant')!, new RegExp(`Drill Test Tenant \\(${ids.tenant}\\)`));
      assert.match(authority, new RegExp(`^https://127\\.0\\.0\\.1:\\d+/${ids.tenant}$`));
      const endpoints = JSON.parse(field(running.lines, 'Endpoints')!) as { authority: string; graph: string; arm: string };
      assert.equal(endpoints.authority, new URL(authority).origin);
      assert.match(readFileSync(caPath, 'utf8'), /^-----BEGIN CERTIFICATE-----/);

      const cert = testCertificates().bgApp;
      const app = new ConfidentialClientApplication({
        auth: {
          clientId: ids.bgApp.appId,
          authority,
          knownAuthorities: [new URL(authority).host],
          clientCertificate: { thumbprintSha256: certificateFacts(cert.certificatePem).sha256Hex, privateKey: cert.privateKeyPem },
        },
        system: { networkClient: new TrustingNetworkClient(readFileSync(caPath, 'utf8')) },
      });
      const result = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      assert.equal(decodeJwt(result!.accessToken)['oid'], ids.bgApp.sp);

      assert.equal(await running.stop(), 0);
      assert.match(running.stderr(), /Nothing here touches a real tenant/);
      assert.equal(existsSync(caPath), false, 'the CA certificate file is removed when the simulator stops');
    } finally {
      await running.stop();
    }
  });

  test('--port serves on the port asked for', async () => {
    const probe = await startCli(['sim', '--seed', seedFile()], /^CA certificate: /);
    const port = Number(new URL(field(probe.lines, 'Authority')!).port);
    await probe.stop();
    const running = await startCli(['sim', '--seed', seedFile(), '--port', String(port)], /^CA certificate: /);
    try {
      assert.equal(new URL(field(running.lines, 'Authority')!).port, String(port));
    } finally {
      await running.stop();
    }
  });

  test('a bad seed exits 2 before serving, naming every problem by its JSON path', () => {
    const path = seedFile((json) => {
      (json['users'] as Array<Record<string, unknown>>)[1]!['favouriteColour'] = 'red';
      (json['groups'] as Array<Record<string, unknown>>)[0]!['mailEnabled'] = 'no';
    });
    const result = runCli(['sim', '--seed', path]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '', 'nothing was served');
    assert.match(result.stderr, /\$\.users\[1\]\.favouriteColour: unknown key/);
    assert.match(result.stderr, /\(2 problems\)/);
    assert.match(result.stderr, /\$\.groups\[0\]\.mailEnabled: must be boolean/);
    assert.match(result.stderr, /Next step: /);
  });

  test('a dangling id is refused the same way', () => {
    const path = seedFile((json) =>
      (json['groups'] as Array<{ members: string[] }>)[0]!.members.push('99999999-9999-4999-8999-999999999999'),
    );
    const result = runCli(['sim', '--seed', path]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\$\.groups\[0\]\.members\[1\]: member "99999999-9999-4999-8999-999999999999" is not in the seed/);
  });

  test('without --seed, or with a seed that is not JSON, it exits 2 and says what to do', () => {
    const missing = runCli(['sim']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /needs --seed SEED/);
    assert.match(missing.stderr, /assets\/demo-tenant\.seed\.json/);
    const notJson = join(tempDir(), 'broken.json');
    writeFileSync(notJson, '{ "tenant": ');
    const broken = runCli(['sim', '--seed', notJson]);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /is not valid JSON/);
  });
});
