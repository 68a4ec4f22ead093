// Shell hardening applied to every web contents and to the session: the window may show only the app itself.
import { app, BrowserWindow, session, type WebContents } from 'electron';
import { confirmAndOpenExternal, parseWebUrl } from './external';
import { CONTENT_SECURITY_POLICY } from '../contract/security';

/** Requests the app's own pages may make: its files on disk, its evidence documents, Chromium's devtools. */
export function isAppRequest(url: string, rendererOrigin: string): boolean {
  return url.startsWith(rendererOrigin) || url.startsWith('dossier-evidence://item/') || url.startsWith('devtools://');
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No window ever opens inside the app; a web address may open in the user's browser after they confirm it.
  contents.setWindowOpenHandler(({ url }) => {
    if (parseWebUrl(url)) void confirmAndOpenExternal(url, BrowserWindow.fromWebContents(contents));
    return { action: 'deny' };
  });
}

export function hardenSession(rendererOrigin: string): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  appSession.setPermissionCheckHandler(() => false);
  appSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAppRequest(details.url, rendererOrigin) });
  });
  appSession.webRequest.onHeadersReceived((details, callback) => {
    // Evidence documents carry their own, stricter policy; everything else gets the app's.
    if (details.url.startsWith('dossier-evidence://')) return callback({ responseHeaders: details.responseHeaders });
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
