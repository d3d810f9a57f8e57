/**
 * The preload script (sandboxed): exposes exactly one function, `invoke`, limited to the IPC
 * contract's channel names. The renderer never sees `ipcRenderer` or any other Electron API.
 */
import { contextBridge, ipcRenderer } from 'electron';

import { bridgeGlobalName, type BreakglassBridge } from '../shared/ipc/bridge.ts';
import { isChannelName } from '../shared/ipc/channels.ts';
import type { IpcEnvelope } from '../shared/ipc/errors.ts';

const bridge: BreakglassBridge = {
  invoke(channel: string, input: unknown): Promise<IpcEnvelope> {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'unknown-channel',
          message: `Unknown request "${channel.slice(0, 80)}": it is not part of the app's IPC contract.`,
          nextStep: 'This is a defect in the app. Restart it; if it happens again, use the paper runbook.',
        },
      });
    }
    return ipcRenderer.invoke(channel, input) as Promise<IpcEnvelope>;
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);
