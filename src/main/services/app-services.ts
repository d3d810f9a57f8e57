/**
 * The main-process services of one app run, built from its setup. Electron's main process and
 * the web host both start exactly this, so the browser UI exercises the real services.
 */
import { join } from 'node:path';

import { runbookFileName } from '../config/runbook-file.ts';
import { witnessFolderOf, type AppSetup } from './app-setup.ts';
import { IncidentService } from './incident-service.ts';
import { JournalService } from './journal-service.ts';
import { ReadinessService } from './readiness/readiness-service.ts';
import { RecoveryService } from './recovery-service.ts';
import { RotationService } from './rotation/rotation-service.ts';
import { SettingsService } from './settings-service.ts';
import { SignInService, type OpenExternal } from './sign-in-service.ts';
import { TenantConnection } from './tenant-connection.ts';
import type { Simulator } from '../../sim/index.ts';

export type AppServices = {
  readonly setup: AppSetup;
  readonly journal: JournalService;
  readonly tenant: TenantConnection;
  readonly signIn: SignInService;
  readonly readiness: ReadinessService;
  readonly recovery: RecoveryService;
  readonly incident: IncidentService;
  readonly rotation: RotationService;
  readonly settings: SettingsService;
  close(): Promise<void>;
};

export function startAppServices(
  setup: AppSetup,
  options: { readonly openExternal?: OpenExternal; readonly simulator?: Simulator; readonly sleep?: (ms: number) => Promise<void> } = {},
): AppServices {
  const journal = JournalService.start({
    file: setup.journalFile,
    mode: setup.data.mode,
    redaction: setup.options.redaction,
    nativeBinding: setup.options.nativeBinding,
    witnessFolder: witnessFolderOf(setup),
  });
  const tenant = new TenantConnection(setup, options.simulator ? { simulator: options.simulator } : {});
  const signIn = new SignInService({ tenant, journal, ...(options.openExternal ? { openExternal: options.openExternal } : {}) });
  const readiness = new ReadinessService({ tenant, journal, version: setup.options.version });
  const recovery = new RecoveryService({ signIn, journal, tenant });
  const runbookPath = join(setup.data.dir, runbookFileName);
  const incident = new IncidentService({ journal, signIn, tenant, recoveryActions: () => recovery.actions(), runbookPath });
  const rotation = new RotationService({ journal, signIn, tenant, readiness, ...(options.sleep ? { sleep: options.sleep } : {}) });
  return {
    setup,
    journal,
    tenant,
    signIn,
    readiness,
    recovery,
    incident,
    rotation,
    settings: new SettingsService({ runbookPath }),
    async close() {
      // Tokens first: nothing may outlive the app's run.
      signIn.close();
      await tenant.close();
      journal.close();
    },
  };
}
