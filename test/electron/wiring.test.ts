// The desktop door with `electron` mocked (its binary cannot run here): every operation has an IPC handler and
// a preload function, the window is hardened, and the session and web contents refuse what they should.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OPERATION_NAMES } from '../../electron/contract';
import { SHELL_CHANNELS } from '../../electron/contract/vocabulary';
import { tempArchive, tempDir } from '../helpers';

const electron = vi.hoisted(() => {
  type Handler = (...args: any[]) => any;
  const handlers = new Map<string, Handler>();
  const exposed = new Map<string, unknown>();
  const windows: { options: any; loaded: string | null }[] = [];
  const appListeners = new Map<string, Handler>();
  const sessionHandlers: Record<string, Handler> = {};
  class BrowserWindow {
    options: any;
    loaded: string | null = null;
    constructor(options: any) {
      this.options = options;
      windows.push(this);
    }
    once() {}
    loadFile(path: string) {
      this.loaded = path;
      return Promise.resolve();
    }
    static getAllWindows() {
      return windows;
    }
    static getFocusedWindow() {
      return windows.at(-1) ?? null;
    }
    static fromWebContents() {
      return windows.at(-1) ?? null;
    }
  }
  return {
    handlers,
    exposed,
    windows,
    appListeners,
    sessionHandlers,
    module: {
      BrowserWindow,
      ipcMain: { handle: (name: string, handler: Handler) => handlers.set(name, handler) },
      ipcRenderer: {
        invoke: (name: string, input: unknown) => Promise.resolve({ invoked: name, input }),
        on: vi.fn(),
        removeListener: vi.fn(),
      },
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      Menu: {
        buildFromTemplate: vi.fn((template: unknown) => ({ template })),
        setApplicationMenu: vi.fn(),
      },
      shell: { openExternal: vi.fn(async () => undefined), showItemInFolder: vi.fn() },
      app: {
        on: (event: string, handler: Handler) => appListeners.set(event, handler),
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        whenReady: vi.fn(() => Promise.resolve()),
      },
      dialog: {
        showErrorBox: () => {},
        showMessageBox: vi.fn(async () => ({ response: 1 })),
        showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(),
        handle: vi.fn(),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (h: Handler) => (sessionHandlers.permissionRequest = h),
          setPermissionCheckHandler: (h: Handler) => (sessionHandlers.permissionCheck = h),
          webRequest: {
            onBeforeRequest: (h: Handler) => (sessionHandlers.beforeRequest = h),
            onHeadersReceived: (h: Handler) => (sessionHandlers.headersReceived = h),
          },
        },
      },
    },
  };
});
vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const appRoot = '/opt/dossier';
const origin = 'file:///opt/dossier/out/renderer/';

describe('preload', () => {
  it('exposes exactly one named function per operation, each invoking its own channel', async () => {
    await import('../../electron/preload/index');
    const api = electron.exposed.get('dossier') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of OPERATION_NAMES) {
      expect(typeof api[name]).toBe('function');
      await expect(api[name]!({ probe: name })).resolves.toEqual({ invoked: name, input: { probe: name } });
    }
    expect(api).not.toHaveProperty('invoke');
  });
});

