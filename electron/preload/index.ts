// The only bridge between the sandboxed page and the app: one named function per operation, each sending its
// input on the IPC channel of the same name. No generic invoke(channel) is exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { OPERATION_NAMES } from '../contract/vocabulary';

const api = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input ?? {})]),
);

contextBridge.exposeInMainWorld('dossier', Object.freeze(api));
