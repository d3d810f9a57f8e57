/**
 * Rotation after use under faults (docs/domain.md, "Rotation after use"): 429, 503, a connection
 * reset and the process killed, at every step that writes to the tenant. Resuming completes the
 * rotation, and after every single step at least one credential signs in – checked by actually
 * signing in against the simulator.
 *
 * - 429 is waited out by the Graph connection (and a read's 503): the step completes, and its
 *   journal shows intent then done. A write that got a reset connection or a 503 is never sent
 *   again: the app reads the object back, and when Graph had not applied it the step stops with
 *   a clear ActionableError saying so, the journal shows it failed with what the read showed, and
 *   calling the step again completes it. When the simulator applied the write and then answered
 *   500 or dropped the connection (`afterApplying`), the read finds it done. The one
 *   call that is not Graph's – the proof's token request – is not retried by msal-node: a 429 or
 *   503 there stops the proof with Entra's explanation, and continuing redoes it.
 * - "The process killed": the step's call is held up at the simulator, the app run is closed
 *   while the call is in flight (the simulator still carries the write out), and a new app run
 *   on the same data folder and tenant finds the step interrupted, needs a new sign-in (and the
 *   new PFX opened again), redoes the step from what the tenant says now – no key added twice,
 *   a lost password replaced by a new one – and completes the rotation.
 * - And once for real: a child process running the rotation is killed with SIGKILL while a Graph
 *   call is held up, and this process resumes the rotation.
 *
 * Which calls reached the simulator, and what it answered, is read off Node's HTTP diagnostics
 * channels (the simulator serves in this process), so every fault is shown to have happened.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import type { JournalEntry } from '../../src/core/journal/model.ts';
import { loadCertificateCredential, type CertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import type { AppServices } from '../../src/main/services/app-services.ts';
import type { FaultRule } from '../../src/sim/index.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import type { SignInRequest } from '../../src/shared/model/sign-in.ts';
import {
  appSignsIn,
  assertSomeCredentialWorks,
  bg1SafeKey,
  bg1SignsIn,
  envelopePassword,
  keyThumbprints,
  rogueKey,
  rotationTenant,
  type RotationTenant,
} from '../helpers/rotation.ts';
import { ids, upn } from '../helpers/sim-seed.ts';
import { settleReadiness, settleSignIn } from '../helpers/services.ts';
import { appGraphConnection } from '../helpers/sim.ts';
import { tempDir } from '../helpers/temp.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ada = 'Ada Custodian';
const passphrase = 'correct horse battery staple safe';
const bg1 = upn('bg1');

// ── what reached the simulator ─────────────────────────────────────────────────────────────

type SimCall = {
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly request: IncomingMessage;
  status?: number;
};
const calls: SimCall[] = [];
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
type Target = Pick<FaultRule, 'surface' | 'method' | 'path'> & { readonly method: string; readonly path: string };
const hits = (tenant: RotationTenant, target: Target, since: number) =>
  calls
    .slice(since)
    .filter(
      (c) =>
        c.port === tenant.sim.port &&
        c.method === target.method &&
        (target.path.startsWith('^') ? new RegExp(target.path).test(c.path) : c.path.startsWith(target.path)),
    );

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > giveUp) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ── the tenant, read and signed in to as the custodian would ───────────────────────────────

type Known = {
  oldCertificate: { certificatePem: string; privateKeyPem: string };
  newCertificate?: CertificateCredential;
  passwords: string[];
};

const target = {
  addKey: { surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/addKey` },
  token: { surface: 'token', method: 'POST', path: '^/[^/]+/oauth2/v2\\.0/token$' },
  proofRead: { surface: 'graph', method: 'GET', path: '^/v1\\.0/servicePrincipals\\(appId=' },
  removeKey: { surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/removeKey` },
  removePassword: { surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/removePassword` },
  setPassword: { surface: 'graph', method: 'PATCH', path: `^/v1\\.0/users/${ids.bg1}$` },
  revoke: { surface: 'graph', method: 'POST', path: `/v1.0/users/${ids.bg1}/revokeSignInSessions` },
  deleteKey: { surface: 'graph', method: 'DELETE', path: `/v1.0/users/${ids.bg1}/authentication/fido2Methods/${rogueKey.method}` },
} as const satisfies Record<string, Target>;

async function appKeys(tenant: RotationTenant): Promise<{ keyCredentials: KeyCredential[]; passwordCredentials: unknown[] }> {
  return appGraphConnection(tenant.sim, ids.reader.appId).get(
    `/applications/${ids.bgApp.objectId}?$select=keyCredentials,passwordCredentials`,
  );
}

async function assertNoDuplicateKeys(tenant: RotationTenant, known: Known, when: string): Promise<KeyCredential[]> {
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

async function signIn(services: AppServices, source: Extract<SignInRequest, { method: 'certificate' }>['source']): Promise<void> {
  const progress = await settleSignIn(services, services.rotation.signIn({ method: 'certificate', source, custodian: ada }).attemptId);
  assert.equal(progress.state, 'signed-in', `sign-in failed: ${JSON.stringify(progress)}`);
}

const stepEntries = (services: AppServices, stepId: string): JournalEntry[] => {
  const sessionId = services.rotation.current()!.sessionId;
  return services.journal.store
    .entries(sessionId)
    .filter((e) => e.stepId === stepId && (e.kind === 'rotation-step' || e.kind === 'checklist-item'));
};
const phases = (entries: readonly JournalEntry[]) => entries.map((e) => e.data['phase']);

/** The manual steps and the closing readiness check; the rotation session is closed after. */
async function finishRotation(services: AppServices): Promise<string> {
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
async function assertRotated(tenant: RotationTenant, known: Known, newPassword: string): Promise<void> {
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

// ── 1. 429, 503 and a reset at every step ─────────────────────────────────────────────────

describe('429 is waited out; a write Graph did not answer is read back, never resent – at every step that writes', async () => {
  const tenant = await rotationTenant();
  const services = tenant.start();
  const { rotation } = services;
  const media = tempDir('safe-media-');
  const known: Known = { oldCertificate: tenant.seededCertificate, passwords: [envelopePassword] };
  const invariant = (when: string) => assertSomeCredentialWorks(tenant.sim, known, when);

  const networkProblem = /could not be reached|network|connection|socket hang up|ECONNRESET/i;

  /**
   * The step's call meets the fault once and the step stops: an ActionableError that says the
   * step is not done, why and what next; the journal records the intent, then the failure with
   * the problem; the step is still the current one; the invariant holds.
   */
  async function failsClearly(
    stepId: string,
    where: Target,
    fault: Pick<FaultRule, 'reset' | 'respond'>,
    run: () => Promise<unknown>,
    why: RegExp,
  ): Promise<void> {
    assert.equal(rotation.current()!.current!.step.id, stepId, 'the step under test is the current one');
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    tenant.sim.setFaults({ rules: [{ ...where, times: 1, ...fault }] });
    let thrown: unknown;
    await assert.rejects(run(), (error: unknown) => ((thrown = error), true));
    tenant.sim.setFaults({});
    assert.ok(thrown instanceof ActionableError, `the step fails with an ActionableError, not ${String(thrown)}`);
    assert.match(thrown.message, /not done|stopped/, 'the custodian is told the step is not done');
    assert.match(`${thrown.message} ${thrown.nextStep}`, why, 'and why');
    assert.ok(thrown.nextStep.length > 0, 'and what to do next');
    const seen = hits(tenant, where, since);
    assert.equal(seen.length, 1, 'the call reached the simulator once');
    assert.equal(
      seen[0]!.status,
      fault.respond?.status,
      fault.reset ? 'and got no answer (the connection was reset)' : 'and got the fault',
    );
    const failed = stepEntries(services, stepId).slice(before);
    assert.deepEqual(phases(failed), ['intent', 'failed'], 'the journal records the intent, then the failure');
    assert.match(String(failed[1]!.data['problem']), why, 'with the problem');
    const record = rotation.current()!.current!;
    assert.equal(record.step.id, stepId, 'the failed step is still the current one');
    assert.equal(record.status, 'failed');
    assert.match(record.problem ?? '', why);
    await invariant(`after ${stepId} failed (${fault.reset ? 'reset' : fault.respond?.status})`);
  }

  /**
   * The step's call answered 429 twice (a read's 429 then 503), then for real: waited out inside
   * one attempt, and the step is done. A write's 503 is not resent (it may have been applied), so
   * only a read meets one here.
   */
  async function waitedOut(stepId: string, where: Target, run: () => Promise<unknown>): Promise<void> {
    assert.equal(rotation.current()!.current!.step.id, stepId, 'the step under test is the current one');
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    const second = where.method === 'GET' ? 503 : 429;
    tenant.sim.setFaults({
      rules: [
        { ...where, times: 1, respond: { status: 429, retryAfter: 0.1 } },
        { ...where, afterCalls: 1, times: 1, respond: { status: second, retryAfter: 0.1 } },
      ],
    });
    await run();
    tenant.sim.setFaults({});
    const answers = hits(tenant, where, since).map((c) => c.status);
    assert.deepEqual(answers.slice(0, 2), [429, second], `the call was throttled twice (${answers.join(', ')})`);
    assert.equal(answers.length, 3, 'then answered on the third try');
    assert.ok(answers[2]! < 300, `and the third answer is a success (${answers[2]})`);
    assert.deepEqual(
      phases(stepEntries(services, stepId).slice(before)),
      ['intent', 'done'],
      'one attempt: intent then done, the waits inside it',
    );
    assert.equal(rotation.current()!.steps.find((r) => r.step.id === stepId)!.status, 'done');
    await invariant(`after ${stepId}`);
  }

  /**
   * The simulator carries the write out, then answers 500 or drops the connection – a timeout
   * after Graph committed. The write is not sent again; the app reads the object back, and the
   * step is done with what the read showed.
   */
  async function appliedThenLost(
    stepId: string,
    where: Target,
    lost: Pick<FaultRule, 'reset' | 'respond'>,
    run: () => Promise<unknown>,
    shows: RegExp,
  ): Promise<void> {
    assert.equal(rotation.current()!.current!.step.id, stepId, 'the step under test is the current one');
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    tenant.sim.setFaults({ rules: [{ ...where, times: 1, afterApplying: true, ...lost }] });
    await run();
    tenant.sim.setFaults({});
    const seen = hits(tenant, where, since);
    assert.equal(seen.length, 1, 'the write reached the simulator once and was not resent');
    assert.equal(seen[0]!.status, lost.respond?.status, lost.reset ? 'and got no answer' : 'and got the 500');
    const entries = stepEntries(services, stepId).slice(before);
    assert.deepEqual(phases(entries), ['intent', 'done'], 'intent, then done by the read');
    assert.equal(entries[1]!.data['readBack'], 'applied');
    const record = rotation.current()!.steps.find((r) => r.step.id === stepId)!;
    assert.equal(record.status, 'done');
    assert.match(
      record.summary ?? '',
      lost.reset
        ? /^Graph did not answer \(the connection broke or timed out\); the app read /
        : /^Graph did not confirm the change \(HTTP 500/,
    );
    assert.match(record.summary ?? '', shows, 'the custodian is told what the read showed');
    await invariant(`after ${stepId} was applied and its answer lost`);
  }

  /** Reset once and 503 once before Graph applied it (fails clearly, not resent), then done: waited out, or applied with its answer lost. */
  async function faultedStep(
    stepId: string,
    where: Target,
    run: () => Promise<unknown>,
    end: { readonly lost?: Pick<FaultRule, 'reset' | 'respond'>; readonly shows?: RegExp } = {},
  ): Promise<void> {
    await failsClearly(stepId, where, { reset: true }, run, networkProblem);
    await failsClearly(
      stepId,
      where,
      { respond: { status: 503, retryAfter: 0.1 } },
      run,
      /did not confirm the change \(HTTP 503[^)]*\); the app read .* again: .*; try again\./,
    );
    if (end.lost) await appliedThenLost(stepId, where, end.lost, run, end.shows ?? /./);
    else await waitedOut(stepId, where, run);
  }

  test('the new certificate is saved, and the custodian signs in with the current one', async () => {
    rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [bg1], app: true });
    rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: passphrase }, ada);
    known.newCertificate = loadCertificateCredential({ path: String(rotation.current()!.steps[0]!.facts!['path']), passphrase });
    await signIn(services, { kind: 'simulated-safe' });
    await invariant('after saving the new certificate');
  });

  test('addKey', async () => {
    await faultedStep('app-key-added', target.addKey, () => rotation.continueStep(ada), {
      lost: { reset: true },
      shows: /the new certificate [0-9A-F]{40} is on it\.$/,
    });
    assert.equal((await assertNoDuplicateKeys(tenant, known, 'after addKey')).length, 2);
  });

  test('proving the new certificate: the token endpoint reset, 429 and 503 fail it clearly; Graph’s 429 and 503 are waited out', async () => {
    // msal-node does not retry a token request (it remembers the throttling instead), so the
    // proof stops with Entra's explanation; continuing redoes it with a fresh client.
    await failsClearly('app-new-key-proven', target.token, { reset: true }, () => rotation.continueStep(ada), networkProblem);
    await failsClearly(
      'app-new-key-proven',
      target.token,
      { respond: { status: 429, retryAfter: 0.1 } },
      () => rotation.continueStep(ada),
      /busy|slow down/i,
    );
    await failsClearly(
      'app-new-key-proven',
      target.token,
      { respond: { status: 503, retryAfter: 0.1 } },
      () => rotation.continueStep(ada),
      /busy|unavailable/i,
    );
    await waitedOut('app-new-key-proven', target.proofRead, () => rotation.continueStep(ada));
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), true, 'the old certificate still works until removed');
  });

  test('removeKey', async () => {
    await faultedStep('app-old-keys-removed', target.removeKey, () => rotation.continueStep(ada));
    const keys = await assertNoDuplicateKeys(tenant, known, 'after removeKey');
    assert.equal(keys.length, 1);
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the old certificate is refused once removed');
  });

  test('removePassword', async () => {
    await faultedStep('app-secrets-removed', target.removePassword, () => rotation.continueStep(ada), {
      lost: { respond: { status: 500 } },
      shows: /the app has no client secret now\.$/,
    });
    assert.deepEqual((await appKeys(tenant)).passwordCredentials, []);
  });

  test('setPassword (PATCH /users)', async () => {
    const shown = rotation.newPassword(bg1).password;
    // The custodian has it on the envelope sheet from here on.
    known.passwords.push(shown);
    await faultedStep(`account-password:${bg1}`, target.setPassword, () => rotation.setPassword(bg1, ada), {
      lost: { respond: { status: 500 } },
      shows: /the password of .* again: it was changed at .*, so the password on the sheet is set\.$/,
    });
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), false, 'the envelope password is replaced');
    assert.equal(await bg1SignsIn(tenant.sim, { password: shown }), true, 'the password shown signs in');
  });

  test('revokeSignInSessions', async () => {
    await faultedStep(`account-sessions-revoked:${bg1}`, target.revoke, () => rotation.continueStep(ada), {
      lost: { reset: true },
      shows: /every earlier session and refresh token is revoked\.$/,
    });
  });

  test('the method review (DELETE fido2Methods)', async () => {
    await faultedStep(`account-methods-reviewed:${bg1}`, target.deleteKey, () => rotation.reviewMethods(bg1, [rogueKey.method], ada));
    assert.equal(
      await bg1SignsIn(tenant.sim, { key: rogueKey.index, pin: rogueKey.pin }),
      false,
      'the key registered during the incident is gone',
    );
  });

  test('the rotation completes: old credentials refused, new ones working', async () => {
    await finishRotation(services);
    await assertRotated(tenant, known, known.passwords.at(-1)!);
  });
});

