// The desktop-only shell functions behind the preload's `dossierShell`: confirm-then-open a web address, and the
// system's open and save dialogs feeding the import and case-file operations. Same sender check as the operations.
import { BrowserWindow, dialog, ipcMain } from 'electron';
import type { Archive } from '../../db/open';
import type { BackupReport, CheckReport } from '../contract';
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

export async function exportCaseWithDialog(archive: Archive, window: BrowserWindow | null, caseRef: string): Promise<unknown> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export case file',
    defaultPath: 'case.zip',
    filters: [{ name: 'Dossier case file', extensions: ['zip'] }],
  };
  const picked = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (picked.canceled || !picked.filePath) return null;
  // The system dialog has already asked whether to replace an existing file.
  return callOperation(archive, 'exportCase', { caseRef, outPath: picked.filePath, overwrite: true });
}

export async function importCaseWithDialog(archive: Archive, window: BrowserWindow | null, force: boolean): Promise<unknown> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import a case file',
    properties: ['openFile'],
    filters: [{ name: 'Dossier case file', extensions: ['zip'] }],
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return null;
  const result = await callOperation(archive, 'importCase', { path, force });
  window?.webContents.send('archive:changed');
  return result;
}

export async function backUpWithDialog(archive: Archive, window: BrowserWindow | null): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10);
  const options: Electron.SaveDialogOptions = {
    title: 'Back up the archive',
    defaultPath: `dossier-backup-${stamp}.sqlite`,
    filters: [{ name: 'Dossier archive', extensions: ['sqlite'] }],
  };
  const picked = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (picked.canceled || !picked.filePath) return;
  const result = await callOperation(archive, 'backupArchive', { outPath: picked.filePath, force: true });
  const message = result.ok ? 'The archive was backed up.' : 'The backup failed.';
  const detail = result.ok
    ? `${picked.filePath}\n${(result.value as BackupReport).items} items, SHA-256 ${(result.value as BackupReport).sha256}`
    : result.error.message;
  await dialog.showMessageBox({ type: result.ok ? 'info' : 'error', title: 'Back up', message, detail });
}

export async function checkWithReport(archive: Archive): Promise<void> {
  const result = await callOperation(archive, 'checkArchive', {});
  if (!result.ok) {
    await dialog.showMessageBox({ type: 'error', title: 'Check archive', message: 'The check could not run.', detail: result.error.message });
    return;
  }
  const report = result.value as CheckReport;
  const detail = report.checks.map((check) => `${check.ok ? '✓' : '✗'} ${check.name}${check.ok ? '' : `: ${check.problems.slice(0, 3).join('; ')}`}`).join('\n');
  await dialog.showMessageBox({
    type: report.ok ? 'info' : 'warning',
    title: 'Check archive',
    message: report.ok ? 'Everything holds.' : 'The archive has problems.',
    detail,
  });
}

export function registerShellHandlers(archive: Archive, rendererOrigin: string): void {
  ipcMain.handle(SHELL_CHANNELS.openExternal, async (event, url: unknown) => {
    if (!senderIsApp(event, rendererOrigin) || typeof url !== 'string') return false;
    return confirmAndOpenExternal(url, BrowserWindow.fromWebContents(event.sender));
  });
  ipcMain.handle(SHELL_CHANNELS.exportCaseDialog, async (event, caseRef: unknown) => {
    if (!senderIsApp(event, rendererOrigin) || typeof caseRef !== 'string') return null;
    return exportCaseWithDialog(archive, BrowserWindow.fromWebContents(event.sender), caseRef);
  });
  ipcMain.handle(SHELL_CHANNELS.importCaseDialog, async (event, force: unknown) => {
    if (!senderIsApp(event, rendererOrigin)) return null;
    return importCaseWithDialog(archive, BrowserWindow.fromWebContents(event.sender), force === true);
  });
  ipcMain.handle(SHELL_CHANNELS.importDialog, async (event) => {
    if (!senderIsApp(event, rendererOrigin)) return null;
    return importWithDialog(archive, BrowserWindow.fromWebContents(event.sender));
  });
}
