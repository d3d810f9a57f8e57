/**
 * A tenant to rotate in: the test seed with bg1's envelope password known to the simulator, the
 * MFA policy excluding the break-glass group (so the envelope alone signs in), the break-glass
 * app allowed to manage authentication methods and still holding a client secret, and a second
 * key on bg1 registered during the incident. The journal already records that drill (two hours
 * ago): bg1 and the app signed in. One simulator outlives every app run, so a "restart" of the
 * app meets the tenant as the previous run left it.
 *
 * And the custodian's proof that a credential works: a real sign-in against the simulator.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import { certificateCredentialFromPem } from '../../src/main/credentials/certificate-credential.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { endpointsForSimulator } from '../../src/main/entra/endpoints.ts';
import { signInWithCertificate } from '../../src/main/entra/sign-in.ts';
import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { loadSeedFile, type Simulator } from '../../src/sim/index.ts';
import { ids, pins, testSeedJson, upn } from './sim-seed.ts';
import { graphScope, publicClient, scriptedBrowser, startTestSimulator, type KeyTouch } from './sim.ts';
import { tempDir } from './temp.ts';

export const envelopePassword = 'Envelope-Password-From-The-Safe-2026';
export const rogueKey = { method: 'bg1-key-rogue', index: '3', pin: '909090' } as const;
export const clientSecretKeyId = '5ec12e70-0000-4000-8000-000000000001';

export type RotationTenant = {
  readonly dir: string;
  readonly sim: Simulator;
  readonly seedPath: string;
  /** An app run on this tenant's data folder; closed after the test file unless closed before. `sleep`: how the app pauses (e.g. in simulated time). */
  start(options?: { readonly sleep?: (ms: number) => Promise<void> }): AppServices;
  readonly seededCertificate: { certificatePem: string; privateKeyPem: string };
};

export async function rotationTenant(options: { readonly change?: (json: Record<string, unknown>) => void } = {}): Promise<RotationTenant> {
  const dir = tempDir();
  const json = testSeedJson();
  const policies = json['conditionalAccessPolicies'] as Array<{ id: string; conditions: { users: { excludeGroups: string[] } } }>;
  policies.find((p) => p.id === ids.mfaPolicy)!.conditions.users.excludeGroups.push(ids.exclusionGroup);
  const users = json['users'] as Array<{ id: string; authenticationMethods?: unknown[] }>;
  users
    .find((u) => u.id === ids.bg1)!
    .authenticationMethods!.push({
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
      id: rogueKey.method,
      displayName: 'Added during the incident',
      aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
      model: 'YubiKey 5 Series',
      createdDateTime: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
  const apps = json['applications'] as Array<{ appId: string; passwordCredentials: unknown[] }>;
  apps
    .find((a) => a.appId === ids.bgApp.appId)!
    .passwordCredentials.push({
      keyId: clientSecretKeyId,
      displayName: 'setup test',
      hint: 'abc',
      startDateTime: '2026-01-12T15:00:00Z',
      endDateTime: '2027-01-12T15:00:00Z',
    });
  const secrets = json['simulator'] as {
    securityKeys: unknown[];
    passwords: unknown[];
    credentials: Array<{ appId: string; certificatePem: string; privateKeyPem: string }>;
  };
  secrets.securityKeys.push({ userId: ids.bg1, fido2MethodId: rogueKey.method, pin: rogueKey.pin });
  secrets.passwords.push({ userId: ids.bg1, password: envelopePassword });
  options.change?.(json);

  const seedPath = join(dir, 'rotation.seed.json');
  writeFileSync(seedPath, JSON.stringify(json));
  const configPath = join(dir, 'rotation.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      tenantId: ids.tenant,
      accounts: [{ userPrincipalName: upn('bg1'), id: ids.bg1 }],
      exclusionGroupId: ids.exclusionGroup,
      app: { appId: ids.bgApp.appId, objectId: ids.bgApp.objectId },
      reader: { appId: ids.reader.appId },
      reviewIntervalDays: 90,
    }),
  );
  const sim = await startTestSimulator(loadSeedFile(seedPath));
  const setup = () =>
    resolveAppSetup({
      host: 'web',
      appDir: dir,
      version: '0.0.0-test',
      dataDir: join(dir, 'data'),
      simSeedPath: seedPath,
      configPath,
      redaction: 'development',
    });

  // The drill two hours ago, as the app journaled it: bg1 with its key, then the app certificate.
  const twoHoursAgo = Date.now() - 2 * 3_600_000;
  const drill = JournalStore.open(setup().journalFile, { redaction: 'development', now: () => new Date(twoHoursAgo) });
  const session = drill.openSession({
    kind: 'drill',
    title: 'Drill: ca-lockout',
    actor: 'Ada Custodian',
    details: { runbook: 'incident', scenario: 'ca-lockout' },
  });
  drill.append({
    sessionId: session.id,
    actor: 'Ada Custodian',
    kind: 'sign-in-result',
    summary: `Signed in as ${upn('bg1')}.`,
    data: { outcome: 'signed-in', method: 'security-key', who: upn('bg1') },
  });
  drill.append({
    sessionId: session.id,
    actor: 'Ada Custodian',
    kind: 'sign-in-result',
    summary: 'Signed in as Break-glass app.',
    data: { outcome: 'signed-in', method: 'certificate', who: 'Break-glass app' },
  });
  drill.closeSession(session.id, { actor: 'Ada Custodian', details: { summary: 'Drill done.' } });
  drill.close();

  const running: AppServices[] = [];
  after(async () => {
    for (const services of running) await services.close();
  });
  const seeded = secrets.credentials.find((c) => c.appId === ids.bgApp.appId)!;
  return {
    dir,
    sim,
    seedPath,
    seededCertificate: { certificatePem: seeded.certificatePem, privateKeyPem: seeded.privateKeyPem },
    start(options = {}) {
      const services = startAppServices(setup(), { simulator: sim, ...options });
      running.push(services);
      return services;
    },
  };
}

