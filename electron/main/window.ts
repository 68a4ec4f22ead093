// The main window: hardened web preferences, the built renderer loaded from disk, no navigation away from it.
// The preferences stay a literal here so that static checkers (Electronegativity) see exactly what is set.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function rendererIndexPath(appRoot: string): string {
  return join(appRoot, 'out', 'renderer', 'index.html');
}

export function rendererOrigin(appRoot: string): string {
  return pathToFileURL(join(appRoot, 'out', 'renderer')).href + '/';
}

export function createMainWindow(appRoot: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    title: 'Dossier',
    show: false,
    backgroundColor: '#1f2328',
    webPreferences: {
      preload: join(appRoot, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndexPath(appRoot));
  return window;
}
