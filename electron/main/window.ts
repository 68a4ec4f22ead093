// The main window: hardened web preferences, the built renderer loaded from disk, no navigation away from it.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function rendererIndexPath(appRoot: string): string {
  return join(appRoot, 'out', 'renderer', 'index.html');
}

export function rendererOrigin(appRoot: string): string {
  return pathToFileURL(join(appRoot, 'out', 'renderer')).href + '/';
}

export function hardenedWebPreferences(appRoot: string): Electron.WebPreferences {
  return {
    preload: join(appRoot, 'out', 'preload', 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
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
    webPreferences: hardenedWebPreferences(appRoot),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndexPath(appRoot));
  return window;
}