/** Whether the app signs in with this certificate (a real client-credentials token request). */
export async function appSignsIn(sim: Simulator, certificate: { certificatePem: string; privateKeyPem: string }): Promise<boolean> {
  try {
    const session = await signInWithCertificate({
      endpoints: endpointsForSimulator(sim),
      appId: ids.bgApp.appId,
      certificate: certificateCredentialFromPem({ ...certificate, label: 'test' }),
    });
    session.signOut();
    return true;
  } catch {
    return false;
  }
}

/**
 * bg1 on the security-key page with this key or envelope password: the account signed in, or the
 * words of the page that refused it (read, then cancelled, as a custodian would; msal then rejects).
 */
export async function bg1Touch(
  sim: Simulator,
  with_: { key: string; pin: string } | { password: string },
): Promise<{ signedIn: string } | { refused: string }> {
  const touch: KeyTouch = 'password' in with_ ? { username: upn('bg1'), password: with_.password } : with_;
  const browser = scriptedBrowser(sim, [touch, { cancel: true }]);
  try {
    const result = await publicClient(sim, ids.custodian.appId).acquireTokenInteractive({
      scopes: [graphScope],
      openBrowser: browser.openBrowser,
      prompt: 'login',
      loginHint: upn('bg1'),
      successTemplate: 'ok',
      errorTemplate: 'no',
    });
    return { signedIn: result.account?.username ?? '' };
  } catch {
    return { refused: browser.seen.pages[1] ?? '' };
  }
}

/** Whether bg1 signs in on the security-key page with this key or envelope password. */
export async function bg1SignsIn(sim: Simulator, with_: { key: string; pin: string } | { password: string }): Promise<boolean> {
  const answer = await bg1Touch(sim, with_);
  return 'signedIn' in answer && answer.signedIn === upn('bg1');
}

export const bg1SafeKey = { key: '0', pin: pins.bg1 } as const;

