/**
 * Secrets canary for the rotation after use (docs/domain.md, "Rotation after use"; docs/domain.md, "Journal rules"):
 * a whole rotation (the app and bg1) runs through the main-process services against the
 * simulated tenant, with the journal redacting as a production build does, and with failures
 * that carry the secrets as input (passphrases that differ or cannot be written down, a wrong
 * passphrase for the new PFX, a sign-in with a PFX the app does not hold yet, connections reset
 * under addKey, the proof sign-in and the password write). Then the new passwords, the new
 * private key (in every encoding a slip could produce), the new PFX and its passphrase are looked
 * for in: the bytes of the journal, its WAL and shared memory (open and after closing), every
 * other file beside the journal, the journal exports (json, md, csv), the readiness report
 * exports, everything written to stdout, stderr and the console during the run, every error
 * shown to the custodian, and what the screens see (the rotation view, sign-in progress, the
 * journal screen). test/integration/rotation-secrets-scanner.test.ts shows the scanner finds the
 * canaries it is meant to find.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';

import { loadCertificateCredential, type CertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { ids, upn } from '../helpers/sim-seed.ts';
import { settleReadiness, settleSignIn } from '../helpers/services.ts';
import { bg1SignsIn, rogueKey, rotationTenant } from '../helpers/rotation.ts';
import { tempDir } from '../helpers/temp.ts';
import {
  captureOutput,
  leaksInFile,
  leaksInFolder,
  leaksInText,
  pfxSecret,
  privateKeySecret,
  stringSecret,
  type Secret,
} from '../helpers/secret-scanner.ts';

// ── the rotation, with every secret in hand ──────────────────────────────────────────────────

const tenant = await rotationTenant();
const services: AppServices = startAppServices(
  resolveAppSetup({
    host: 'web',
    appDir: tenant.dir,
    version: '0.0.0-test',
    dataDir: join(tenant.dir, 'data'),
    simSeedPath: tenant.seedPath,
    configPath: join(tenant.dir, 'rotation.config.json'),
    // What a packaged app does: secret-looking values are replaced, not refused.
    redaction: 'production',
  }),
  { simulator: tenant.sim },
);
let closed = false;
after(async () => {
  if (!closed) await services.close();
});

const rotation = services.rotation;
const ada = 'Ada Custodian';
const passphrase = `Orchid-${randomBytes(12).toString('hex')}-Lantern`;
const media = tempDir('rotation-secrets-media-');

/** What was in hand during the run. */
const run = {
  passwords: [] as string[],
  passwordGroups: [] as string[][],
  credential: undefined as CertificateCredential | undefined,
  pfxPath: '',
  /** What the screens were given, with whether the new password had been set by then. */
  views: [] as Array<{ when: string; json: string; passwordSet: boolean }>,
  /** Every error the custodian was shown (message and next step). */
  errors: [] as Array<{ when: string; text: string }>,
  output: '',
  checkSessionId: '',
  rotationSessionId: '',
  exports: [] as string[],
  journalFile: '',
};

let passwordSet = false;
const snapshot = (when: string, value: unknown = rotation.view()) => run.views.push({ when, json: JSON.stringify(value), passwordSet });
const shown = (error: unknown) =>
  error instanceof ActionableError
    ? `${error.message} ${error.nextStep}`
    : error instanceof Error
      ? `${error.message} ${String(error.stack)}`
      : String(error);

function refused(when: string, work: () => unknown, expected: RegExp): void {
  assert.throws(
    work,
    (error: unknown) => {
      run.errors.push({ when, text: shown(error) });
      return expected.test(shown(error));
    },
    when,
  );
  snapshot(`after: ${when}`);
}

async function rejected(when: string, work: () => Promise<unknown>, expected: RegExp): Promise<void> {
  await assert.rejects(
    work,
    (error: unknown) => {
      run.errors.push({ when, text: shown(error) });
      return expected.test(shown(error));
    },
    when,
  );
  snapshot(`after: ${when}`);
}

