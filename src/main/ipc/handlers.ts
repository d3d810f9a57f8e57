/**
 * The handler table: one main-process implementation per contract channel. The same table is
 * registered over Electron IPC (src/main/electron/ipc.ts) and served by the web host.
 */
import type { HandlerTable } from '../../shared/ipc/contract.ts';
import { appStatus, type AppSetup } from '../services/app-status.ts';
import { describeCapability } from '../services/capabilities.ts';

export function createHandlers(setup: AppSetup): HandlerTable {
  return {
    'app:status': () => appStatus(setup),
    'app:describeCapability': ({ id }) => describeCapability(id),
  };
}