// ── 2. the app run closed while a step's call is in flight ─────────────────────────────────

describe('the app closed while a step’s Graph call is in flight: a new run finds the step interrupted and completes the rotation', async () => {
  const tenant = await rotationTenant();
  let services = tenant.start();
  const media = tempDir('safe-media-');
  const known: Known = { oldCertificate: tenant.seededCertificate, passwords: [envelopePassword] };
  const invariant = (when: string) => assertSomeCredentialWorks(tenant.sim, known, when);
  let pfxPath = '';

  /**
   * Starts the step with its call held up at the simulator, closes the app run once the call has
   * reached the simulator, waits until the simulator has carried the write out (its answer goes
   * to a run that is gone), and starts a new run on the same data folder and tenant.
   */
  async function closeDuring(stepId: string, where: Target, start: () => Promise<unknown>): Promise<void> {
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    tenant.sim.setFaults({ rules: [{ ...where, times: 1, latencyMs: 1_500 }] });
    const abandoned = start().then(
      () => 'finished',
      (error: unknown) => error,
    );
    await waitFor(`the intent of ${stepId} in the journal`, () => phases(stepEntries(services, stepId).slice(before)).join() === 'intent');
    await waitFor(`the call of ${stepId} at the simulator`, () => hits(tenant, where, since).some((c) => c.request.complete));
    await services.close();
    // The closed run hears the answer but cannot record it: its journal is closed.
    assert.notEqual(await abandoned, 'finished', 'the closed run must not complete the step');
    await waitFor(`the simulator to answer ${stepId}`, () => hits(tenant, where, since).some((c) => c.status !== undefined));
    assert.ok(hits(tenant, where, since)[0]!.status! < 300, 'the simulator carried the write out');
    tenant.sim.setFaults({});

    services = tenant.start();
    const position = services.rotation.current()!;
    assert.equal(position.current?.step.id, stepId, 'the new run resumes at the step that was cut off');
    assert.equal(position.current?.status, 'interrupted');
    assert.deepEqual(phases(stepEntries(services, stepId).slice(before)), ['intent'], 'nothing after the intent reached the journal');
    assert.equal(services.signIn.session, undefined, 'a new run holds no sign-in');
    await invariant(`after the run was closed during ${stepId}`);
  }

  /** After the restart: nothing happens before a sign-in, and the certificate steps need the PFX again. */
  async function resume(options: {
    signInWith: 'simulated-safe' | 'new-pfx';
    certificate: boolean;
    run: () => Promise<unknown>;
  }): Promise<void> {
    const { rotation } = services;
    await assert.rejects(options.run(), (error: unknown) => error instanceof ActionableError && /Nobody is signed in/.test(error.message));
    await signIn(
      services,
      options.signInWith === 'simulated-safe' ? { kind: 'simulated-safe' } : { kind: 'file', path: pfxPath, passphrase },
    );
    if (options.certificate) {
      assert.equal(rotation.view().active?.reopenCertificate?.path, pfxPath, 'the screen asks for the new PFX again');
      await assert.rejects(
        options.run(),
        (error: unknown) => error instanceof ActionableError && /not open in this app run/.test(error.message),
      );
      rotation.reopenCertificate(passphrase, ada);
      assert.equal(rotation.view().active?.reopenCertificate, undefined);
    }
    await options.run();
  }

  test('the new certificate is saved and the custodian signs in', async () => {
    const { rotation } = services;
    rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [bg1], app: true });
    rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: passphrase }, ada);
    pfxPath = String(rotation.current()!.steps[0]!.facts!['path']);
    known.newCertificate = loadCertificateCredential({ path: pfxPath, passphrase });
    await signIn(services, { kind: 'simulated-safe' });
  });

  test('addKey cut off after Graph received it: redone from what the tenant says, the key is not added twice', async () => {
    await closeDuring('app-key-added', target.addKey, () => services.rotation.continueStep(ada));
    assert.equal(
      (await assertNoDuplicateKeys(tenant, known, 'after addKey was cut off')).length,
      2,
      'the cut-off addKey reached the tenant',
    );
    const addKeyCalls = calls.length;
    await resume({ signInWith: 'simulated-safe', certificate: true, run: () => services.rotation.continueStep(ada) });
    assert.equal(hits(tenant, target.addKey, addKeyCalls).length, 0, 'addKey is not called again');
    const done = services.rotation.current()!.steps.find((r) => r.step.id === 'app-key-added')!;
    assert.equal(done.status, 'done');
    assert.equal(done.facts!['found'], true, 'the redo found the key already on the app');
    assert.equal((await assertNoDuplicateKeys(tenant, known, 'after addKey was redone')).length, 2);
    await invariant('after addKey');
  });

  test('the new certificate is proven', async () => {
    await services.rotation.continueStep(ada);
    assert.equal(services.rotation.current()!.current!.step.id, 'app-old-keys-removed');
    await invariant('after the proof');
  });

  test('removeKey cut off: the old certificate is gone; the next run signs in with the new PFX and completes the step', async () => {
    await closeDuring('app-old-keys-removed', target.removeKey, () => services.rotation.continueStep(ada));
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the cut-off removeKey reached the tenant');
    await resume({ signInWith: 'new-pfx', certificate: true, run: () => services.rotation.continueStep(ada) });
    const keys = await assertNoDuplicateKeys(tenant, known, 'after removeKey was redone');
    assert.deepEqual(keyThumbprints(keys), [known.newCertificate!.thumbprintSha1Hex]);
    assert.equal(services.rotation.current()!.current!.step.id, 'app-secrets-removed');
    await invariant('after removeKey');
  });

  test('removePassword cut off: redone, the secret stays removed', async () => {
    await closeDuring('app-secrets-removed', target.removePassword, () => services.rotation.continueStep(ada));
    assert.deepEqual((await appKeys(tenant)).passwordCredentials, [], 'the cut-off removePassword reached the tenant');
    await resume({ signInWith: 'new-pfx', certificate: false, run: () => services.rotation.continueStep(ada) });
    assert.equal(services.rotation.current()!.current!.step.id, `account-password:${bg1}`);
    await invariant('after removePassword');
  });

  test('setPassword cut off: the password shown is lost to the app; a new one is shown and set, and it works', async () => {
    const lost = services.rotation.newPassword(bg1).password;
    known.passwords.push(lost); // on the envelope sheet the custodian wrote
    await closeDuring(`account-password:${bg1}`, target.setPassword, () => services.rotation.setPassword(bg1, ada));
    assert.equal(await bg1SignsIn(tenant.sim, { password: lost }), true, 'the cut-off PATCH reached the tenant');
    const { rotation } = services;
    assert.equal(rotation.view().active?.passwordWaiting, false, 'the new run does not have the password');
    await signIn(services, { kind: 'file', path: pfxPath, passphrase });
    await assert.rejects(
      rotation.setPassword(bg1, ada),
      (error: unknown) => error instanceof ActionableError && /No new password is waiting/.test(error.message),
    );
    const fresh = rotation.newPassword(bg1).password;
    assert.notEqual(fresh, lost);
    known.passwords.push(fresh);
    await rotation.setPassword(bg1, ada);
    assert.equal(await bg1SignsIn(tenant.sim, { password: fresh }), true, 'the new password works');
    assert.equal(await bg1SignsIn(tenant.sim, { password: lost }), false, 'the lost one no longer does');
    assert.equal(rotation.current()!.current!.step.id, `account-sessions-revoked:${bg1}`);
    await invariant('after setPassword');
  });

  test('revokeSignInSessions cut off: redone', async () => {
    await closeDuring(`account-sessions-revoked:${bg1}`, target.revoke, () => services.rotation.continueStep(ada));
    await resume({ signInWith: 'new-pfx', certificate: false, run: () => services.rotation.continueStep(ada) });
    assert.equal(services.rotation.current()!.current!.step.id, `account-methods-reviewed:${bg1}`);
    await invariant('after revoking sessions');
  });

  test('the method review cut off during DELETE: redone, the key registered during the incident stays gone', async () => {
    await closeDuring(`account-methods-reviewed:${bg1}`, target.deleteKey, () =>
      services.rotation.reviewMethods(bg1, [rogueKey.method], ada),
    );
    assert.equal(await bg1SignsIn(tenant.sim, { key: rogueKey.index, pin: rogueKey.pin }), false, 'the cut-off DELETE reached the tenant');
    await resume({ signInWith: 'new-pfx', certificate: false, run: () => services.rotation.reviewMethods(bg1, [rogueKey.method], ada) });
    const reviewed = services.rotation.current()!.steps.find((r) => r.step.id === `account-methods-reviewed:${bg1}`)!;
    assert.equal(reviewed.status, 'done');
    assert.equal(reviewed.facts!['fido2Remaining'], 1);
    await invariant('after the method review');
  });

  test('the rotation completes: old credentials refused, new ones working', async () => {
    const sessionId = await finishRotation(services);
    await assertRotated(tenant, known, known.passwords.at(-1)!);
    const entries = services.journal.store.entries(sessionId);
    assert.deepEqual(
      phases(entries.filter((e) => e.stepId === 'app-key-added' && e.kind === 'rotation-step')),
      ['intent', 'done'],
      'app-key-added: cut off, then found done',
    );
    for (const stepId of [
      'app-old-keys-removed',
      'app-secrets-removed',
      `account-password:${bg1}`,
      `account-sessions-revoked:${bg1}`,
      `account-methods-reviewed:${bg1}`,
    ]) {
      const own = entries.filter((e) => e.stepId === stepId && e.kind === 'rotation-step');
      assert.deepEqual(phases(own), ['intent', 'intent', 'done'], `${stepId}: cut off, then redone`);
    }
  });
});

