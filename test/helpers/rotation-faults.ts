/**
 * What the rotation-fault tests share (docs/domain.md, "Rotation after use"): which calls reached
 * the simulator and what it answered, read off Node's HTTP diagnostics channels (the simulator
 * serves in the test's process, so every fault is shown to have happened); the Graph calls each
 * step writes with; and the tenant read and signed in to as the custodian would.
 */
import assert from 'node:assert/strict';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import type { JournalEntry } from '../../src/core/journal/model.ts';
import type { CertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import type { AppServices } from '../../src/main/services/app-services.ts';
import type { FaultRule } from '../../src/sim/index.ts';
import type { SignInRequest } from '../../src/shared/model/sign-in.ts';
import { appSignsIn, bg1SafeKey, bg1SignsIn, envelopePassword, keyThumbprints, rogueKey, type RotationTenant } from './rotation.ts';
import { ids, upn } from './sim-seed.ts';
import { settleReadiness, settleSignIn } from './services.ts';
import { appGraphConnection } from './sim.ts';

export const ada = 'Ada Custodian';
export const passphrase = 'correct horse battery staple safe';
export const bg1 = upn('bg1');

// ── what reached the simulator ─────────────────────────────────────────────────────────────

export type SimCall = {
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly request: IncomingMessage;
  status?: number;
};
export const calls: SimCall[] = [];
subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  const call: SimCall = {
    port: request.socket.localPort ?? 0,
    method: request.method ?? '',
    path: new URL(request.url ?? '/', 'https://sim').pathname,
    request,
  };
  calls.push(call);
  // The status the simulator answers with, noted even when the client is gone by then (a reset never answers).
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    call.status = args[0];
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
});

/** A fault rule's target, and the same test for a call the simulator saw. */
export type Target = Pick<FaultRule, 'surface' | 'method' | 'path'> & { readonly method: string; readonly path: string };
export const hits = (tenant: RotationTenant, target: Target, since: number) =>
  calls
    .slice(since)
    .filter(
      (c) =>
        c.port === tenant.sim.port &&
        c.method === target.method &&
        (target.path.startsWith('^') ? new RegExp(target.path).test(c.path) : c.path.startsWith(target.path)),
    );

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUp) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ── the tenant, read and signed in to as the custodian would ───────────────────────────────

export type Known = {
  oldCertificate: { certificatePem: string; privateKeyPem: string };
  newCertificate?: CertificateCredential;
  passwords: string[];
};

export const target = {
  addKey: { surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/addKey` },
  token: { surface: 'token', method: 'POST', path: '^/[^/]+/oauth2/v2\\.0/token$' },
  proofRead: { surface: 'graph', method: 'GET', path: '^/v1\\.0/servicePrincipals\\(appId=' },
  removeKey: { surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/removeKey` },
  removePassword: { surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/removePassword` },
  setPassword: { surface: 'graph', method: 'PATCH', path: `^/v1\\.0/users/${ids.bg1}$` },
  revoke: { surface: 'graph', method: 'POST', path: `/v1.0/users/${ids.bg1}/revokeSignInSessions` },
  deleteKey: { surface: 'graph', method: 'DELETE', path: `/v1.0/users/${ids.bg1}/authentication/fido2Methods/${rogueKey.method}` },
} as const satisfies Record<string, Target>;

export async function appKeys(tenant: RotationTenant): Promise<{ keyCredentials: KeyCredential[]; passwordCredentials: unknown[] }> {
  return appGraphConnection(tenant.sim, ids.reader.appId).get(
    `/applications/${ids.bgApp.objectId}?$select=keyCredentials,passwordCredentials`,
  );
}

export async function assertNoDuplicateKeys(tenant: RotationTenant, known: Known, when: string): Promise<KeyCredential[]> {
  const keys = (await appKeys(tenant)).keyCredentials;
  const thumbprints = keyThumbprints(keys);
  assert.equal(new Set(thumbprints).size, thumbprints.length, `${when}: a certificate is on the app twice (${thumbprints.join(', ')})`);
  if (known.newCertificate)
    assert.equal(
      thumbprints.filter((t) => t === known.newCertificate!.thumbprintSha1Hex).length,
      1,
      `${when}: the new certificate is not on the app exactly once`,
    );
  return keys;
}

export async function signIn(services: AppServices, source: Extract<SignInRequest, { method: 'certificate' }>['source']): Promise<void> {
  const progress = await settleSignIn(services, services.rotation.signIn({ method: 'certificate', source, custodian: ada }).attemptId);
  assert.equal(progress.state, 'signed-in', `sign-in failed: ${JSON.stringify(progress)}`);
}

export const stepEntries = (services: AppServices, stepId: string): JournalEntry[] => {
  const sessionId = services.rotation.current()!.sessionId;
  return services.journal.store
    .entries(sessionId)
    .filter((e) => e.stepId === stepId && (e.kind === 'rotation-step' || e.kind === 'checklist-item'));
};
export const phases = (entries: readonly JournalEntry[]) => entries.map((e) => e.data['phase']);

/** The manual steps and the closing readiness check; the rotation session is closed after. */
export async function finishRotation(services: AppServices): Promise<string> {
  const { rotation } = services;
  rotation.keyReturned(bg1, { keyUsed: 'Safe key A', returned: true }, ada);
  rotation.checklist('safe-combination', 'Grace Witness', ada);
  rotation.checklist('envelopes', ada, ada);
  rotation.checklist('custodians', ada, ada);
  const { runId } = rotation.verify(ada);
  const progress = await settleReadiness(services, runId);
  const { sessionId } = rotation.recordVerification(progress.run.sessionId!, ada);
  assert.equal(rotation.current(), undefined, 'the rotation is closed');
  assert.ok(services.journal.store.session(sessionId)?.closedAt);
  return sessionId;
}

/** At the end: the old password and certificate refused, the new ones working. */
export async function assertRotated(tenant: RotationTenant, known: Known, newPassword: string): Promise<void> {
  assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the old certificate is refused');
  assert.equal(await appSignsIn(tenant.sim, known.newCertificate!), true, 'the new certificate signs in');
  assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), false, 'the old password is refused');
  assert.equal(await bg1SignsIn(tenant.sim, { password: newPassword }), true, 'the new password signs in');
  assert.equal(await bg1SignsIn(tenant.sim, bg1SafeKey), true, 'the key in the safe signs in');
  assert.equal(
    await bg1SignsIn(tenant.sim, { key: rogueKey.index, pin: rogueKey.pin }),
    false,
    'the key registered during the incident is refused',
  );
  const keys = (await appKeys(tenant)).keyCredentials;
  assert.deepEqual(keyThumbprints(keys), [known.newCertificate!.thumbprintSha1Hex], 'only the new certificate is on the app');
  assert.deepEqual((await appKeys(tenant)).passwordCredentials, [], 'no client secret is left');
}
