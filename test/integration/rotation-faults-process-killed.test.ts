/**
 * Rotation after use when the process is killed for real (docs/domain.md, "Rotation after use"):
 * a child process running the rotation is killed with SIGKILL while a Graph call is held up, and
 * this process resumes the rotation; after every step at least one credential signs in.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadCertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import {
  appSignsIn,
  assertSomeCredentialWorks,
  bg1SignsIn,
  envelopePassword,
  keyThumbprints,
  rogueKey,
  rotationTenant,
  type RotationTenant,
} from '../helpers/rotation.ts';
import {
  ada,
  assertNoDuplicateKeys,
  assertRotated,
  bg1,
  calls,
  finishRotation,
  hits,
  passphrase,
  phases,
  signIn,
  stepEntries,
  target,
  waitFor,
  type Known,
} from '../helpers/rotation-faults.ts';
import { tempDir } from '../helpers/temp.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
