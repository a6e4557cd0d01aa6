/**
 * The entry point with a fake `electron` module: the start-up order, then the whole `main()` wiring (vault,
 * app core against the test emulator, app:// protocol, cookie guard, permissions, IPC, window, focus and
 * quit) as far as it can be observed without a real Electron.
 */
import type { EventEmitter } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Channels } from '../../preload/contract';
import { startTestEmulator } from '../support/emulator';

const calls = vi.hoisted(() => [] as string[]);
const lock = vi.hoisted(() => ({ granted: true }));
const fake = vi.hoisted(() => ({
  /** Resolves `app.whenReady()`; left pending, the app never gets past start-up. */
  ready: false,
  userData: '',
  app: undefined as unknown as EventEmitter,
  ipc: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  sessions: new Map<string, Record<string, unknown>>(),
  windows: [] as (EventEmitter & {
    options: Record<string, unknown>;
    loaded: string[];
    webContents: { sent: unknown[][] };
  })[],
  power: undefined as unknown as EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => (calls.push('lock'), lock.granted),
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
    enableSandbox: () => calls.push('enableSandbox'),
    setPath: (name: string, value: string) => calls.push(`setPath ${name} ${value}`),
    getPath: () => fake.userData,
    getName: () => 'Kratos Desktop test',
    whenReady: () => (calls.push('whenReady'), fake.ready ? Promise.resolve() : new Promise(() => {})),
  });
  fake.app = app;
  fake.power = new EventEmitter();
  class BrowserWindow extends EventEmitter {
    loaded: string[] = [];
    webContents = Object.assign(new EventEmitter(), {
      sent: [] as unknown[][],
      send(...args: unknown[]) {
        this.sent.push(args);
      },
      isDestroyed: () => false,
      setWindowOpenHandler: () => undefined,
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this as never);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
  }
  return {
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged') },
    ipcMain: { handle: (channel: string, handler: never) => fake.ipc.set(channel, handler) },
    powerMonitor: fake.power,
    shell: { openExternal: async () => undefined },
    session: {
      fromPartition: (name: string) => {
        const session = {
          handled: [] as string[],
          protocol: { handle: (scheme: string) => session.handled.push(scheme) },
          cookies: Object.assign(new EventEmitter(), { get: async () => [], remove: async () => undefined }),
          setPermissionRequestHandler: () => calls.push('permission-request-handler'),
          setPermissionCheckHandler: () => calls.push('permission-check-handler'),
          setDevicePermissionHandler: () => calls.push('device-permission-handler'),
        };
        fake.sessions.set(name, session);
        return session;
      },
    },
  };
});

afterEach(() => {
  calls.length = 0;
  fake.ready = false;
  vi.resetModules();
  vi.unstubAllEnvs();
});

describe('main/index.ts', () => {
  it('quits at once when another instance holds the lock', async () => {
    lock.granted = false;
    await import('../../main/index');
    expect(calls).toEqual(['lock', 'quit']);
  });

  it('sandboxes every renderer and registers app:// before waiting for ready', async () => {
    lock.granted = true;
    await import('../../main/index');
    expect(calls).toEqual(['lock', 'enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
  });

  it('moves userData before taking the lock when KRATOS_DESKTOP_USER_DATA is set', async () => {
    lock.granted = true;
    vi.stubEnv('KRATOS_DESKTOP_USER_DATA', '/tmp/kd-profile');
    await import('../../main/index');
    expect(calls.slice(0, 2)).toEqual(['setPath userData /tmp/kd-profile', 'lock']);
  });
});

describe('main() with a fake Electron', () => {
  it('wires the app: protocol, permissions, IPC with sender checks, the window, focus and quit', async () => {
    const emulator = await startTestEmulator();
    fake.ready = true;
    fake.userData = await mkdtemp(path.join(tmpdir(), 'kd-main-'));
    vi.stubEnv('KRATOS_PUBLIC_URL', emulator.url);
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'disabled:'); // keep the test off any real keychain
    try {
      await import('../../main/index');
      await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });

      const session = fake.sessions.get('kratos-desktop');
      expect(session?.['handled']).toEqual(['app']);
      expect(calls).toEqual(
        expect.arrayContaining([
          'permission-request-handler',
          'permission-check-handler',
          'device-permission-handler',
        ]),
      );

      const [window] = fake.windows;
      expect(window?.loaded).toEqual(['app://kratos-desktop/index.html']);
      expect(window?.options['webPreferences']).toMatchObject({
        session,
        preload: expect.stringMatching(/preload[\\/]index\.cjs$/), // dist/preload once bundled
        sandbox: true,
        contextIsolation: true,
      });

      expect([...fake.ipc.keys()].sort()).toEqual(
        Object.values(Channels)
          .filter((channel) => channel !== Channels.state)
          .sort(),
      );
      const getState = fake.ipc.get(Channels.getState)!;
      expect(await getState({ senderFrame: { url: 'app://kratos-desktop/index.html' } })).toMatchObject({
        ok: true,
        value: { status: 'signed-out', endpoint: { url: emulator.url, source: 'environment' } },
      });
      expect(await getState({ senderFrame: { url: 'https://evil.example/' } })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });

      // A state change is pushed to the window; focus and resume re-check without throwing.
      const startFlow = fake.ipc.get(Channels.startFlow)!;
      const flow = (await startFlow(
        { senderFrame: { url: 'app://kratos-desktop/index.html' } },
        { kind: 'registration' },
      )) as { ok: true; value: { kind: 'flow'; flow: { id: string } } };
      await fake.ipc.get(Channels.submitFlow)!(
        { senderFrame: { url: 'app://kratos-desktop/index.html' } },
        {
          flowId: flow.value.flow.id,
          values: {
            method: 'password',
            traits: { email: 'main@example.com' },
            password: 'correct-Horse-battery-9',
          },
        },
      );
      await vi.waitFor(() =>
        expect(window?.webContents.sent.at(-1)).toEqual([
          Channels.state,
          expect.objectContaining({ status: 'signed-in' }),
        ]),
      );
      const requests = emulator.stats.requests;
      window?.emit('focus');
      fake.power.emit('resume');
      await vi.waitFor(() => expect(emulator.stats.requests).toBeGreaterThan(requests));

      // Quitting stops the core before the app really quits.
      let prevented = false;
      fake.app.emit('will-quit', { preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
      await vi.waitFor(() => expect(calls.at(-1)).toBe('quit'));
    } finally {
      await emulator.stop();
    }
  });
});
