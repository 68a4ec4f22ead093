// The renderer's single door to the archive. Everything else in the UI calls `api.<operation>(input)` and gets a
// Result back; only this module knows whether that travels over the Electron preload (`window.dossier`) or over
// the loopback HTTP server of browser mode (`POST /api/<operation>` with a bearer token).
import { OPERATION_NAMES, type CaseExportResult, type CaseImportReport, type CaseVerification, type DossierApi, type OperationName, type Result } from '../../electron/contract';
import type { AppEvent } from '../../electron/contract/vocabulary';

declare global {
  interface Window {
    /** Exposed by the Electron preload: one named async function per operation. Absent in browser mode. */
    dossier?: DossierApi;
    /** Desktop-only shell functions from the preload. */
    dossierShell?: {
      openExternal(url: string): Promise<boolean>;
      importDialog(): Promise<unknown>;
      exportCaseDialog(caseRef: string): Promise<unknown>;
      importCaseDialog(force: boolean): Promise<unknown>;
      onEvent(event: AppEvent, listener: () => void): () => void;
    };
  }
}

const TOKEN_KEY = 'dossier.token';

/**
 * Browser mode receives its token in the URL fragment (`#token=...`) so that it never reaches a server log or a
 * Referer header. Keep it for this tab only and take it out of the address bar straight away.
 */
function takeTokenFromLocation(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token then lives only in memory for this page load.
    }
    params.delete('token');
    const rest = params.toString();
    const clean = window.location.pathname + window.location.search + (rest ? `#${rest}` : '');
    window.history.replaceState(window.history.state, '', clean);
    return fromHash;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function failure(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in value;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error?.message === 'string';
}

/**
 * POSTs to the page's own loopback server (a relative path: the page's CSP allows nothing else) with the per-run
 * token, and reads back a Result. The one way the browser door talks to Dossier.
 */
async function postToLocalServer(path: string, body: BodyInit, contentType: string): Promise<Result<unknown>> {
  const token = takeTokenFromLocation();
  if (!token) {
    return failure('NO_TOKEN', 'This page was opened without its access token. Open Dossier with the full link printed by `dossier serve`.');
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Authorization: `Bearer ${token}` },
      body,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return failure('OFFLINE', 'Dossier’s local server is not answering. Is `dossier serve` still running?');
  }
  if (response.status === 401 || response.status === 403) {
    return failure(
      'FORBIDDEN',
      'The local server refused this page’s access token (it changes each time `dossier serve` starts). Open the new link it printed.',
    );
  }
  let result: unknown;
  try {
    result = await response.json();
  } catch {
    return failure('BAD_RESPONSE', `The local server answered ${response.status} without a readable result.`);
  }
  return isResult(result) ? result : failure('BAD_RESPONSE', `The local server answered ${response.status} with an unexpected result.`);
}

function httpDoor(): DossierApi {
  const call = (name: OperationName, input: unknown): Promise<Result<unknown>> =>
    postToLocalServer(`/api/${name}`, JSON.stringify(input ?? {}), 'application/json');
  return Object.fromEntries(OPERATION_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as DossierApi;
}

function desktopDoor(bridge: DossierApi): DossierApi {
  // The preload already returns Results; guard only against a throw crossing the bridge.
  const wrap = (name: OperationName) => async (input: unknown): Promise<Result<unknown>> => {
    const fn = bridge[name] as ((input: unknown) => Promise<Result<unknown>>) | undefined;
    if (typeof fn !== 'function') return failure('UNAVAILABLE', `This version of Dossier has no "${name}" operation.`);
    try {
      return await fn(input);
    } catch (error) {
      return failure('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  };
  return Object.fromEntries(OPERATION_NAMES.map((name) => [name, wrap(name)])) as DossierApi;
}

export const api: DossierApi = window.dossier ? desktopDoor(window.dossier) : httpDoor();

/** Where a frame loads an article's evidence document: the desktop app's own scheme, or the loopback server. */
export function evidenceUrl(itemId: string, view: 'readable' | 'original'): string {
  if (window.dossier) return `dossier-evidence://item/${encodeURIComponent(itemId)}/${view}`;
  const token = takeTokenFromLocation() ?? '';
  return `/evidence/${encodeURIComponent(itemId)}/${view}?token=${encodeURIComponent(token)}`;
}


/** Opens a web address outside the archive, only after the user confirms it (the desktop app asks natively). */
export async function openExternalUrl(url: string): Promise<void> {
  if (window.dossierShell) {
    await window.dossierShell.openExternal(url);
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
  if (window.confirm(`Open this address in a new tab?\n\n${parsed.href}\n\nThe site will see your IP address.`)) {
    window.open(parsed.href, '_blank', 'noopener,noreferrer');
  }
}

/** Listens to the desktop menu's commands; in browser mode there is no menu and this does nothing. */
export function onAppEvent(event: AppEvent, listener: () => void): () => void {
  return window.dossierShell ? window.dossierShell.onEvent(event, listener) : () => undefined;
}

/** True in the desktop app, where case files go through the system's open and save dialogs. */
export const hasNativeDialogs = (): boolean => Boolean(window.dossierShell);

/**
 * Exports a case as a zip: the desktop app asks where to save it; the browser downloads it (its own save dialog).
 * Resolves to the export's Result in the desktop app, and to null when the browser took over or the user cancelled.
 */
export async function exportCaseFile(caseRef: string): Promise<Result<CaseExportResult> | null> {
  if (window.dossierShell) return (await window.dossierShell.exportCaseDialog(caseRef)) as Result<CaseExportResult> | null;
  const link = document.createElement('a');
  link.href = `/case-export/${encodeURIComponent(caseRef)}?token=${encodeURIComponent(takeTokenFromLocation() ?? '')}`;
  link.download = '';
  link.click();
  return null;
}

/** Desktop app: pick a case zip and import it (verified first; `force` imports an altered one, flagging it). */
export async function importCaseWithDialog(force: boolean): Promise<Result<CaseImportReport> | null> {
  return ((await window.dossierShell?.importCaseDialog(force)) ?? null) as Result<CaseImportReport> | null;
}

/** Browser door: send a case zip the user picked, to verify it or to import it. */
export async function uploadCaseFile(file: File, action: 'verify' | 'import' | 'force'): Promise<Result<CaseVerification | CaseImportReport>> {
  const path = action === 'verify' ? '/case-verify' : `/case-import${action === 'force' ? '?force=1' : ''}`;
  return (await postToLocalServer(path, file, 'application/zip')) as Result<CaseVerification | CaseImportReport>;
}
