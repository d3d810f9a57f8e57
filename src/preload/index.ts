/**
 * The preload script (sandboxed): exposes exactly one function, `invoke`, limited to the IPC
 * contract's channel names. The renderer never sees `ipcRenderer` or any other Electron API.
 */
import { contextBridge, ipcRenderer } from 'electron';

import { bridgeGlobalName } from '../shared/ipc/bridge.ts';
import { createBridge } from './bridge.ts';

// Only the bound `invoke` crosses, never the ipcRenderer object itself.
contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge({ invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args) }));
