// Desktop entry: one instance, the per-user archive (with the demo case on first start), a hardened window.
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive, type Archive } from '../../db/open';
import { defaultArchivePath, packageRoot } from '../../db/paths';
import { seedDemoIfNew } from '../../db/demo';
import { createMainWindow, rendererOrigin } from './window';
import { hardenApp, hardenSession } from './security';
import { registerOperationHandlers } from './ipc';
import { scheduleStartupCheck } from './startup-check';
import { registerEvidenceScheme, serveEvidence } from './evidence';
import { backUpWithDialog, checkWithReport, importWithDialog, registerShellHandlers } from './shell-ipc';
import { installMenu } from './menu';
import { appVersion } from '../../db/ops/archive';

/** better-sqlite3 built for Electron's ABI, kept apart from the Node build that tests and the CLI use. */
function electronNativeBinding(appRoot: string): string | undefined {
  const candidate = process.env.DOSSIER_ELECTRON_SQLITE ?? join(appRoot, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const appRoot = packageRoot();
  const origin = rendererOrigin(appRoot);
  let archive: Archive;
  hardenApp();
  registerEvidenceScheme();

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(
    async () => {
      try {
        archive = openArchive(defaultArchivePath(), { nativeBinding: electronNativeBinding(appRoot) });
        await seedDemoIfNew(archive);
      } catch (error) {
        dialog.showErrorBox('Dossier cannot open its archive', (error as Error).message);
        app.quit();
        return;
      }
      hardenSession(origin);
      registerOperationHandlers(archive, origin);
      registerShellHandlers(archive, origin);
      serveEvidence(archive);
      const window = createMainWindow(appRoot);
      scheduleStartupCheck(archive);
      installMenu({
        window: () => BrowserWindow.getFocusedWindow() ?? window,
        archivePath: archive.path,
        version: appVersion(),
        importFromDialog: async () => {
          await importWithDialog(archive, window);
        },
        backUpWithDialog: () => backUpWithDialog(archive, window),
        checkArchive: () => checkWithReport(archive),
      });
    },
    (error: unknown) => {
      dialog.showErrorBox('Dossier could not start', String(error));
      app.quit();
    },
  );

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => archive?.close());
}

start();
