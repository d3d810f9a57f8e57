/**
 * Emergency sign-in as the app runs it (SignInService behind the IPC channels), on a simulated
 * tenant started by the app itself: every attempt is journaled before it starts and when it
 * ends – with the AADSTS code and trace id of a failure – and no secret reaches the journal file.
 */
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { SignInService } from '../../src/main/services/sign-in-service.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { OutsideSignInRequest, type SignInProgress, type SignInRequest } from '../../src/shared/model/sign-in.ts';
import { credentialFolder, pfxBytes } from '../helpers/pfx.ts';
import { ids, keyIndex, pins, testSeedJson, upn } from '../helpers/sim-seed.ts';
import { answerSecurityKeyPage, scriptedBrowser, simRequest, type KeyTouch } from '../helpers/sim.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const seedPath = join(dir, 'drill.seed.json');
const seedJson = testSeedJson();
writeFileSync(seedPath, JSON.stringify(seedJson));
const services: AppServices = startAppServices(
  resolveAppSetup({
    host: 'web',
    appDir: dir,
    version: '0.0.0-test',
    dataDir: join(dir, 'data'),
    simSeedPath: seedPath,
    redaction: 'development',
  }),
);
after(() => services.close());

const reason = 'Checking the break-glass sign-in after the quarterly review';
const passphrase = 'canary-passphrase-5b1e7f';
const bgCredential = (
  seedJson['simulator'] as { credentials: Array<{ appId: string; certificatePem: string; privateKeyPem: string }> }
).credentials.find((c) => c.appId === ids.bgApp.appId)!;
const pfxPath = credentialFolder().write('breakglass-app.pfx', pfxBytes({ credential: bgCredential, passphrase }));

async function simAddress() {
  const endpoints = await services.tenant.endpoints();
  return { origin: new URL(endpoints.authority).origin, caCertificatePem: endpoints.trustedCa! };
}

/**
 * Polls like the renderer until the attempt settles, playing the custodian: at the browser step
 * on the key page, at a device code on the device-login page. Returns every progress seen.
 */
