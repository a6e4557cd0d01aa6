/**
 * The window glue with a fake `electron` module: the preferences the window is created with, and what happens
 * to navigation, new windows, <webview> and permission requests. (The real Electron runs in the `_electron`
 * smoke test where a binary exists.)
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../main/log';

const electron = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
  opened: [] as string[],
}));

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

vi.mock('electron', () => ({
  BrowserWindow: class extends EventEmitter {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      electron.windows.push(this as never);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
  },
  shell: { openExternal: async (url: string) => void electron.opened.push(url) },
}));

const { createMainWindow, denyAllPermissions, guardWebContents } = await import('../../main/window');

/** Emits an Electron-style cancellable event and says whether a listener prevented it. */
function emitCancellable(contents: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  contents.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

beforeEach(() => {
  electron.windows.length = 0;
  electron.opened.length = 0;
});

describe('createMainWindow', () => {
  it('creates a hardened window with the preload and loads the app:// entry page', () => {
    const session = { id: 'partition' };
    createMainWindow({
      session: session as never,
      preloadPath: '/app/dist/preload/index.cjs',
    });
    const [window] = electron.windows;
    expect(window?.options['webPreferences']).toMatchObject({
      session,
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window?.loaded).toEqual(['app://kratos-desktop/index.html']);
  });
});

describe('guardWebContents', () => {
  const setup = () => {
    const contents = new FakeWebContents();
    const log = createMemoryLogger();
    guardWebContents(contents as never, () => 'https://auth.example.com', log);
    return { contents, log };
  };

  it('cancels every navigation; an allowlisted link opens in the system browser instead', async () => {
    const { contents, log } = setup();
    expect(emitCancellable(contents, 'will-navigate', 'https://auth.example.com/recovery')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://auth.example.com/recovery']);
    expect(log.lines.filter((line) => line.includes('blocked a link'))).toHaveLength(2);
  });

  it('never opens a new window', () => {
    const { contents } = setup();
    expect(contents.openHandler?.({ url: 'https://www.ory.sh/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'smb://host/share' })).toEqual({ action: 'deny' });
    expect(electron.opened).toEqual(['https://www.ory.sh/docs']);
  });

  it('prevents <webview> and redirects', () => {
    const { contents } = setup();
    expect(emitCancellable(contents, 'will-attach-webview', {}, {})).toBe(true);
    expect(emitCancellable(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('denies every permission request and check', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: never) => (handlers['request'] = handler),
      setPermissionCheckHandler: (handler: never) => (handlers['check'] = handler),
      setDevicePermissionHandler: (handler: never) => (handlers['device'] = handler),
    };
    denyAllPermissions(session as never, createMemoryLogger());
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      handlers['request']?.({}, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(handlers['check']?.({}, 'media')).toBe(false);
    expect(handlers['device']?.({})).toBe(false);
  });
});
