/**
 * `breakglass sim --seed SEED [--port N]`: serves the simulated tenant for drills and
 * development (docs/domain.md, "The `breakglass` command") and prints what a client needs to reach it: the endpoints for
 * the inventory file and the path of the simulator's CA certificate, which clients trust for
 * the simulator only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadSeedFile, startSimulator } from '../../sim/index.ts';
import type { Output } from './web-command.ts';

export type SimCommandOptions = { readonly seed: string; readonly port?: number | undefined };

export async function runSimCommand(options: SimCommandOptions, output: Output): Promise<() => Promise<void>> {
  // A bad seed stops here, before anything listens (SeedValidationError names each JSON path).
  const seed = loadSeedFile(options.seed);
  const sim = await startSimulator({ seed, ...(options.port !== undefined ? { port: options.port } : {}) });
  const caDir = mkdtempSync(join(tmpdir(), 'breakglass-sim-'));
  const caPath = sim.writeCaCertificate(caDir);
  const { users, conditionalAccessPolicies, applications } = seed;
  output.out(`Simulated tenant: ${sim.tenantName} (${sim.tenantId})`);
  output.out(`Authority: ${sim.authority}`);
  output.out(`Graph: ${sim.graphBaseUrl}/v1.0`);
  output.out(`ARM: ${sim.armBaseUrl}`);
  output.out(`Endpoints: ${JSON.stringify(sim.endpoints)}`);
  output.out(`CA certificate: ${caPath}`);
  output.err(
    `Serving ${users.length} users, ${conditionalAccessPolicies.length} Conditional Access policies and ${applications.length} app registrations on 127.0.0.1 only. ` +
      'Nothing here touches a real tenant. Stop with Ctrl+C.',
  );
  return async () => {
    await sim.close();
    rmSync(caDir, { recursive: true, force: true });
  };
}