/**
 * The app's certificates as Graph returned them on `$select=keyCredentials` (so with `key`), each
 * as its thumbprint in hex – taken from the certificate itself – after checking that its
 * customKeyIdentifier is what Graph defaults it to: the base64 of the thumbprint's bytes
 * (https://learn.microsoft.com/graph/api/resources/keycredential).
 */
export function keyThumbprints(keys: readonly KeyCredential[]): string[] {
  return keys.map((k) => {
    assert.ok(k.key, `Graph returned no key for keyId ${k.keyId}`);
    const facts = certificateFacts(k.key);
    assert.equal(k.customKeyIdentifier, facts.sha1Base64, `keyId ${k.keyId}: customKeyIdentifier is not Graph's base64 thumbprint`);
    return facts.sha1Hex;
  });
}

/** The invariant, checked by signing in: the app with its old or new certificate, bg1 with its safe key and its old or new password. */
export async function assertSomeCredentialWorks(
  sim: Simulator,
  known: {
    oldCertificate: { certificatePem: string; privateKeyPem: string };
    newCertificate?: { certificatePem: string; privateKeyPem: string };
    passwords: readonly string[];
  },
  when: string,
): Promise<void> {
  const app =
    (await appSignsIn(sim, known.oldCertificate)) || (known.newCertificate !== undefined && (await appSignsIn(sim, known.newCertificate)));
  assert.ok(app, `${when}: neither the old nor the new certificate signs the app in`);
  assert.ok(await bg1SignsIn(sim, bg1SafeKey), `${when}: bg1's safe key does not sign in`);
  let password = false;
  for (const candidate of known.passwords) password ||= await bg1SignsIn(sim, { password: candidate });
  assert.ok(password, `${when}: none of bg1's known passwords signs in`);
}

/**
 * The demo tenant as shipped, or with the planted problems that are not credentials fixed the way
 * the organisation would fix them after its readiness drill (assets/demo-tenant.README.md, rows 1,
 * 6 and 7): CA210 excludes the exclusion group instead of breakglass1 alone, the Sev-0 account
 * alert names both accounts, the action group also texts a phone outside the tenant. The app
 * has no Azure Monitor write path (those are fixed in the Azure portal), so this is done in the
 * seed. Planted problem 5, the app's client secret, is left for the rotation to remove.
 */
export function demoSeedJson(options: { readonly findingsFixed: boolean }): Record<string, unknown> {
  const json = JSON.parse(readFileSync(join(process.cwd(), 'assets', 'demo-tenant.seed.json'), 'utf8')) as Record<string, unknown>;
  if (!options.findingsFixed) return json;
  const config = JSON.parse(readFileSync(join(process.cwd(), 'assets', 'demo-tenant.config.json'), 'utf8')) as {
    exclusionGroupId: string;
    accounts: Array<{ id: string }>;
  };
  const policies = json['conditionalAccessPolicies'] as Array<{
    displayName: string;
    conditions: { users: { excludeUsers: string[]; excludeGroups: string[] } };
  }>;
  const ca210 = policies.find((p) => p.displayName.startsWith('CA210'))!;
  ca210.conditions.users.excludeUsers = ca210.conditions.users.excludeUsers.filter((id) => !config.accounts.some((a) => a.id === id));
  ca210.conditions.users.excludeGroups.push(config.exclusionGroupId);
  const azure = json['azure'] as {
    scheduledQueryRules: Array<{ name: string; properties: { criteria: { allOf: Array<{ query: string }> } } }>;
    actionGroups: Array<{ properties: { smsReceivers: unknown[] } }>;
  };
  const accountRule = azure.scheduledQueryRules.find((r) => r.name === 'sev0-breakglass-account-signin')!;
  accountRule.properties.criteria.allOf[0]!.query = accountRule.properties.criteria.allOf[0]!.query.replace(
    /UserId in \([^)]*\)/,
    `UserId in (${config.accounts.map((a) => `"${a.id}"`).join(', ')})`,
  );
  azure.actionGroups[0]!.properties.smsReceivers.push({
    name: 'Custodian on duty',
    countryCode: '44',
    phoneNumber: '7700900123',
    status: 'Enabled',
  });
  return json;
}
