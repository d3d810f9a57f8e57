/**
 * What this app run signs in to: the configured tenant (Microsoft's cloud, or another one the
 * inventory names), or the simulated tenant of a drill – started here, in this process, on
 * first use, with its CA trusted for it alone. For a simulated tenant the inventory is the one
 * given with --config, else the `*.config.json` beside the seed (the demo tenant has one), else
 * one read off the seed: the users with keys in the simulated safe, the first app with a
 * certificate there.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

import { ActionableError } from '../../shared/actionable-error.ts';
import { signInClientId, type Inventory } from '../../shared/inventory.ts';
import { loadSeedFile, startSimulator, type Seed, type Simulator } from '../../sim/index.ts';
import { readInventoryFile } from '../config/inventory-file.ts';
import { certificateCredentialFromPem, type CertificateCredential } from '../credentials/certificate-credential.ts';
import { endpointsForSimulator, endpointsFromInventory, type TenantEndpoints } from '../entra/endpoints.ts';
import type { AppSetup } from './app-setup.ts';

type Simulated = { readonly seed: Seed; readonly inventory: Inventory; sim?: Promise<Simulator> };

export type TenantConnectionOptions = {
  /**
   * A simulator already running for this seed (tests that restart the app against one tenant);
   * it is used instead of starting one, and left running on close.
   */
  readonly simulator?: Simulator;
};

export class TenantConnection {
  readonly #setup: AppSetup;
  readonly #borrowed: Simulator | undefined;
  #simulated: Simulated | undefined;
  /** The drill's safe after a rotation in this run: the new certificate replaces the seed's. */
  readonly #safe = new Map<string, CertificateCredential>();

  constructor(setup: AppSetup, options: TenantConnectionOptions = {}) {
    this.#setup = setup;
    this.#borrowed = options.simulator;
  }

  get simulated(): boolean {
    return this.#setup.tenant.kind === 'demo';
  }

  get label(): string {
    const tenant = this.#setup.tenant;
    if (tenant.kind !== 'demo') return tenant.label;
    return /simulated/i.test(tenant.tenantName) ? tenant.tenantName : `${tenant.tenantName} (simulated)`;
  }

  /** The inventory the sign-in screens offer; throws ActionableError when there is none. */
  inventory(): Inventory {
    const tenant = this.#setup.tenant;
    if (tenant.kind === 'demo') return this.#simulatedTenant().inventory;
    if (tenant.kind === 'configured' && this.#setup.inventory) return this.#setup.inventory;
    throw new ActionableError(
      tenant.kind === 'none' && tenant.problem ? tenant.problem : 'No tenant is configured, so there is nothing to sign in to.',
      tenant.kind === 'none' ? tenant.nextStep : 'Put breakglass.config.json next to the app (see the README), then restart.',
    );
  }

  /** Where to sign in; for the simulated tenant this starts the simulator (once). */
  async endpoints(): Promise<TenantEndpoints> {
    if (!this.simulated) return endpointsFromInventory(this.inventory());
    const simulated = this.#simulatedTenant();
    simulated.sim ??= this.#borrowed ? Promise.resolve(this.#borrowed) : startSimulator({ seed: simulated.seed });
    return endpointsForSimulator(await simulated.sim);
  }

  /** The running simulator of a simulated tenant (started if need be), for drill faults; undefined on a real tenant. */
  async simulator(): Promise<Simulator | undefined> {
    if (!this.simulated) return undefined;
    await this.endpoints();
    return this.#simulated!.sim;
  }

  /** The client id for security-key sign-in. */
  publicClientId(): string {
    const inventory = this.#tryInventory();
    // Microsoft Graph Command Line Tools on a real tenant, unless the inventory names the tenant's own client.
    if (!this.simulated || inventory?.publicClientId) return signInClientId(inventory ?? {});
    const client = this.#simulatedTenant().seed.applications.find(
      (a) => (a.publicClient?.redirectUris.length ?? 0) > 0 || a.isFallbackPublicClient,
    );
    if (!client)
      throw new ActionableError(
        'The simulated tenant has no public client app to sign in through.',
        'Add an application with publicClient.redirectUris ["http://localhost"] to the seed.',
      );
    return client.appId;
  }

