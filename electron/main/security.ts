// Shell hardening applied to every web contents and to the session: the window may show only the app itself.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../contract/security';

/** Requests the app's own pages may make: its files on disk and Chromium's devtools. */
export function isAppRequest(url: string, rendererOrigin: string): boolean {
  return url.startsWith(rendererOrigin) || url.startsWith('devtools://');
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(rendererOrigin: string): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  appSession.setPermissionCheckHandler(() => false);
  appSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAppRequest(details.url, rendererOrigin) });
  });
  appSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