async function signIn(
  request: SignInRequest,
  touches: readonly KeyTouch[] = [],
  service = services.signIn,
): Promise<SignInProgress & { seen: SignInProgress[] }> {
  const { attemptId } = service.start(request, { reason });
  const seen: SignInProgress[] = [];
  let answered = false;
  for (;;) {
    const progress = service.progress(attemptId);
    if (seen.at(-1) !== progress) seen.push(progress);
    if (progress.state === 'signed-in' || progress.state === 'failed' || progress.state === 'refused') return { ...progress, seen };
    if (progress.state === 'browser' && !answered) {
      answered = true;
      await scriptedBrowser(await simAddress(), touches).openBrowser(progress.url);
    }
    if (progress.state === 'device-code' && !answered) {
      answered = true;
      const sim = await simAddress();
      const entry = await simRequest(sim, new URL(progress.verificationUri).pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `user_code=${progress.userCode}`,
      });
      await answerSecurityKeyPage(sim, entry, '/devicelogin/authenticate', touches[0]!);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function lastEntries(count: number) {
  const overview = services.journal.overview();
  assert.equal(overview.state, 'ready');
  const latest = overview.state === 'ready' ? overview.sessions[0]! : undefined;
  const detail = services.journal.sessionDetail(latest!.id);
  return { session: detail.session, entries: detail.entries.slice(-count) };
}

describe('the accounts and app a drill offers', () => {
  test('come from the seed when no inventory is beside it: the key holders and the app with a certificate', () => {
    const options = services.signIn.options();
    assert.equal(options.simulated, true);
    assert.deepEqual(options.accounts.map((a) => a.userPrincipalName).sort(), [upn('bg1'), upn('bg2'), upn('disabled')].sort());
    assert.equal(options.app?.appId, ids.bgApp.appId);
    assert.equal(options.app?.simulatedSafe, true);
  });
});

describe('a security-key sign-in', () => {
  test('is journaled before and after, shows who we are and the active roles, and signing out closes the record', async () => {
    const progress = await signIn(
      { method: 'security-key', userPrincipalName: upn('bg1'), custodian: 'Ada Custodian', witness: 'Grace Witness' },
      [{ key: keyIndex.bg1, pin: pins.bg1 }],
    );
    assert.equal(progress.state, 'signed-in');
    assert.ok(progress.state === 'signed-in');
    assert.equal(progress.session.who, upn('bg1'));
    assert.deepEqual(progress.session.directoryRoles, ['Global Administrator']);
    assert.equal(progress.session.holdsGlobalAdministrator, true);
    assert.equal(progress.session.displayName, 'bg1', 'Microsoft Graph answered with the signed-in user');
    assert.deepEqual(progress.session.unavailableActions, [], 'the token carries every delegated scope the flows need');
    assert.ok(progress.session.permissions.includes('Policy.ReadWrite.ConditionalAccess'));
    assert.equal(services.signIn.options().signedIn?.who, upn('bg1'));

    const { session, entries } = lastEntries(2);
    assert.equal(session.kind, 'sign-in', 'a sign-in outside the runbook is its own kind of session, not a drill');
    assert.equal(session.title, 'Sign-in outside the runbook to Drill Test Tenant (simulated)');
    assert.equal(session.witness, 'Grace Witness');
    const opened = services.journal.sessionDetail(session.id).entries[0]!;
    assert.equal(opened.kind, 'session-opened');
    assert.equal(opened.actor, 'Ada Custodian');
    assert.deepEqual(opened.data['details'], { reason, simulated: true });
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['sign-in-attempt', 'sign-in-result'],
    );
    assert.match(entries[0]!.summary, /Sign-in attempt: .*bg1@drilltest\.onmicrosoft\.com with its security key/);
    assert.match(entries[1]!.summary, /Signed in as bg1@drilltest\.onmicrosoft\.com \(Global Administrator\)/);
    assert.ok(
      (entries[1]!.data['scopes'] as string[]).includes('RoleManagement.ReadWrite.Directory'),
      'the journal keeps the scopes the token carries',
    );

    assert.deepEqual(services.signIn.signOut('Ada Custodian'), { signedOut: true });
    assert.equal(services.signIn.options().signedIn, undefined);
    const after = services.journal.sessionDetail(session.id);
    assert.ok(after.session.closedAt, 'the sign-in record is closed on sign-out');
    assert.match(after.entries.at(-2)!.summary, /Signed out bg1@drilltest\.onmicrosoft\.com/);
  });

  test('asked for a device code, it shows the code, and the sign-in completes on the other device', async () => {
    const progress = await signIn({ method: 'security-key', userPrincipalName: upn('bg1'), deviceCode: true, custodian: 'Ada Custodian' }, [
      { key: keyIndex.bg1, pin: pins.bg1 },
    ]);
    assert.equal(progress.state, 'signed-in');
    assert.ok(progress.seen.some((p) => p.state === 'device-code' && /^[A-Z0-9]{8}$/.test(p.userCode)));
    assert.ok(progress.state === 'signed-in' && progress.session.method === 'device-code');
    services.signIn.signOut('Ada Custodian');
  });

  test('when the system browser cannot be opened, it falls back to a device code and says so in the journal', async () => {
    const noBrowser = new SignInService({
      tenant: services.tenant,
      journal: services.journal,
      openExternal: () => Promise.reject(new Error('no browser on this machine')),
    });
    const progress = await signIn(
      { method: 'security-key', userPrincipalName: upn('bg1'), custodian: 'Ada Custodian' },
      [{ key: keyIndex.bg1, pin: pins.bg1 }],
      noBrowser,
    );
    assert.equal(progress.state, 'signed-in');
    assert.ok(progress.seen.some((p) => p.state === 'device-code'));
    const { entries } = lastEntries(3);
    assert.ok(
      entries.some(
        (e) => e.stepId === 'device-code-fallback' && /No browser could be opened \(no browser on this machine\)/.test(e.summary),
      ),
    );
    noBrowser.signOut('Ada Custodian');
  });

  test('Microsoft Graph throttling right after sign-in is waited out and said on screen', async () => {
    const sim = (await services.tenant.simulator())!;
    sim.setFaults({
      rules: [{ surface: 'graph', path: '/v1.0/servicePrincipals', times: 1, respond: { status: 429, retryAfter: '0.3' } }],
    });
    try {
      const progress = await signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: 'Ada Custodian' });
      assert.equal(progress.state, 'signed-in');
      assert.ok(
        progress.seen.some((p) => p.state === 'working' && p.detail === 'Waiting 1 s for Microsoft Graph: it asked to slow down.'),
        JSON.stringify(progress.seen),
      );
      assert.ok(progress.state === 'signed-in' && progress.session.displayName === 'Break-glass app' && !progress.session.graphProblem);
    } finally {
      sim.setFaults({});
      services.signIn.signOut('Ada Custodian');
    }
  });

  test('blocked by Conditional Access: the explanation reaches the screen, the journal keeps the code and the trace id', async () => {
    const progress = await signIn({ method: 'security-key', userPrincipalName: upn('bg2'), custodian: 'Ada Custodian' }, [
      { key: keyIndex.bg2, pin: pins.bg2 },
    ]);
    assert.equal(progress.state, 'failed');
    assert.ok(progress.state === 'failed');
    assert.equal(progress.explanation.code, 53003);
    assert.match(progress.explanation.nextSteps.join(' '), /app certificate/i);
    const { session, entries } = lastEntries(2);
    assert.ok(session.closedAt, 'a failed attempt closes its record');
    const result = entries.find((e) => e.kind === 'sign-in-result')!;
    assert.match(result.summary, /Sign-in failed \(AADSTS53003\)/);
    assert.equal(result.data['aadstsCode'], 53003);
    assert.equal(result.data['traceId'], progress.explanation.traceId);
  });
});

