// The desktop door: one IPC handler per operation, each checking that the call comes from the app's own page
// before the contract validates the input and the operation runs.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Archive } from '../../db/open';
import { OPERATION_NAMES, type Result } from '../contract';
import { callOperation } from '../contract/operations';

export function senderIsApp(event: IpcMainInvokeEvent, rendererOrigin: string): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(rendererOrigin) && event.senderFrame === event.sender.mainFrame;
}

export function registerOperationHandlers(archive: Archive, rendererOrigin: string): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(name, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!senderIsApp(event, rendererOrigin)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This call did not come from the Dossier window.' } };
      }
      return callOperation(archive, name, input);
    });
  }
}
