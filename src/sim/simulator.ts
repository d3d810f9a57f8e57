/**
 * Starts the simulated tenant: makes a CA for this run, issues the 127.0.0.1/localhost server
 * certificate, and serves the token service, sign-in pages, Graph and ARM over HTTPS on
 * 127.0.0.1. The product trusts `caCertificatePem` for simulator endpoints only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createSimulatorAuthority } from './crypto/authority.ts';
import { SimulatorClock } from './directory/clock.ts';
import { TenantState } from './directory/tenant.ts';
import { FaultInjector, type FaultPlan } from './http/faults.ts';
import { listenHttps } from './http/server.ts';
import { routeRequest } from './router.ts';
import type { SignInSeed } from './seed/schema-apps.ts';
import type { Seed, SimulatorSecrets } from './seed/schema.ts';
import type { SimulatorContext } from './token/context.ts';
import { TokenIssuer } from './token/issuer.ts';
import { SignInSessions } from './token/sessions.ts';

export type SimulatorOptions = {
  readonly seed: Seed;
  /** 0 or omitted: any free port. */
  readonly port?: number;
  readonly faults?: FaultPlan;
  readonly clockOffsetSeconds?: number;
  /** Items per Graph/ARM page before a next link (Graph's own default for most collections is 100). */
  readonly pageSize?: number;
};

export type Simulator = {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly port: number;
  /** `https://127.0.0.1:PORT` */
  readonly origin: string;
  /** `https://127.0.0.1:PORT/<tenantId>` – msal's `auth.authority`. */
  readonly authority: string;
  /** `127.0.0.1:PORT` – msal's `auth.knownAuthorities` entry (host:port, docs/architecture.md, "Toolchain pitfalls"). */
  readonly authorityHost: string;
  /** Graph base URL without version, like https://graph.microsoft.com. */
  readonly graphBaseUrl: string;
  /** ARM base URL, like https://management.azure.com. */
  readonly armBaseUrl: string;
  /** The inventory file's `endpoints` block pointing at this simulator. */
  readonly endpoints: { readonly authority: string; readonly graph: string; readonly arm: string };
  readonly caCertificatePem: string;
  /** Certificates, security keys and passwords from the seed's `simulator` section. */
  readonly secrets: SimulatorSecrets;
  setFaults(plan: FaultPlan): void;
  setClockOffset(seconds: number): void;
  /** Every sign-in so far (seeded and simulated), newest first, as auditLogs/signIns stores them. */
  signInLog(): SignInSeed[];
  /** The tenant as it is now, after any writes (a copy). */
  snapshot(): Seed;
  /** Writes the CA certificate as `simulator-ca.pem` into dir and returns its path. */
  writeCaCertificate(dir: string): string;
  close(): Promise<void>;
};

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const clock = new SimulatorClock(options.clockOffsetSeconds ?? 0);
  const tenant = new TenantState(options.seed, clock);
  const faults = new FaultInjector();
  faults.set(options.faults ?? {});
  const context: SimulatorContext = {
    tenant,
    issuer: new TokenIssuer(clock),
    sessions: new SignInSessions(),
    faults,
    pageSize: options.pageSize ?? 100,
  };

  const authority = createSimulatorAuthority();
  const server = authority.issueServerCertificate({ ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  const listener = await listenHttps({
    ...(options.port ? { port: options.port } : {}),
    certificatePem: server.certificatePem,
    privateKeyPem: server.privateKeyPem,
    handle: (request) => routeRequest(context, request),
  });
  const origin = `https://127.0.0.1:${listener.port}`;
  return {
    tenantId: tenant.tenantId,
    tenantName: tenant.seed.tenant.displayName,
    port: listener.port,
    origin,
    authority: `${origin}/${tenant.tenantId}`,
    authorityHost: `127.0.0.1:${listener.port}`,
    graphBaseUrl: origin,
    armBaseUrl: origin,
    endpoints: { authority: origin, graph: origin, arm: origin },
    caCertificatePem: authority.certificatePem,
    secrets: structuredClone(options.seed.simulator),
    setFaults: (plan) => faults.set(plan),
    setClockOffset: (seconds) => clock.setOffsetSeconds(seconds),
    signInLog: () => structuredClone(tenant.seed.signIns),
    snapshot: () => structuredClone(tenant.seed),
    writeCaCertificate: (dir) => {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'simulator-ca.pem');
      writeFileSync(path, authority.certificatePem);
      return path;
    },
    close: () => listener.close(),
  };
}
