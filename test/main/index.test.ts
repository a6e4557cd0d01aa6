/**
 * The entry point with a fake `electron` module: the start-up order, then the whole `main()` wiring (keychain,
 * app core against the test emulator, app:// protocol, cookie guard, permissions, web contents guards, IPC,
 * window, deep links, focus and quit) as far as it can be observed without a real Electron. The security
 * tests call the very handlers main installed, so removing a guard from main/index.ts fails them.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelOf, stateChannel } from '../../shared/ipc-contract';
import { invokeOperations } from '../../main/ipc/operations';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import type { FakeCookieJar } from './policy/fake-cookie-jar';

type Handler = (...args: unknown[]) => unknown;

/** A web contents as far as main/window.ts uses it. */
class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  openHandler: ((details: { url: string }) => unknown) | undefined;
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
}

const calls = vi.hoisted(() => [] as string[]);
const lock = vi.hoisted(() => ({ granted: true }));
const fake = vi.hoisted(() => ({
  /** Resolves `app.whenReady()`; left pending, the app never gets past start-up. */
  ready: false,
  userData: '',
  app: undefined as unknown as EventEmitter,
  protocolClients: [] as unknown[][],
  ipc: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  sessions: new Map<
    string,
    { handled: string[]; cookies: FakeCookieJar; permissionHandlers: Map<string, Handler> }
  >(),
  /** Cookies a session partition holds when the app starts (left by an earlier run). */
  cookiesAtStart: [] as ConstructorParameters<typeof FakeCookieJar>[0],
  windows: [] as (EventEmitter & {
    options: Record<string, unknown>;
    loaded: string[];
    focused: number;
    minimized: boolean;
    webContents: FakeWebContents;
  })[],
  opened: [] as string[],
  /** Native message boxes main showed (parent window, options), and the button index each answers. */
  messageBoxes: [] as { parent: unknown; options: { message: string; detail: string; buttons: string[] } }[],
  messageBoxAnswer: 1,
  power: undefined as unknown as EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { FakeCookieJar } = await import('./policy/fake-cookie-jar');
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => (calls.push('lock'), lock.granted),
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
    enableSandbox: () => calls.push('enableSandbox'),
    setPath: (name: string, value: string) => calls.push(`setPath ${name} ${value}`),
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      calls.push('setAsDefaultProtocolClient');
      fake.protocolClients.push(args);
      return true;
    },
    getPath: () => fake.userData,
    getName: () => 'Kratos Desktop test',
    getVersion: () => '0.1.0',
    // A development run: it never checks for updates.
    isPackaged: false,
    // main picks its language from the system's first choice (KRATOS_DESKTOP_LANG unset here).
    getPreferredSystemLanguages: () => ['en-US'],
    getLocale: () => 'en-US',
    whenReady: () => (calls.push('whenReady'), fake.ready ? Promise.resolve() : new Promise(() => {})),
  });
  fake.app = app;
  fake.power = new EventEmitter();
  class BrowserWindow extends EventEmitter {
    loaded: string[] = [];
    focused = 0;
    minimized = false;
    webContents = new FakeWebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this as never);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
    focus() {
      this.focused += 1;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
  }
  return {
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged') },
    ipcMain: { handle: (channel: string, handler: never) => fake.ipc.set(channel, handler) },
    powerMonitor: fake.power,
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
    dialog: {
      showMessageBox: async (parent: unknown, options: never) => {
        fake.messageBoxes.push({ parent, options });
        return { response: fake.messageBoxAnswer, checkboxChecked: false };
      },
    },
    session: {
      fromPartition: (name: string) => {
        const permissionHandlers = new Map<string, Handler>();
        const session = {
          handled: [] as string[],
          protocol: { handle: (scheme: string) => session.handled.push(scheme) },
          cookies: new FakeCookieJar(fake.cookiesAtStart),
          permissionHandlers,
          setPermissionRequestHandler: (handler: Handler) => permissionHandlers.set('request', handler),
          setPermissionCheckHandler: (handler: Handler) => permissionHandlers.set('check', handler),
          setDevicePermissionHandler: (handler: Handler) => permissionHandlers.set('device', handler),
        };
        fake.sessions.set(name, session);
        return session;
      },
    },
  };
});