async function signIn(
  when: string,
  source: { kind: 'simulated-safe' } | { kind: 'file'; path: string; passphrase: string },
): Promise<string> {
  const progress = await settleSignIn(services, rotation.signIn({ method: 'certificate', source, custodian: ada }).attemptId);
  snapshot(`sign-in progress: ${when}`, progress);
  snapshot(`after sign-in: ${when}`);
  if (progress.state !== 'signed-in') run.errors.push({ when, text: JSON.stringify(progress) });
  return progress.state;
}

async function withFault(rule: Parameters<typeof tenant.sim.setFaults>[0], work: () => Promise<void>): Promise<void> {
  tenant.sim.setFaults(rule);
  try {
    await work();
  } finally {
    tenant.sim.setFaults({});
  }
}

async function wholeRotation(): Promise<void> {
  snapshot('before beginning');
  run.rotationSessionId = rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [upn('bg1')], app: true }).sessionId;
  snapshot('begun');

  // The new certificate: refusals that carry the passphrase, then saved and read back.
  refused(
    'passphrases that differ',
    () => rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: `${passphrase}!` }, ada),
    /not the same/,
  );
  refused(
    'a passphrase ending in a space',
    () => rotation.saveCertificate({ folder: media, passphrase: `${passphrase} `, passphraseAgain: `${passphrase} ` }, ada),
    /space/,
  );
  refused(
    'a folder that cannot be written',
    () => rotation.saveCertificate({ folder: join(media, 'not-plugged-in'), passphrase, passphraseAgain: passphrase }, ada),
    /cannot be opened/,
  );
  rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: passphrase }, ada);
  snapshot('certificate saved');
  const saved = rotation.current()!.steps.find((s) => s.step.kind === 'app-certificate-saved')!;
  run.pfxPath = String(saved.facts!['path']);
  run.credential = loadCertificateCredential({ path: run.pfxPath, passphrase });
  assert.equal(run.credential.thumbprintSha1Hex, saved.facts!['thumbprint']);

  refused('reopening the PFX with a wrong passphrase', () => rotation.reopenCertificate(`${passphrase}x`, ada), /does not open/);
  rotation.reopenCertificate(passphrase, ada);
  snapshot('certificate reopened');

  // Sign-ins that fail with the new PFX: a wrong passphrase, then the right one before addKey.
  assert.notEqual(
    await signIn('the new PFX with a wrong passphrase', { kind: 'file', path: run.pfxPath, passphrase: `${passphrase}x` }),
    'signed-in',
  );
  assert.notEqual(await signIn('the new PFX before it is on the app', { kind: 'file', path: run.pfxPath, passphrase }), 'signed-in');
  await rejected('continuing with nobody signed in', () => rotation.continueStep(ada), /Nobody is signed in/);
  assert.equal(await signIn('the current certificate from the safe', { kind: 'simulated-safe' }), 'signed-in');

  // addKey cut off by a reset connection, then redone.
  await withFault(
    { rules: [{ surface: 'graph', method: 'POST', path: `/v1.0/applications/${ids.bgApp.objectId}/addKey`, times: 1, reset: true }] },
    () =>
      rejected(
        'addKey with the connection reset',
        () => rotation.continueStep(ada),
        /Graph did not answer .* the new certificate [0-9A-F]{40} is not on it; try again/,
      ),
  );
  await rotation.continueStep(ada);
  snapshot('key added');
  assert.equal(rotation.current()?.current?.step.kind, 'app-new-key-proven');

  // The proof sign-in with the new key cut off, then redone.
  await withFault({ rules: [{ surface: 'token', reset: true }] }, () =>
    rejected('the proof sign-in with the connection reset', () => rotation.continueStep(ada), /reach Microsoft/),
  );
  await rotation.continueStep(ada);
  snapshot('new key proven');
  await rotation.continueStep(ada);
  snapshot('old keys removed');
  await rotation.continueStep(ada);
  snapshot('client secret removed');
  assert.equal(rotation.current()?.current?.step.kind, 'account-password');

  // From here on the app signs in with the new PFX and its passphrase.
  services.signIn.signOut(ada);
  assert.equal(await signIn('the new PFX with its passphrase', { kind: 'file', path: run.pfxPath, passphrase }), 'signed-in');

  // The password: the first sheet is spoiled and a new one taken; its write is cut off, then
  // tried again with the same password, as the screen says.
  for (const when of ['first password shown', 'second password shown']) {
    const shownPassword = rotation.newPassword(upn('bg1'));
    run.passwords.push(shownPassword.password);
    run.passwordGroups.push(shownPassword.groups);
    snapshot(when);
  }
  await withFault({ rules: [{ surface: 'graph', method: 'PATCH', path: `/v1.0/users/${ids.bg1}`, times: 1, reset: true }] }, () =>
    rejected(
      'setting the password with the connection reset',
      () => rotation.setPassword(upn('bg1'), ada),
      /Graph did not answer .* the password of .* again: it is unchanged/,
    ),
  );
  await rotation.setPassword(upn('bg1'), ada);
  passwordSet = true;
  snapshot('password set');
  const [first, second] = run.passwords;
  assert.equal(await bg1SignsIn(tenant.sim, { password: second! }), true, 'the canary is the real new password');
  assert.equal(await bg1SignsIn(tenant.sim, { password: first! }), false);

  await rotation.continueStep(ada);
  snapshot('sessions revoked');
  await rejected('removing every key', () => rotation.reviewMethods(upn('bg1'), ['bg1-key-a', rogueKey.method], ada), /every security key/);
  await rotation.reviewMethods(upn('bg1'), [rogueKey.method], ada);
  snapshot('methods reviewed');
  rotation.keyReturned(upn('bg1'), { keyUsed: 'Safe key A', returned: true }, ada);
  rotation.checklist('safe-combination', 'Grace Witness', ada);
  rotation.checklist('envelopes', ada, ada);
  rotation.checklist('custodians', ada, ada);
  snapshot('checklist done');

  // The closing readiness check (given the passphrase too, as the screen may), then the record.
  const { runId } = rotation.verify(ada, passphrase);
  const progress = await settleReadiness(services, runId);
  snapshot('readiness progress', progress);
  run.checkSessionId = progress.run.sessionId!;
  rotation.recordVerification(run.checkSessionId, ada);
  snapshot('closed', rotation.view({ justClosed: run.rotationSessionId }));
  assert.equal(rotation.current(), undefined);

  // Exports, and what the journal screen shows.
  for (const format of ['json', 'md', 'csv'] as const) run.exports.push(services.journal.export(format).file);
  for (const format of ['md', 'json'] as const) run.exports.push(services.readiness.exportRun(run.checkSessionId, format).file);
  snapshot('journal overview', services.journal.overview());
  for (const session of services.journal.store.sessions())
    snapshot(`journal session ${session.id}`, services.journal.sessionDetail(session.id));
  snapshot('readiness history', services.readiness.options());
}