describe('a sign-in outside the runbook', () => {
  const request: SignInRequest = { method: 'certificate', source: { kind: 'simulated-safe' }, custodian: 'Ada Custodian' };

  test('is refused without a reason, before anything is journaled or tried', () => {
    const before = services.journal.store.sessions().length;
    assert.throws(
      () => services.signIn.start(request, { reason: '   ' }),
      (error: unknown) =>
        error instanceof ActionableError && /needs a reason/.test(error.message) && /open the incident/.test(error.nextStep),
    );
    assert.equal(services.journal.store.sessions().length, before, 'no session was opened');
    // The home screen's channel asks for the reason and the request together.
    assert.equal(OutsideSignInRequest.safeParse({ request }).success, false);
    assert.equal(OutsideSignInRequest.safeParse({ request, reason: ' ' }).success, false);
    assert.equal(OutsideSignInRequest.safeParse({ request, reason }).success, true);
  });

  test('a failed one is still its own closed session, with the reason, the attempt and the outcome in it', async () => {
    const progress = await signIn({ method: 'security-key', userPrincipalName: upn('disabled'), custodian: 'Ada Custodian' }, [
      { key: keyIndex.disabled, pin: pins.disabled },
    ]);
    assert.equal(progress.state, 'failed');
    const { session, entries } = lastEntries(4);
    assert.equal(session.kind, 'sign-in');
    assert.ok(session.closedAt, 'closed without a classification: a sign-in is not an incident');
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['session-opened', 'sign-in-attempt', 'sign-in-result', 'session-closed'],
    );
    assert.equal((entries[0]!.data['details'] as { reason: string }).reason, reason);
  });
});

describe('a certificate sign-in', () => {
  test('with the PFX and its passphrase: signed in as the app; neither the passphrase, the PIN, the key nor the token is in the journal file', async () => {
    const progress = await signIn({
      method: 'certificate',
      source: { kind: 'file', path: pfxPath, passphrase },
      custodian: 'Ada Custodian',
    });
    assert.equal(progress.state, 'signed-in');
    const token = await services.signIn.session!.token('graph');
    const { entries } = lastEntries(2);
    assert.match(entries[0]!.summary, /with its certificate \(CN=Break-glass app, thumbprint [0-9A-F]{40}\)/);
    services.signIn.signOut('Ada Custodian');

    const journalFile = services.journal.location().file;
    const canaries = [
      passphrase,
      pins.bg1,
      pins.bg2,
      token,
      token.split('.')[1]!,
      ...bgCredential.privateKeyPem.split('\n').filter((line) => line.length > 40),
    ];
    for (const file of [journalFile, `${journalFile}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const canary of canaries)
        assert.equal(bytes.includes(Buffer.from(canary)), false, `${file} holds a secret (${canary.slice(0, 8)}…)`);
    }
  });

  test('a wrong passphrase is refused before any sign-in, and the journal says why without the passphrase', async () => {
    const progress = await signIn({
      method: 'certificate',
      source: { kind: 'file', path: pfxPath, passphrase: 'not-it-canary-77' },
      custodian: 'Ada Custodian',
    });
    assert.equal(progress.state, 'refused');
    assert.ok(progress.state === 'refused');
    assert.match(progress.message, /passphrase/i);
    const { entries } = lastEntries(3);
    assert.equal(entries.find((e) => e.kind === 'sign-in-result')?.data['reason'], 'wrong-passphrase');
    assert.equal(JSON.stringify(entries).includes('not-it-canary-77'), false);
  });

  test('the drill certificate in the simulated safe signs in without a file', async () => {
    const progress = await signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: 'Ada Custodian' });
    assert.equal(progress.state, 'signed-in');
    assert.ok(progress.state === 'signed-in');
    assert.equal(progress.session.kind, 'app');
    assert.deepEqual(progress.session.directoryRoles, ['Global Administrator']);
    services.signIn.signOut('Ada Custodian');
  });
});