describe('IPC handlers', () => {
  const t = tempArchive();
  const frame = { url: `${origin}index.html` };
  const appEvent = { senderFrame: frame, sender: { mainFrame: frame } };
  afterAll(() => t.dispose());

  beforeEach(async () => {
    const { registerOperationHandlers } = await import('../../electron/main/ipc');
    electron.handlers.clear();
    registerOperationHandlers(t.archive, origin);
  });

  it('registers a handler for every operation in the table', () => {
    expect([...electron.handlers.keys()].sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('runs operations for the app page and validates their input by the contract', async () => {
    const add = electron.handlers.get('addNote')!;
    const created = await add(appEvent, { title: 'From the window' });
    expect(created).toMatchObject({ ok: true, value: { id: expect.any(String) } });
    expect(await add(appEvent, { title: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await electron.handlers.get('search')!(appEvent, { query: 'window' })).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('refuses calls from any other page or from a subframe', async () => {
    const search = electron.handlers.get('search')!;
    const foreign = { url: 'https://evil.example/' };
    expect(await search({ senderFrame: foreign, sender: { mainFrame: foreign } }, { query: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const subframe = { url: `${origin}index.html` };
    expect(await search({ senderFrame: subframe, sender: { mainFrame: frame } }, { query: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('window and session hardening', () => {
  it('creates the window with the hardened web preferences and loads the built renderer', async () => {
    const { createMainWindow } = await import('../../electron/main/window');
    createMainWindow(appRoot);
    const window = electron.windows.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/dossier/out/preload/index.cjs',
    });
    expect(window.loaded).toBe('/opt/dossier/out/renderer/index.html');
  });

  it('denies navigation, redirects, webviews and new windows in every web contents', async () => {
    const { hardenApp } = await import('../../electron/main/security');
    hardenApp();
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (event: string, listener: (event: { preventDefault: () => void }) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
    };
    electron.appListeners.get('web-contents-created')!({}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(event)!({ preventDefault });
      expect(preventDefault, event).toHaveBeenCalled();
    }
    electron.module.dialog.showMessageBox.mockClear();
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.module.dialog.showMessageBox).not.toHaveBeenCalled();
    // A web address is denied as a window but offered to the user's browser, after confirmation.
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(electron.module.dialog.showMessageBox).toHaveBeenCalled();
  });

  it('denies permissions and cancels every request that is not the app itself', async () => {
    const { hardenSession } = await import('../../electron/main/security');
    hardenSession(origin);
    const granted = vi.fn();
    electron.sessionHandlers.permissionRequest!({}, 'geolocation', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(electron.sessionHandlers.permissionCheck!({}, 'media')).toBe(false);
    const decide = (url: string) => {
      let verdict: { cancel: boolean } | undefined;
      electron.sessionHandlers.beforeRequest!({ url }, (answer: { cancel: boolean }) => (verdict = answer));
      return verdict!.cancel;
    };
    expect(decide(`${origin}index.html`)).toBe(false);
    expect(decide(`${origin}assets/app.js`)).toBe(false);
    expect(decide('https://fonts.example.com/font.woff2')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('file:///opt/dossier/out/renderer-evil/x.js')).toBe(true);
    let headers: any;
    electron.sessionHandlers.headersReceived!({ url: `${origin}index.html`, responseHeaders: {} }, (answer: any) => (headers = answer.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain("default-src 'self'");
    let evidenceHeaders: any;
    const own = { 'Content-Security-Policy': ["sandbox; default-src 'none'"] };
    electron.sessionHandlers.headersReceived!({ url: 'dossier-evidence://item/x/original', responseHeaders: own }, (answer: any) => (evidenceHeaders = answer.responseHeaders));
    expect(evidenceHeaders).toEqual(own);
    expect(headers['Content-Security-Policy'][0]).not.toContain('unsafe-eval');
  });
});

describe('desktop start-up', () => {
  it('takes the single-instance lock, opens the archive with the demo case, wires IPC and opens the window', async () => {
    const dir = tempDir();
    const archivePath = join(dir.path, 'desktop.sqlite');
    vi.stubEnv('DOSSIER_DB', archivePath);
    electron.handlers.clear();
    const windowsBefore = electron.windows.length;
    try {
      vi.resetModules();
      await import('../../electron/main/index');
      const expected = [...OPERATION_NAMES, ...Object.values(SHELL_CHANNELS)].sort();
      await vi.waitFor(() => expect([...electron.handlers.keys()].sort()).toEqual(expected), { timeout: 10_000 });
      expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled();
      expect(electron.windows.length).toBe(windowsBefore + 1);
      const frame = { url: pathToFileURL(electron.windows.at(-1)!.loaded!).href };
      const info = await electron.handlers.get('archiveInfo')!({ senderFrame: frame, sender: { mainFrame: frame } }, {});
      expect(info).toMatchObject({ ok: true, value: { path: archivePath, counts: { article: 1, statement: 1, incident: 1, note: 1 } } });
      electron.appListeners.get('will-quit')!();
    } finally {
      vi.unstubAllEnvs();
      dir.remove();
    }
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.module.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    electron.module.app.quit.mockClear();
    vi.resetModules();
    await import('../../electron/main/index');
    expect(electron.module.app.quit).toHaveBeenCalled();
  });
});

describe('evidence scheme', () => {
  it('is privileged before start-up, handled after, and allowed by the session filter', async () => {
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'dossier-evidence', privileges: { standard: true, secure: true } },
    ]);
    expect(electron.module.protocol.handle).toHaveBeenCalledWith('dossier-evidence', expect.any(Function));
    const { isAppRequest } = await import('../../electron/main/security');
    expect(isAppRequest('dossier-evidence://item/0190/original', origin)).toBe(true);
  });

  it('serves defused documents with the sandboxing policy, and plain errors for bad addresses', async () => {
    const { evidenceResponse } = await import('../../electron/main/evidence');
    const t = tempArchive();
    try {
      const render = vi.fn(async () => ({ html: '<p>evidence</p>' }));
      const ok = await evidenceResponse(t.archive, 'dossier-evidence://item/01a2181f-a450-733a-b0f5-b9facf587757/original', render);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      expect(await ok.text()).toBe('<p>evidence</p>');
      expect(render).toHaveBeenCalledWith(t.archive, { id: '01a2181f-a450-733a-b0f5-b9facf587757', view: 'original' });
      expect((await evidenceResponse(t.archive, 'dossier-evidence://item/x/../../etc/passwd', render)).status).toBe(404);
      const missing = await evidenceResponse(t.archive, 'dossier-evidence://item/01a2181f-a450-733a-b0f5-b9facf587757/readable', (await import('../../db/ops/evidence')).evidenceDocument);
      expect(missing.status).toBe(400);
      expect(await missing.text()).toMatch(/No item/);
    } finally {
      t.dispose();
    }
  });
});

describe('shell functions and menu', () => {
  it('the preload exposes exactly the named shell functions and only listens to the named app events', async () => {
    const shellApi = electron.exposed.get('dossierShell') as Record<string, (...args: any[]) => any>;
    expect(Object.keys(shellApi).sort()).toEqual(['exportCaseDialog', 'importCaseDialog', 'importDialog', 'onEvent', 'openExternal']);
    await expect(shellApi.openExternal!('https://example.org/')).resolves.toEqual({ invoked: 'shell:open-external', input: 'https://example.org/' });
    const stop = shellApi.onEvent!('menu:find', () => undefined);
    expect(electron.module.ipcRenderer.on).toHaveBeenCalledWith('menu:find', expect.any(Function));
    stop();
    expect(electron.module.ipcRenderer.removeListener).toHaveBeenCalledWith('menu:find', expect.any(Function));
    expect(() => shellApi.onEvent!('ipc:anything', () => undefined)).toThrow(/Unknown app event/);
  });

  it('opens only http(s) addresses, and only after the user says yes', async () => {
    const { confirmAndOpenExternal } = await import('../../electron/main/external');
    electron.module.shell.openExternal.mockClear();
    expect(await confirmAndOpenExternal('file:///etc/passwd', null)).toBe(false);
    expect(await confirmAndOpenExternal('javascript:alert(1)', null)).toBe(false);
    expect(electron.module.dialog.showMessageBox).not.toHaveBeenCalledWith(expect.objectContaining({ detail: expect.stringContaining('file:') }));
    electron.module.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    expect(await confirmAndOpenExternal('https://example.org/a', null)).toBe(false);
    expect(electron.module.shell.openExternal).not.toHaveBeenCalled();
    expect(await confirmAndOpenExternal('https://example.org/a', null)).toBe(true);
    expect(electron.module.shell.openExternal).toHaveBeenCalledWith('https://example.org/a');
  });

  it('installs a menu with import, the new-item actions, find, shortcuts, about and reveal', async () => {
    const { menuTemplate } = await import('../../electron/main/menu');
    const template = menuTemplate({
      window: () => null,
      archivePath: '/tmp/a.sqlite',
      version: '0.1.0',
      importFromDialog: async () => undefined,
      backUpWithDialog: async () => undefined,
      checkArchive: async () => undefined,
    });
    const labels = JSON.stringify(template);
    for (const label of ['Import files…', 'New note', 'New statement', 'New incident', 'Find…', 'Keyboard shortcuts', 'About Dossier', 'Reveal archive file', 'Back up archive…', 'Check archive']) {
      expect(labels).toContain(label);
    }
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalled();
  });
});

describe('backup and check from the menu', () => {
  it('backs up to the chosen file and reports the check in a dialog', async () => {
    const { backUpWithDialog, checkWithReport } = await import('../../electron/main/shell-ipc');
    const t = tempArchive();
    try {
      await t.call('addNote', { title: 'kept in the backup' });
      const target = join(t.dir, 'copy.sqlite');
      (electron.module.dialog as any).showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
      electron.module.dialog.showMessageBox.mockClear();
      await backUpWithDialog(t.archive, null);
      expect(electron.module.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'The archive was backed up.' }));
      const { existsSync } = await import('node:fs');
      expect(existsSync(target)).toBe(true);
      await checkWithReport(t.archive);
      expect(electron.module.dialog.showMessageBox).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'Everything holds.' }));
    } finally {
      t.dispose();
    }
  });
});
