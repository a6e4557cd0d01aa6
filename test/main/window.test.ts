/**
 * The window glue with a fake `electron` module: the preferences the window is created with, and what happens
 * to navigation, new windows, <webview> and permission requests. (The real Electron runs in the `_electron`
 * smoke test where a binary exists.)
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
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
  // Checklist items 2, 3, 4, 6, 8, 9, 10, 11: exact equality, so a weakened or added preference fails.
  it('creates a window with exactly the hardened preferences and loads the app:// entry page in its language', () => {
    const session = { id: 'partition' };
    createMainWindow({
      session: session as never,
      preloadPath: '/app/dist/preload/index.cjs',
      language: 'de-AT',
      languageSetting: 'system',
    });
    const [window] = electron.windows;
    expect(window?.options['webPreferences']).toEqual({
      session,
      preload: '/app/dist/preload/index.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
    expect(window?.loaded).toEqual(['app://kratos-desktop/index.html?lang=de-AT&setting=system']);
  });
});

describe('guardWebContents', () => {
  const setup = () => {
    const contents = new FakeWebContents();
    const log = createMemoryLogger();
    guardWebContents(contents as never, () => 'https://auth.example.com', log);
    return { contents, log };
  };

  // Checklist items 13 and 15.
  it('cancels every navigation; an allowlisted link opens in the system browser instead', async () => {
    const { contents, log } = setup();
    expect(
      emitCancellable(contents, 'will-navigate', 'https://auth.example.com/self-service/recovery/browser'),
    ).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://auth.example.com/self-service/recovery/browser']);
    expect(log.lines.filter((line) => line.includes('blocked a link'))).toHaveLength(2);
  });

  // Checklist items 14 and 15.
  it('never opens a new window; only an allowlisted URL goes to the system browser', () => {
    const { contents } = setup();
    for (const url of [
      'https://www.ory.sh/docs',
      'smb://host/share',
      'file:///etc/passwd',
      'https://evil.example/',
      'javascript:alert(1)',
      'https://user:pw@auth.example.com/',
    ]) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(electron.opened).toEqual(['https://www.ory.sh/docs']);
  });

  // Checklist items 12 and 13.
  it('prevents <webview> and redirects', () => {
    const { contents } = setup();
    expect(emitCancellable(contents, 'will-attach-webview', {}, {})).toBe(true);
    expect(emitCancellable(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
  });
});

type Permission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];

/** Every permission Electron 45 knows; `Record<Permission, …>` makes tsc insist on a complete list. */
const everyPermission = Object.keys({
  ar: 1,
  'automatic-fullscreen': 1,
  'background-fetch': 1,
  'background-sync': 1,
  'captured-surface-control': 1,
  'clipboard-read': 1,
  'clipboard-sanitized-write': 1,
  'deprecated-sync-clipboard-read': 1,
  'display-capture': 1,
  fileSystem: 1,
  fullscreen: 1,
  geolocation: 1,
  'geolocation-approximate': 1,
  'hand-tracking': 1,
  hid: 1,
  'idle-detection': 1,
  keyboardLock: 1,
  'local-fonts': 1,
  'local-network': 1,
  'local-network-access': 1,
  'loopback-network': 1,
  media: 1,
  mediaKeySystem: 1,
  midi: 1,
  midiSysex: 1,
  nfc: 1,
  notifications: 1,
  openExternal: 1,
  'payment-handler': 1,
  'periodic-background-sync': 1,
  'persistent-storage': 1,
  pointerLock: 1,
  'screen-wake-lock': 1,
  sensors: 1,
  serial: 1,
  'smart-card': 1,
  'speaker-selection': 1,
  'storage-access': 1,
  'system-wake-lock': 1,
  'top-level-storage-access': 1,
  usb: 1,
  vr: 1,
  'web-app-installation': 1,
  'web-printing': 1,
  'window-management': 1,
  unknown: 1,
} satisfies Record<Permission, 1>);

describe('denyAllPermissions', () => {
  // Checklist item 5.
  it('denies every permission request and check, and logs the request', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: never) => (handlers['request'] = handler),
      setPermissionCheckHandler: (handler: never) => (handlers['check'] = handler),
      setDevicePermissionHandler: (handler: never) => (handlers['device'] = handler),
    };
    const log = createMemoryLogger();
    denyAllPermissions(session as never, log);
    for (const permission of everyPermission) {
      const answers: boolean[] = [];
      handlers['request']?.({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(handlers['check']?.({}, permission, 'app://kratos-desktop', {}), permission).toBe(false);
    }
    expect(handlers['device']?.({ deviceType: 'usb', origin: 'app://kratos-desktop' })).toBe(false);
    expect(log.lines.filter((line) => line.includes('denied a permission request'))).toHaveLength(
      everyPermission.length,
    );
  });
});