const appPage = { senderFrame: { url: 'app://kratos-desktop/index.html' } };
let emulator: TestEmulator | undefined;

/** Runs main() against a test emulator and waits for its window. */
async function startMain(userData?: string) {
  emulator = await startTestEmulator();
  fake.ready = true;
  fake.userData = userData ?? (await mkdtemp(path.join(tmpdir(), 'kd-main-')));
  vi.stubEnv('KRATOS_PUBLIC_URL', emulator.url);
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'disabled:'); // keep the test off any real keychain
  await import('../../main/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
  return { emulator, window: fake.windows[0]!, session: fake.sessions.get('kratos-desktop')! };
}

/** Quitting stops the core before the app really quits. */
async function quitMain() {
  let prevented = false;
  fake.app.emit('will-quit', { preventDefault: () => (prevented = true) });
  expect(prevented).toBe(true);
  await vi.waitFor(() => expect(calls.at(-1)).toBe('quit'));
}

/** Emits an Electron-style cancellable event and says whether a listener prevented it. */
function emitCancellable(target: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  target.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

/** What main's logger wrote to stderr while `run` ran. */
function captureStderr(): { text: () => string } {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { text: () => lines.join('') };
}

afterEach(async () => {
  if (fake.ready && calls.at(-1) !== 'quit') await quitMain().catch(() => undefined);
  await emulator?.stop();
  emulator = undefined;
  calls.length = 0;
  lock.granted = true;
  fake.ready = false;
  fake.windows.length = 0;
  fake.opened.length = 0;
  fake.messageBoxes.length = 0;
  fake.messageBoxAnswer = 1;
  fake.protocolClients.length = 0;
  fake.cookiesAtStart = [];
  fake.sessions.clear();
  fake.ipc.clear();
  fake.app.removeAllListeners();
  fake.power.removeAllListeners();
  vi.restoreAllMocks();
  vi.resetModules();
  vi.unstubAllEnvs();
});

describe('main/index.ts start-up', () => {
  it('quits at once when another instance holds the lock', async () => {
    lock.granted = false;
    await import('../../main/index');
    expect(calls).toEqual(['lock', 'quit']);
  });

  it('sandboxes every renderer, registers app:// and the deep-link scheme before waiting for ready', async () => {
    await import('../../main/index');
    expect(calls).toEqual([
      'lock',
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'setAsDefaultProtocolClient',
      'whenReady',
    ]);
    // Not `electron .`: the packaged app registers itself.
    expect(fake.protocolClients).toEqual([['kratos-desktop']]);
  });

  it('in a development run registers the Electron binary with the app path for kratos-desktop:', async () => {
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    try {
      await import('../../main/index');
    } finally {
      Reflect.deleteProperty(process, 'defaultApp');
    }
    expect(fake.protocolClients).toEqual([
      ['kratos-desktop', process.execPath, [path.resolve(process.argv[1]!)]],
    ]);
  });

  it('moves userData before taking the lock when KRATOS_DESKTOP_USER_DATA is set', async () => {
    vi.stubEnv('KRATOS_DESKTOP_USER_DATA', '/tmp/kd-profile');
    await import('../../main/index');
    expect(calls.slice(0, 2)).toEqual(['setPath userData /tmp/kd-profile', 'lock']);
  });
});

describe('main() with a fake Electron', () => {
  it('wires the app: protocol, IPC with sender checks, the window, state pushes, focus and quit', async () => {
    const { emulator, window, session } = await startMain();

    expect(session.handled).toEqual(['app']);
    expect(window.loaded).toEqual(['app://kratos-desktop/index.html?lang=en-US&setting=system']);
    expect(window.options['webPreferences']).toMatchObject({
      session,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/), // dist/preload once bundled
      sandbox: true,
      contextIsolation: true,
    });

    expect([...fake.ipc.keys()].sort()).toEqual(
      invokeOperations.map((operation) => channelOf(operation)).sort(),
    );
    const getState = fake.ipc.get(channelOf('getState'))!;
    // The window opens before the session check ends (AppCore.open): its answer follows.
    await vi.waitFor(async () =>
      expect(await getState(appPage)).toMatchObject({
        ok: true,
        value: { status: 'signed-out', endpoint: { url: emulator.url, source: 'environment' } },
      }),
    );
    // Checklist item 17: a frame on any other origin is refused.
    expect(await getState({ senderFrame: { url: 'https://evil.example/' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });

    // A state change is pushed to the window.
    const startFlow = fake.ipc.get(channelOf('startFlow'))!;
    const flow = (await startFlow(appPage, { kind: 'registration' })) as {
      ok: true;
      value: { kind: 'flow'; flow: { id: string } };
    };
    await fake.ipc.get(channelOf('submitFlow'))!(appPage, {
      flowId: flow.value.flow.id,
      values: {
        method: 'password',
        traits: { email: 'main@example.com' },
        password: 'correct-Horse-battery-9',
      },
    });
    await vi.waitFor(() =>
      expect(window.webContents.sent.at(-1)).toEqual([
        stateChannel,
        expect.objectContaining({ status: 'signed-in' }),
      ]),
    );
    // Focus and resume revalidate; right after a sign-in that brought its session, that asks Kratos nothing.
    const { AppCore } = await import('../../main/app/core');
    const revalidate = vi.spyOn(AppCore.prototype, 'revalidate');
    const requests = emulator.stats.requests;
    window.emit('focus');
    fake.power.emit('resume');
    expect(revalidate).toHaveBeenCalledTimes(2);
    await Promise.all(revalidate.mock.results.map((result) => result.value));
    expect(emulator.stats.requests).toBe(requests);
    revalidate.mockRestore();

    await quitMain();
  });

  // Checklist item 5.
  it("denies every permission request and check on the window's session", async () => {
    const { session } = await startMain();
    const handlers = session.permissionHandlers;
    expect([...handlers.keys()].sort()).toEqual(['check', 'device', 'request']);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'hid']) {
      const answers: boolean[] = [];
      handlers.get('request')!({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(handlers.get('check')!({}, permission, 'app://kratos-desktop', {}), permission).toBe(false);
    }
    expect(handlers.get('device')!({ deviceType: 'usb' })).toBe(false);
  });

  // Checklist items 12, 13, 14, 15: what `web-contents-created` installs, on the main window's and any other.
  it('holds every web contents to the navigation, new-window, webview and link rules', async () => {
    const { emulator, window } = await startMain();
    for (const contents of [window.webContents, new FakeWebContents()]) {
      fake.opened.length = 0;
      fake.app.emit('web-contents-created', {}, contents);

      expect(emitCancellable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
      expect(emitCancellable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(emitCancellable(contents, 'will-navigate', `${emulator.url}/self-service/recovery`)).toBe(true);
      expect(emitCancellable(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
      expect(emitCancellable(contents, 'will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(
        true,
      );
      expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      expect(contents.openHandler?.({ url: 'https://www.ory.sh/docs/' })).toEqual({ action: 'deny' });
      // Only the configured Kratos origin and the documentation reach the system browser.
      await vi.waitFor(() =>
        expect(fake.opened).toEqual([`${emulator.url}/self-service/recovery`, 'https://www.ory.sh/docs/']),
      );
    }
  });

  // Checklist item 15, through IPC: the renderer's openExternal request meets the same allowlist.
  it('opens only allowlisted links asked for over IPC', async () => {
    const { emulator } = await startMain();
    const openExternal = fake.ipc.get(channelOf('openExternal'))!;
    const refused = { ok: true, value: { kind: 'error' } };
    expect(await openExternal(appPage, 'file:///etc/passwd')).toMatchObject(refused);
    expect(await openExternal(appPage, 'https://evil.example/')).toMatchObject(refused);
    expect(await openExternal(appPage, `${emulator.url}/self-service/recovery/browser`)).toEqual({
      ok: true,
      value: { kind: 'ok' },
    });
    expect(fake.opened).toEqual([`${emulator.url}/self-service/recovery/browser`]);
  });

  // A compromised page calling setEndpoint must not repoint the app on its own.
  it('asks in a native message box on the window before using a server the window named; Cancel keeps everything', async () => {
    const { window, emulator } = await startMain();
    const other = await startTestEmulator();
    try {
      const setEndpoint = fake.ipc.get(channelOf('setEndpoint'))!;
      const getState = fake.ipc.get(channelOf('getState'))!;

      fake.messageBoxAnswer = 1; // Cancel
      expect(await setEndpoint(appPage, other.url)).toEqual({
        ok: true,
        value: { kind: 'error', message: `You did not confirm ${other.url}, so the server was not changed.` },
      });
      expect(fake.messageBoxes).toEqual([
        {
          parent: window,
          options: expect.objectContaining({
            message: `Use ${other.url} as your Kratos server?`,
            detail: expect.stringContaining(`will send your sign-in token for ${other.url} to that server`),
            buttons: ['Use this server', 'Cancel'],
            defaultId: 1,
            cancelId: 1,
          }),
        },
      ]);
      expect(await getState(appPage)).toMatchObject({ ok: true, value: { endpoint: { url: emulator.url } } });
      await expect(readFile(path.join(fake.userData, 'settings.json'), 'utf8')).rejects.toThrow(/ENOENT/);

      fake.messageBoxAnswer = 0; // Use this server
      expect(await setEndpoint(appPage, other.url)).toEqual({
        ok: true,
        value: { kind: 'ok', message: `Now using ${other.url}.` },
      });
      expect(fake.messageBoxes).toHaveLength(2);
      expect(JSON.parse(await readFile(path.join(fake.userData, 'settings.json'), 'utf8'))).toEqual({
        kratosPublicUrl: other.url,
      });
    } finally {
      await quitMain();
      await other.stop();
    }
  });

  it('the language setting: a bad one is refused; a good one is saved, main speaks it, the window reloads in it, and the next start opens in it', async () => {
    const { window } = await startMain();
    const userData = fake.userData;
    const setLanguage = fake.ipc.get(channelOf('setLanguage'))!;
    expect(await setLanguage(appPage, 'fr')).toEqual({
      ok: false,
      error: {
        code: 'invalid-payload',
        message: 'Invalid request: language: expected one of system, en, de.',
      },
    });
    expect(window.loaded).toHaveLength(1);
    await expect(readFile(path.join(userData, 'settings.json'), 'utf8')).rejects.toThrow(/ENOENT/);

    expect(await setLanguage(appPage, 'de')).toEqual({ ok: true, value: { kind: 'ok' } });
    expect(JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'))).toEqual({
      language: 'de',
    });
    expect(window.loaded.at(-1)).toBe('app://kratos-desktop/index.html?lang=de&setting=de');
    // Main's own sentences follow at once.
    expect(await setLanguage(appPage, 'fr')).toMatchObject({
      ok: false,
      error: { message: 'Ungültige Anfrage: language: expected one of system, en, de.' },
    });
    await quitMain();
    await emulator?.stop();
    vi.resetModules();
    fake.windows.length = 0;
    fake.ipc.clear();
    fake.app.removeAllListeners();

    const restarted = await startMain(userData);
    expect(restarted.window.loaded).toEqual(['app://kratos-desktop/index.html?lang=de&setting=de']);
    // Back to the system's language: the setting is gone from the file, the window follows the system.
    expect(await fake.ipc.get(channelOf('setLanguage'))!(appPage, 'system')).toEqual({
      ok: true,
      value: { kind: 'ok' },
    });
    expect(restarted.window.loaded.at(-1)).toBe('app://kratos-desktop/index.html?lang=en-US&setting=system');
    expect(JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'))).toEqual({});
  });

  it('with no server configured, opens the window on the "no server" state and lets the window name one', async () => {
    fake.ready = true;
    fake.userData = await mkdtemp(path.join(tmpdir(), 'kd-main-'));
    vi.stubEnv('KRATOS_PUBLIC_URL', '');
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'disabled:');
    await import('../../main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
    const getState = fake.ipc.get(channelOf('getState'))!;
    expect(await getState(appPage)).toMatchObject({ ok: true, value: { status: 'no-server' } });
    expect(await fake.ipc.get(channelOf('startFlow'))!(appPage, { kind: 'login' })).toMatchObject({
      ok: true,
      value: { kind: 'error', message: expect.stringMatching(/No Kratos server is chosen yet/) },
    });

    const kratos = await startTestEmulator();
    try {
      fake.messageBoxAnswer = 0; // "Use this server"
      expect(await fake.ipc.get(channelOf('setEndpoint'))!(appPage, kratos.url)).toMatchObject({
        ok: true,
        value: { kind: 'ok' },
      });
      expect(await getState(appPage)).toMatchObject({
        value: { status: 'signed-out', endpoint: { url: kratos.url, source: 'settings' } },
      });
    } finally {
      await quitMain();
      await kratos.stop();
    }
  });

  it('empties the cookie jar at start and removes any cookie set while the app runs', async () => {
    fake.cookiesAtStart = [
      {
        name: 'ory_kratos_session',
        value: 'left-over',
        domain: '.auth.example.com',
        path: '/',
        secure: true,
      },
    ];
    const stderr = captureStderr();
    const { session } = await startMain();
    expect([...session.cookies.cookies.values()]).toEqual([]);

    session.cookies.set({
      name: 'csrf_token',
      value: 'runtime-cookie-value',
      domain: '127.0.0.1',
      path: '/',
    });
    await vi.waitFor(() => expect(session.cookies.cookies.size).toBe(0));
    expect(stderr.text()).toContain('csrf_token');
    expect(stderr.text()).not.toContain('runtime-cookie-value');
  });

  describe('deep links', () => {
    it('kratos-desktop://open brings the window to the front (macOS open-url)', async () => {
      const { window } = await startMain();
      window.minimized = true;
      expect(emitCancellable(fake.app, 'open-url', 'kratos-desktop://open')).toBe(true);
      expect(window.minimized).toBe(false);
      expect(window.focused).toBe(1);
    });

    it('kratos-desktop://open in a second instance brings the window to the front (Windows, Linux)', async () => {
      const { window } = await startMain();
      fake.app.emit('second-instance', {}, ['/opt/kratos-desktop', '--flag', 'kratos-desktop://open/'], '/');
      expect(window.focused).toBe(1);
      // A second start without a link does too.
      fake.app.emit('second-instance', {}, ['/opt/kratos-desktop'], '/');
      expect(window.focused).toBe(2);
    });

    it('a refused link changes nothing and logs the reason, never the link', async () => {
      const stderr = captureStderr();
      const { window } = await startMain();
      const secretLink = 'kratos-desktop://open?code=ory_st_deeplinksecret';
      expect(emitCancellable(fake.app, 'open-url', secretLink)).toBe(true);
      expect(emitCancellable(fake.app, 'open-url', 'kratos-desktop://flow/login')).toBe(true);
      fake.app.emit('second-instance', {}, ['/opt/kratos-desktop', 'kratos-desktop://settings'], '/');
      expect(window.focused).toBe(0);
      expect(fake.opened).toEqual([]);
      const log = stderr.text();
      expect(log).toContain('refused a deep link reason="the link carries parameters"');
      expect(log.match(/refused a deep link reason="unknown action"/g)).toHaveLength(2);
      expect(log).not.toContain('deeplinksecret');
      expect(log).not.toContain('flow/login');
    });
  });
});
