// Readiness-check budget (docs/architecture.md, "Benchmarks"): the whole catalogue for a tenant with 195 Conditional
// Access policies (the service maximum), two accounts and the app, in at most 4 sequential Graph
// round trips on the critical path plus paging, and at least 5x faster than one request at a
// time when the simulator adds 50 ms per request. Both are measured in this run.
//
// Run: npm run bench:checks
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { readInventoryFile } from '../src/main/config/inventory-file.ts';
import { certificateCredentialFromPem } from '../src/main/credentials/certificate-credential.ts';
import { endpointsForSimulator } from '../src/main/entra/endpoints.ts';
import { signInWithCertificate } from '../src/main/entra/sign-in.ts';
import { collectSnapshot } from '../src/main/services/readiness/collect-snapshot.ts';
import { loadSeedFile, startSimulator, validateSeed } from '../src/sim/index.ts';

const latencyMs = 50;
const policyCount = 195;

const demo = loadSeedFile('assets/demo-tenant.seed.json');
const inventory = readInventoryFile('assets/demo-tenant.config.json');
// The demo tenant's policies, repeated with new ids up to the service maximum.
const policies = Array.from({ length: policyCount }, (_, n) => {
  const template = demo.conditionalAccessPolicies[n % demo.conditionalAccessPolicies.length]!;
  return n < demo.conditionalAccessPolicies.length
    ? template
    : { ...structuredClone(template), id: randomUUID(), displayName: `${template.displayName} (copy ${n})` };
});
const seed = validateSeed({ ...demo, conditionalAccessPolicies: policies }, 'bench seed');
const sim = await startSimulator({ seed, faults: { latencyMs } });
const reader = seed.simulator.credentials.find((c) => c.appId === inventory.reader!.appId)!;
const session = await signInWithCertificate({
  endpoints: endpointsForSimulator(sim),
  appId: inventory.reader!.appId,
  certificate: certificateCredentialFromPem({ ...reader, label: 'reader' }),
});
const reviews = { ok: false as const, reason: 'no journal in the benchmark' };

async function measure(oneAtATime: boolean) {
  const start = performance.now();
  const collected = await collectSnapshot({ inventory, session, reviews, oneAtATime });
  const policiesRead = collected.snapshot.conditionalAccessPolicies.ok ? collected.snapshot.conditionalAccessPolicies.value.length : 0;
  if (policiesRead !== policyCount) throw new Error(`read ${policiesRead} policies, expected ${policyCount}`);
  return { ms: performance.now() - start, roundTrips: collected.roundTrips, requests: collected.requests };
}

await measure(false); // warm-up: token cache, TLS sessions
const batched = await measure(false);
const baseline = await measure(true);
await sim.close();

const ratio = baseline.ms / batched.ms;
const graphPageSize = 100;
const paging = Math.ceil(policyCount / graphPageSize) - 1;
console.log(`Readiness snapshot, ${policyCount} CA policies, 2 accounts, the app; simulator latency ${latencyMs} ms per request`);
console.log(`                         wall time   sequential round trips   requests`);
console.log(
  `batched ($batch)         ${batched.ms.toFixed(0).padStart(6)} ms   ${String(batched.roundTrips).padStart(6)} (budget ≤ 4 + ${paging} paging)   ${batched.requests}`,
);
console.log(
  `one request at a time    ${baseline.ms.toFixed(0).padStart(6)} ms   ${String(baseline.roundTrips).padStart(6)}                          ${baseline.requests}`,
);
console.log(`speed-up: ${ratio.toFixed(1)}x (budget ≥ 5x); round trips ${batched.roundTrips <= 4 + paging ? 'within' : 'OVER'} budget`);
