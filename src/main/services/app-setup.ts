/**
 * Decides which tenant the app works on and where its journal is, and answers `app:status`.
 *
 * Precedence: an explicit `--sim` seed, then an explicit `--config` file (both must be valid,
 * or the command stops with exit code 2), then `breakglass.config.json` next to the app, then
 * the built-in demo tenant. A broken config next to the app never stops the app from opening:
 * the home screen names the problem instead, because the custodian must not be locked out.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type { RedactionMode } from '../../core/journal/redaction.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { Inventory } from '../../shared/inventory.ts';
import type { AppStatus, JournalLocation, OpenIncidentStatus, TenantInUse } from '../../shared/model/status.ts';
import { productName } from '../../shared/product.ts';
import { readSeedSummary } from '../../sim/index.ts';
import { inventoryFileName, readInventoryFile } from '../config/inventory-file.ts';
import { journalFileName, resolveDataLocation, type DataLocation } from '../config/locations.ts';
import { capabilityCatalogue } from './capabilities.ts';

export const demoSeedRelativePath = join('assets', 'demo-tenant.seed.json');

export type AppSetupOptions = {
  readonly host: 'electron' | 'web';
  /** The folder the app runs from: the project root, or the packaged app's folder. */
  readonly appDir: string;
  /** Where the app's own files (assets/, dist/) are; defaults to appDir (true when not packaged). */
  readonly resourceDir?: string | undefined;
  readonly version: string;
  readonly configPath?: string | undefined;
  readonly simSeedPath?: string | undefined;
  readonly dataDir?: string | undefined;
  /** 'development' refuses undeclared secret-looking journal values loudly; 'production' redacts them. */
  readonly redaction: RedactionMode;
  /** The Electron-ABI SQLite addon (see src/main/db/sqlite.ts); absent in Node. */
  readonly nativeBinding?: string | undefined;
};

export type AppSetup = {
  readonly options: AppSetupOptions;
  readonly tenant: TenantInUse;
  readonly inventory: Inventory | undefined;
  readonly data: DataLocation;
  readonly journalFile: string;
};

function demoTenant(seedPath: string): TenantInUse {
  const summary = readSeedSummary(seedPath);
  return {
    kind: 'demo',
    label: 'Demo tenant – simulated',
    tenantName: summary.displayName,
    seedPath,
  };
}

function configuredTenant(inventory: Inventory, configPath: string): TenantInUse {
  return { kind: 'configured', tenantId: inventory.tenantId, label: `Tenant ${inventory.tenantId}`, configPath };
}

/** Resolves the setup; throws ActionableError only for explicitly given files that are unusable. */
export function resolveAppSetup(options: AppSetupOptions): AppSetup {
  const data = resolveDataLocation({ appDir: options.appDir, chosenDir: options.dataDir });
  const journalFile = join(data.dir, journalFileName);
  const base = { options, data, journalFile };

  if (options.simSeedPath) {
    return { ...base, tenant: demoTenant(options.simSeedPath), inventory: undefined };
  }
  if (options.configPath) {
    const inventory = readInventoryFile(options.configPath);
    return { ...base, tenant: configuredTenant(inventory, options.configPath), inventory };
  }
  const besideApp = join(options.appDir, inventoryFileName);
  if (existsSync(besideApp)) {
    try {
      const inventory = readInventoryFile(besideApp);
      return { ...base, tenant: configuredTenant(inventory, besideApp), inventory };
    } catch (error) {
      if (!(error instanceof ActionableError)) throw error;
      const tenant: TenantInUse = {
        kind: 'none',
        label: 'No tenant configured',
        problem: error.message,
        nextStep: error.nextStep,
      };
      return { ...base, tenant, inventory: undefined };
    }
  }
  const demoSeed = join(options.resourceDir ?? options.appDir, demoSeedRelativePath);
  if (existsSync(demoSeed)) {
    return { ...base, tenant: demoTenant(demoSeed), inventory: undefined };
  }
  return {
    ...base,
    tenant: {
      kind: 'none',
      label: 'No tenant configured',
      nextStep: `Put ${inventoryFileName} next to the app (see the README), then restart.`,
    },
    inventory: undefined,
  };
}

/** The inventory's `witnessFolder`, resolved against the inventory file's folder; undefined when none is set. */
export function witnessFolderOf(setup: AppSetup): string | undefined {
  const folder = setup.inventory?.witnessFolder;
  if (!folder) return undefined;
  return resolve(setup.tenant.kind === 'configured' ? dirname(setup.tenant.configPath) : setup.options.appDir, folder);
}

export function appStatus(setup: AppSetup, journal: JournalLocation, incident?: OpenIncidentStatus): AppStatus {
  return {
    product: { name: productName, version: setup.options.version },
    host: setup.options.host,
    tenant: setup.tenant,
    journal,
    capabilities: [...capabilityCatalogue],
    ...(incident ? { incident } : {}),
  };
}
