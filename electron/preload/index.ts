// The only bridge between the sandboxed page and the app: one named function per operation, each sending its
// input on the IPC channel of the same name, two named shell functions, and a listener for a fixed list of app
// events. No generic invoke(channel) or send(channel) is exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { APP_EVENTS, OPERATION_NAMES, SHELL_CHANNELS, type AppEvent } from '../contract/vocabulary';

const api = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input ?? {})]),
);

const shell = {
  /** Asks the user, then opens an http(s) address in their browser; resolves to whether it was opened. */
  openExternal: (url: string): Promise<boolean> => ipcRenderer.invoke(SHELL_CHANNELS.openExternal, String(url)),
  /** Shows the system's open dialog and imports what the user picks; resolves to the import report or null. */
  importDialog: (): Promise<unknown> => ipcRenderer.invoke(SHELL_CHANNELS.importDialog),
  /** Save dialog, then exports the case there; resolves to the operation's Result, or null if cancelled. */
  exportCaseDialog: (caseRef: string): Promise<unknown> => ipcRenderer.invoke(SHELL_CHANNELS.exportCaseDialog, String(caseRef)),
  /** Open dialog for a case zip, then verifies and imports it (force only when asked); Result or null. */
  importCaseDialog: (force: boolean): Promise<unknown> => ipcRenderer.invoke(SHELL_CHANNELS.importCaseDialog, force === true),
  /** Calls back on the app events named in the contract; returns a function that stops listening. */
  onEvent: (event: AppEvent, listener: () => void): (() => void) => {
    if (!(APP_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown app event "${event}".`);
    const handler = (): void => listener();
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
};

contextBridge.exposeInMainWorld('dossier', Object.freeze(api));
contextBridge.exposeInMainWorld('dossierShell', Object.freeze(shell));
