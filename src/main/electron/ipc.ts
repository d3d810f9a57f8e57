/**
 * Registers the handler table on Electron's IPC: one `ipcMain.handle` per contract channel,
 * each checking its sender before anything else runs.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import { channelNames } from '../../shared/ipc/channels.ts';
import { forbiddenSender, type Dispatch } from '../ipc/dispatch.ts';
import { isTrustedSender } from './security.ts';

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isOwnWebContents: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event) || !isOwnWebContents(event)) {
        return forbiddenSender(event.senderFrame?.url ?? '');
      }
      return dispatch(channel, input);
    });
  }
}