function secrets(options: { readonly password: boolean }): Secret[] {
  const credential = run.credential!;
  return [
    ...(options.password
      ? run.passwords.map((password, i) =>
          stringSecret(`new password #${i + 1}`, password, [run.passwordGroups[i]!.join(' '), run.passwordGroups[i]!.join('-')]),
        )
      : []),
    stringSecret('the PFX passphrase', passphrase),
    privateKeySecret(credential),
    pfxSecret(run.pfxPath, credential.certificatePem),
  ];
}

describe('a whole rotation never lets the new password, private key or passphrase out', () => {
  test('the rotation runs to the end, through its failures, with output captured', async () => {
    const capture = captureOutput({ passThrough: true });
    try {
      await wholeRotation();
    } finally {
      capture.restore();
      run.output = capture.text();
    }
    run.journalFile = services.journal.location().file;
    assert.equal(run.passwords.length, 2);
    assert.ok(run.credential);
    assert.ok(run.errors.length >= 8, 'the failures that carry input happened');
    assert.ok(secrets({ password: true }).every((s) => s.texts.length + s.bytes.length > 3));
  });

  test('the journal, its WAL and shared memory, and every file beside it, while the app runs', () => {
    const file = run.journalFile;
    assert.ok(statSync(`${file}-wal`).size > 0, 'the rotation’s entries are in the WAL');
    const folder = leaksInFolder(dirname(file), secrets({ password: true }));
    for (const expected of [file, `${file}-wal`, ...run.exports]) assert.ok(folder.scanned.includes(expected), `${expected} was scanned`);
    assert.deepEqual(folder.leaks, []);
  });

  test('the journal exports (json, md, csv) and the readiness reports (md, json)', () => {
    assert.equal(run.exports.length, 5);
    for (const file of run.exports) {
      assert.ok(readFileSync(file, 'utf8').length > 200, `${file} has content`);
      assert.deepEqual(leaksInFile(file, secrets({ password: true })), []);
    }
    // The exports do describe the rotation (so the scan looked at the right thing).
    const json = readFileSync(run.exports[0]!, 'utf8');
    assert.ok(json.includes(run.credential!.thumbprintSha1Hex), 'the journal export names the new thumbprint');
  });

  test('stdout, stderr and the console during the rotation', () => {
    assert.deepEqual(leaksInText('output', run.output, secrets({ password: true })), []);
  });

  test('the errors shown to the custodian', () => {
    assert.deepEqual(
      run.errors.flatMap((e) => leaksInText(e.when, e.text, secrets({ password: true }))),
      [],
    );
  });

  test('what the screens are given: never the key or passphrase, and not the password once set', () => {
    const always = secrets({ password: false });
    const withPassword = secrets({ password: true });
    const leaks = run.views.flatMap((v) => leaksInText(v.when, v.json, v.passwordSet ? withPassword : always));
    assert.deepEqual(leaks, []);
    assert.ok(run.views.filter((v) => v.passwordSet).length >= 5);
  });

  test('after the app closes: the journal, its WAL and shared memory, and every file beside it', async () => {
    await services.close();
    closed = true;
    const file = run.journalFile;
    const folder = leaksInFolder(dirname(file), secrets({ password: true }));
    assert.ok(folder.scanned.includes(file));
    assert.deepEqual(folder.leaks, []);
    assert.deepEqual(
      [...leaksInFile(`${file}-wal`, secrets({ password: true })), ...leaksInFile(`${file}-shm`, secrets({ password: true }))],
      [],
    );
    // The journal holds the rotation, its failures included, intact: the scan looked at the right thing.
    const store = JournalStore.openReadOnly(file);
    try {
      assert.equal(store.verify().intact, true);
      const entries = store.entries(run.rotationSessionId);
      const failed = entries.filter((e) => e.kind === 'rotation-step' && e.data['phase'] === 'failed').map((e) => e.stepId);
      for (const stepId of ['app-certificate-saved', 'app-key-added', 'app-new-key-proven', `account-password:${upn('bg1')}`])
        assert.ok(failed.includes(stepId), `the failure of ${stepId} is journaled`);
      assert.ok(
        entries.some((e) => e.kind === 'sign-in-result' || e.kind === 'sign-in-attempt'),
        'the sign-ins are journaled',
      );
      assert.deepEqual(
        leaksInText(
          'journal read back',
          JSON.stringify({ sessions: store.sessions(), entries: store.entries() }),
          secrets({ password: true }),
        ),
        [],
      );
    } finally {
      store.close();
    }
  });
});