// ── 3. a real process, killed ──────────────────────────────────────────────────────────────

type ChildRun = {
  readonly lines: string[];
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
  stderr(): string;
};

function startChild(tenant: RotationTenant, media: string): ChildRun {
  const configPath = join(tenant.dir, 'rotation.config.json');
  assert.ok(existsSync(configPath), 'the rotation tenant’s inventory file');
  const spec = {
    dir: tenant.dir,
    seedPath: tenant.seedPath,
    configPath,
    origin: tenant.sim.origin,
    tenantId: tenant.sim.tenantId,
    caPath: tenant.sim.writeCaCertificate(tenant.dir),
    media,
    passphrase,
    custodian: ada,
    upn: bg1,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'helpers', 'rotation-child.ts'), JSON.stringify(spec)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { lines, exit, kill: () => child.kill('SIGKILL'), stderr: () => stderr };
}

describe('a real app process killed with SIGKILL mid-call: this process resumes the rotation', async () => {
  const cases = [
    { name: 'removeKey', stepId: 'app-old-keys-removed', where: target.removeKey },
    { name: 'setPassword', stepId: `account-password:${bg1}`, where: target.setPassword },
  ] as const;
  const tenants = await Promise.all(cases.map(() => rotationTenant()));

  cases.forEach((kill, index) => {
    test(`killed during ${kill.name}`, { timeout: 90_000 }, async () => {
      const tenant = tenants[index]!;
      const media = tempDir('safe-media-');
      const since = calls.length;
      tenant.sim.setFaults({ rules: [{ ...kill.where, times: 1, latencyMs: 2_000 }] });
      const child = startChild(tenant, media);
      let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      void child.exit.then((result) => (exited = result));
      try {
        await waitFor(
          `the child’s ${kill.name} call at the simulator`,
          () => {
            if (exited)
              throw new Error(
                `The child stopped by itself (${JSON.stringify(exited)}) before it was killed:\n${child.lines.join('\n')}\n${child.stderr()}`,
              );
            return hits(tenant, kill.where, since).some((c) => c.request.complete);
          },
          60_000,
        );
      } finally {
        child.kill();
      }
      assert.equal((await child.exit).signal, 'SIGKILL');
      assert.equal(hits(tenant, kill.where, since)[0]!.status, undefined, 'the child was killed before the simulator answered');
      const shown = child.lines.find((l) => l.startsWith('password '))?.slice('password '.length);
      assert.equal(shown !== undefined, kill.name === 'setPassword', 'the child showed a password only if it reached that step');
      const known: Known = { oldCertificate: tenant.seededCertificate, passwords: [envelopePassword, ...(shown ? [shown] : [])] };

      // The simulator carries the write out after its delay; the answer goes nowhere.
      await waitFor(
        `the simulator to carry out the killed run's ${kill.name}`,
        () => hits(tenant, kill.where, since)[0]!.status !== undefined,
      );
      assert.ok(hits(tenant, kill.where, since)[0]!.status! < 300);
      tenant.sim.setFaults({});
      if (kill.name === 'removeKey')
        assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the killed run’s removeKey reached the tenant');
      else assert.equal(await bg1SignsIn(tenant.sim, { password: shown! }), true, 'the killed run’s password reached the tenant');

      const services = tenant.start();
      const { rotation } = services;
      const position = rotation.current()!;
      assert.ok(position, 'the child’s rotation is open in the journal');
      assert.equal(position.current?.step.id, kill.stepId, 'the rotation resumes at the step the child was killed in');
      assert.equal(position.current?.status, 'interrupted');
      assert.deepEqual(phases(stepEntries(services, kill.stepId)), ['intent'], 'the killed run recorded its intent and nothing after');
      const pfxPath = String(position.steps.find((r) => r.step.id === 'app-certificate-saved')!.facts!['path']);
      known.newCertificate = loadCertificateCredential({ path: pfxPath, passphrase });
      await invariantOn(tenant, known, 'after the child was killed');

      if (kill.name === 'removeKey') await assert.rejects(rotation.continueStep(ada), /Nobody is signed in/);
      else await assert.rejects(rotation.setPassword(bg1, ada), /No new password is waiting/);
      await signIn(services, { kind: 'file', path: pfxPath, passphrase });
      if (kill.name === 'removeKey') {
        rotation.reopenCertificate(passphrase, ada);
        await rotation.continueStep(ada);
        assert.deepEqual(keyThumbprints(await assertNoDuplicateKeys(tenant, known, 'after removeKey was redone')), [
          known.newCertificate.thumbprintSha1Hex,
        ]);
        await invariantOn(tenant, known, 'after removeKey');
        await rotation.continueStep(ada);
        await invariantOn(tenant, known, 'after removePassword');
      }
      const fresh = rotation.newPassword(bg1).password;
      known.passwords.push(fresh);
      await rotation.setPassword(bg1, ada);
      await invariantOn(tenant, known, 'after setPassword');
      if (shown) assert.equal(await bg1SignsIn(tenant.sim, { password: shown }), false, 'the password the killed run set is replaced');
      await rotation.continueStep(ada);
      await invariantOn(tenant, known, 'after revoking sessions');
      await rotation.reviewMethods(bg1, [rogueKey.method], ada);
      await invariantOn(tenant, known, 'after the method review');
      await finishRotation(services);
      await assertRotated(tenant, known, fresh);
      await services.close();
    });
  });
});

function invariantOn(tenant: RotationTenant, known: Known, when: string): Promise<void> {
  return assertSomeCredentialWorks(tenant.sim, known, when);
}
