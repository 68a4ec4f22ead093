// The desktop-only shell functions behind the preload's `dossierShell`: confirm-then-open a web address, and the
// system's open dialog feeding the import operation. Same sender check as the operations.
import { BrowserWindow, dialog, ipcMain } from 'electron';
import type { Archive } from '../../db/open';
import { SHELL_CHANNELS } from '../contract/vocabulary';
import { callOperation } from '../contract/operations';
import { confirmAndOpenExternal } from './external';
import { senderIsApp } from './ipc';

export async function importWithDialog(archive: Archive, window: BrowserWindow | null): Promise<unknown> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import saved articles',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Saved pages and documents', extensions: ['html', 'htm', 'xhtml', 'mhtml', 'mht', 'pdf', 'txt', 'md', 'markdown'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  if (picked.canceled || picked.filePaths.length === 0) return null;
  const result = await callOperation(archive, 'importPaths', { paths: picked.filePaths });
  window?.webContents.send('archive:changed');
  return result;
}

export function registerShellHandlers(archive: Archive, rendererOrigin: string): void {
  ipcMain.handle(SHELL_CHANNELS.openExternal, async (event, url: unknown) => {
    if (!senderIsApp(event, rendererOrigin) || typeof url !== 'string') return false;
    return confirmAndOpenExternal(url, BrowserWindow.fromWebContents(event.sender));
  });
  ipcMain.handle(SHELL_CHANNELS.importDialog, async (event) => {
    if (!senderIsApp(event, rendererOrigin)) return null;
    return importWithDialog(archive, BrowserWindow.fromWebContents(event.sender));
  });
}
