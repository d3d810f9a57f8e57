/**
 * The bridge the preload exposes: `invoke`, limited to the IPC contract's channel names. Built
 * from an injected `ipcRenderer` so it is tested without Electron.
 */
import type { BreakglassBridge } from '../shared/ipc/bridge.ts';
import { isChannelName } from '../shared/ipc/channels.ts';
import type { IpcEnvelope } from '../shared/ipc/errors.ts';

export type InvokeOnly = { invoke(channel: string, ...args: unknown[]): Promise<unknown> };

export function createBridge(ipcRenderer: InvokeOnly): BreakglassBridge {
  return {
    invoke(channel: string, input: unknown): Promise<IpcEnvelope> {
      if (!isChannelName(channel)) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unknown-channel',
            message: `Unknown request "${String(channel).slice(0, 80)}": it is not part of the app's IPC contract.`,
            nextStep: 'This is a defect in the app. Restart it; if it happens again, use the paper runbook.',
          },
        });
      }
      return ipcRenderer.invoke(channel, input) as Promise<IpcEnvelope>;
    },
  };
}
