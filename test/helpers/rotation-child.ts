/**
 * A real app run for the rotation crash test: a separate Node process on the parent's data
 * folder and the parent's simulated tenant, which the parent kills with SIGKILL while one of the
 * rotation's Graph calls is held up at the simulator.
 *
 * The simulator runs in the parent, so this process cannot borrow its Simulator object. It
 * reaches it the way the app reaches any simulated tenant – the endpoints and the CA to trust for
 * them alone – through a stand-in that carries only the simulator's address (TenantConnection
 * uses nothing else of a borrowed simulator); every other Simulator method refuses.
 *
 * Usage: rotation-child.ts SPEC_JSON, where SPEC_JSON is
 *   { dir, seedPath, configPath, origin, tenantId, caPath, media, passphrase, custodian, upn }.
 * It prints one line per milestone: `step <id> done`, `password <value>` (the sheet the custodian
 * wrote; the parent plays the custodian), then runs until killed or the rotation needs a human
 * step it does not take (the method review): then it prints `stopped <step id>` and exits 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startAppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { loadSeedFile, type Simulator } from '../../src/sim/index.ts';

type Spec = {
  dir: string;
  seedPath: string;
  configPath: string;
  origin: string;
  tenantId: string;
  caPath: string;
  media: string;
  passphrase: string;
  custodian: string;
  upn: string;
};

const spec = JSON.parse(process.argv[2] ?? '') as Spec;

const say = (line: string): Promise<void> =>
  new Promise((resolve, reject) => process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve())));

function remoteSimulator(): Simulator {
  const origin = new URL(spec.origin);
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available for a simulator running in another process.`);
  };
  return {
    tenantId: spec.tenantId,
    tenantName: 'simulated tenant of the parent process',
    port: Number(origin.port),
    origin: origin.origin,
    authority: `${origin.origin}/${spec.tenantId}`,
    authorityHost: origin.host,
    graphBaseUrl: origin.origin,
    armBaseUrl: origin.origin,
    endpoints: { authority: origin.origin, graph: origin.origin, arm: origin.origin },
    caCertificatePem: readFileSync(spec.caPath, 'utf8'),
    secrets: loadSeedFile(spec.seedPath).simulator,
    setFaults: refuse('setFaults'),
    setClockOffset: refuse('setClockOffset'),
    signInLog: refuse('signInLog'),
    snapshot: refuse('snapshot'),
    writeCaCertificate: refuse('writeCaCertificate'),
    close: () => Promise.resolve(),
  };
}

const setup = resolveAppSetup({
  host: 'web',
  appDir: spec.dir,
  version: '0.0.0-test',
  dataDir: join(spec.dir, 'data'),
  simSeedPath: spec.seedPath,
  configPath: spec.configPath,
  redaction: 'development',
});
const services = startAppServices(setup, { simulator: remoteSimulator() });
const { rotation } = services;
const who = spec.custodian;

rotation.begin({ custodian: who, accounts: [spec.upn], app: true });
rotation.saveCertificate({ folder: spec.media, passphrase: spec.passphrase, passphraseAgain: spec.passphrase }, who);
await say('step app-certificate-saved done');

const { attemptId } = rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: who });
for (;;) {
  const progress = services.signIn.progress(attemptId);
  if (progress.state === 'signed-in') break;
  if (progress.state === 'failed' || progress.state === 'refused')
    throw new Error(`the child could not sign in: ${JSON.stringify(progress)}`);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await say('signed-in');

for (;;) {
  const current = rotation.current()?.current;
  if (!current) break;
  if (current.step.kind === 'account-password') {
    const shown = rotation.newPassword(spec.upn);
    await say(`password ${shown.password}`);
    await rotation.setPassword(spec.upn, who);
  } else if (
    ['app-key-added', 'app-new-key-proven', 'app-old-keys-removed', 'app-secrets-removed', 'account-sessions-revoked'].includes(
      current.step.kind,
    )
  ) {
    await rotation.continueStep(who);
  } else {
    await say(`stopped ${current.step.id}`);
    break;
  }
  await say(`step ${current.step.id} done`);
}
await services.close();