  /** The drill certificate of the simulated safe for an app, or undefined on a real tenant. */
  simulatedSafeCertificate(appId: string): CertificateCredential | undefined {
    if (!this.simulated) return undefined;
    const rotated = this.#safe.get(appId.toLowerCase());
    if (rotated) return rotated;
    const credential = this.#simulatedTenant().seed.simulator.credentials.find((c) => c.appId.toLowerCase() === appId.toLowerCase());
    return credential ? certificateCredentialFromPem({ ...credential, label: `the simulated safe's certificate for ${appId}` }) : undefined;
  }

  /** A drill's rotation put a new certificate in the simulated safe (in this run); no-op on a real tenant. */
  replaceSimulatedSafeCertificate(appId: string, credential: CertificateCredential): void {
    if (this.simulated) this.#safe.set(appId.toLowerCase(), credential);
  }

  /** The app's display name where the tenant tells it without a sign-in (the simulator). */
  appName(appId: string): string | undefined {
    if (!this.simulated) return undefined;
    return this.#simulatedTenant().seed.applications.find((a) => a.appId.toLowerCase() === appId.toLowerCase())?.displayName;
  }

  /** The inventory's certificatePath for the break-glass app, resolved against the inventory file's folder. */
  certificatePath(): string | undefined {
    return this.#resolve(this.#tryInventory()?.app?.certificatePath);
  }

  /** The reader app's certificatePath, resolved the same way. */
  readerCertificatePath(): string | undefined {
    return this.#resolve(this.#tryInventory()?.reader?.certificatePath);
  }

  #resolve(path: string | undefined): string | undefined {
    if (!path) return undefined;
    const tenant = this.#setup.tenant;
    const base = tenant.kind === 'configured' ? dirname(tenant.configPath) : this.#setup.options.appDir;
    return isAbsolute(path) ? path : resolve(base, path);
  }

  async close(): Promise<void> {
    const simulated = this.#simulated;
    this.#simulated = undefined;
    if (simulated?.sim && !this.#borrowed) await (await simulated.sim).close();
  }

  #tryInventory(): Inventory | undefined {
    try {
      return this.inventory();
    } catch {
      return undefined;
    }
  }

  #simulatedTenant(): Simulated {
    if (this.#simulated) return this.#simulated;
    const tenant = this.#setup.tenant;
    if (tenant.kind !== 'demo') throw new Error('not a simulated tenant');
    const seed = loadSeedFile(tenant.seedPath);
    const beside = tenant.seedPath.replace(/\.seed\.json$/i, '.config.json');
    const configPath = this.#setup.options.configPath ?? (beside !== tenant.seedPath && existsSync(beside) ? beside : undefined);
    const inventory = configPath ? readInventoryFile(configPath) : inventoryFromSeed(seed);
    if (inventory.tenantId.toLowerCase() !== seed.tenant.id.toLowerCase()) {
      throw new ActionableError(
        `The inventory ${configPath} is for tenant ${inventory.tenantId}, but the simulated tenant is ${seed.tenant.id}.`,
        'Give the inventory file that belongs to this seed with --config, or none.',
      );
    }
    this.#simulated = { seed, inventory };
    return this.#simulated;
  }
}

/** An inventory read off a seed that came without one. */
function inventoryFromSeed(seed: Seed): Inventory {
  const keyHolders = new Set(seed.simulator.securityKeys.map((k) => k.userId.toLowerCase()));
  const accounts = seed.users
    .filter((u) => keyHolders.has(u.id.toLowerCase()))
    .map((u) => ({ userPrincipalName: u.userPrincipalName, id: u.id }));
  const appId = seed.simulator.credentials[0]?.appId;
  const publicClient = seed.applications.find((a) => (a.publicClient?.redirectUris.length ?? 0) > 0 || a.isFallbackPublicClient);
  return {
    tenantId: seed.tenant.id,
    endpoints: {
      authority: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      arm: 'https://management.azure.com',
    },
    accounts,
    ...(appId ? { app: { appId } } : {}),
    ...(publicClient ? { publicClientId: publicClient.appId } : {}),
    reviewIntervalDays: 90,
  };
}
