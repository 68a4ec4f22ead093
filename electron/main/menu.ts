// The native menu: the main actions with their shortcuts, an About box with version and archive location,
// "Reveal archive file". Actions that belong to the page are sent to it as app events.
import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../contract/vocabulary';

export interface MenuContext {
  window: () => BrowserWindow | null;
  archivePath: string;
  version: string;
  importFromDialog: () => Promise<void>;
  /** Asks where, then writes a consistent copy of the archive there (the app stays open). */
  backUpWithDialog: () => Promise<void>;
  /** Runs the full check (integrity, index, references, originals' hashes, audit chain) and shows the report. */
  checkArchive: () => Promise<void>;
}

function send(context: MenuContext, event: AppEvent): void {
  context.window()?.webContents.send(event);
}

export function menuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import files…', accelerator: 'CmdOrCtrl+O', click: () => void context.importFromDialog() },
        { type: 'separator' },
        { label: 'New note', accelerator: 'CmdOrCtrl+Alt+N', click: () => send(context, 'menu:new-note') },
        { label: 'New statement', accelerator: 'CmdOrCtrl+Alt+S', click: () => send(context, 'menu:new-statement') },
        { label: 'New incident', accelerator: 'CmdOrCtrl+Alt+I', click: () => send(context, 'menu:new-incident') },
        { type: 'separator' },
        { label: 'Back up archive…', click: () => void context.backUpWithDialog() },
        { label: 'Check archive', click: () => void context.checkArchive() },
        { label: 'Reveal archive file', click: () => shell.showItemInFolder(context.archivePath) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => send(context, 'menu:find') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Keyboard shortcuts', accelerator: 'Shift+/', click: () => send(context, 'menu:shortcuts') },
        {
          label: 'About Dossier',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Dossier',
              message: `Dossier ${context.version}`,
              detail: `An offline archive for investigators.\n\nArchive: ${context.archivePath}\nElectron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}`,
            }),
        },
      ],
    },
  ];
}

export function installMenu(context: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(context)));
  app.setAboutPanelOptions?.({ applicationName: 'Dossier', applicationVersion: context.version });
}
