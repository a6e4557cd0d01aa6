/**
 * The per-test world of an e2e scenario: its Kratos (the spec-validating emulator, or a real Kratos under the
 * `e2e-kratos` project: support/test-server.ts), main sides opened on it (one per "app start"), their windows,
 * and the token-leak check run over all of them when the test ends.
 *
 *   const world = e2eWorld();                        // at the top of a spec file: installs the hooks
 *   test('…', async ({ browser }) => {
 *     const { open, watch } = await world.create(browser);
 *     const { main, app } = await open();
 *   });
 *
 * Every window is audited for accessibility (audit.ts) on the screen it is left on. After every test the
 * world quits the windows still open, then fails the test if any session token the
 * test registered with `watch.addToken` appears in the IPC traffic to the renderer, the DOM, window globals,
 * web storage, IndexedDB, cookies, the main logger, the Node console or the files under userData
 * (settings.json); and stops the server, which throws
 * on any request that carried a Cookie/Origin header (and, on the emulator, any response that broke Kratos's
 * OpenAPI spec).
 *
 * Every `open()` of a test is a restart of the same app: same secret store (memory, or the keytar OsKeychain
 * reopened under `KRATOS_DESKTOP_E2E_SECRET_STORE=keychain`, see main-side.ts) and same userData.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type Browser } from '@playwright/test';
import type { OperatorConfig } from '../../../main/app/operator-config';
import type { KratosApi } from '../../../main/kratos/api';
import { createKratosClient } from '../../../main/kratos/client';
import { openApp, type AppHarness } from '../harness';
import { expectAccessible } from './audit';
import { expectNoTokenLeak, LeakWatch } from './leak-watch';
import { keychainOpener, startMainSide, type MainSide } from './main-side';
import { startTestServer, type ServerOptions, type TestServer } from './test-server';

export interface Running {
  main: MainSide;
  app: AppHarness;
}

export interface World {
  /** The Kratos of this test (`server.emulator` for what only the emulator has). */
  server: TestServer;
  openKeychain: ReturnType<typeof keychainOpener>;
  watch: LeakWatch;
  /** A Kratos client of the test's own, playing "another device" (its tokens go to the watch too). */
  client: KratosApi;
  /**
   * Start the app: a main side (same secret store and userData every time) and its window, on the emulator
   * or on `kratosUrl` (a proxy in front of it); `openExternal` plays the system browser.
   */
  open(options?: {
    kratosUrl?: string;
    confirmEndpoint?: (url: string) => Promise<boolean>;
    openExternal?: (url: string) => Promise<void>;
    /** The window's language, as main names it in the page's address (`de-DE`); the browser's otherwise. */
    language?: string;
    /** The operator's packaged configuration (an installed app built with `npm run dist`). */
    operator?: OperatorConfig;
    /** The server's passkey page (support/passkeys.ts). */
    passkeyPageUrl?: string;
    /** Focus re-checks at most this often, as in the app (30 s); 0 (every focus re-checks) unless said. */
    revalidateIntervalMs?: number;
  }): Promise<Running>;
  /** Quit: collect what the window holds, close it, stop the main side. */
  quit(running: Running): Promise<void>;
  /**
   * Kratos is back after `server.stop()`: at the same address, with the same data (on the emulator the test
   * passes a `dataDir` to `create`). It becomes `server`, the one stopped and checked after the test.
   */
  kratosBack(): Promise<TestServer>;
}

export function e2eWorld(): { create(browser: Browser, options?: ServerOptions): Promise<World> } {
  let world: World | undefined;
  const running = new Set<Running>();
  const nodeConsole: string[] = [];
  const originalConsole = { ...console };

  test.beforeEach(() => {
    // Node-side console output of the main-process code (the OsKeychain reports there), for the leak check.
    const capture =
      (level: 'log' | 'info' | 'warn' | 'error' | 'debug') =>
      (...args: unknown[]) => {
        nodeConsole.push(args.map(String).join(' '));
        originalConsole[level](...args);
      };
    Object.assign(console, {
      log: capture('log'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
      debug: capture('debug'),
    });
  });

  test.afterEach(async () => {
    Object.assign(console, originalConsole);
    const current = world;
    world = undefined;
    if (!current) return;
    try {
      for (const instance of [...running]) await current.quit(instance);
      await current.client.close().catch(() => undefined);
      current.watch.add('Node console', nodeConsole.splice(0));
      expectNoTokenLeak(current.watch);
    } finally {
      // Stopped even when the leak check fails, so no server outlives its test.
      await current.server.stop();
    }
  });

  return {
    async create(browser, options) {
      const server = await startTestServer(options);
      const watch = new LeakWatch();
      const openKeychain = keychainOpener();
      const userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-'));
      const created: World = {
        server,
        openKeychain,
        watch,
        client: createKratosClient({ baseUrl: server.url }),
        async open({
          kratosUrl = server.url,
          confirmEndpoint,
          openExternal,
          language,
          operator,
          passkeyPageUrl,
          revalidateIntervalMs,
        } = {}) {
          const main = await startMainSide({
            kratosUrl,
            openKeychain,
            userDataDir,
            ...(operator ? { operator } : {}),
            ...(confirmEndpoint ? { confirmEndpoint } : {}),
            ...(openExternal ? { openExternal } : {}),
            ...(passkeyPageUrl ? { passkeyPageUrl } : {}),
            ...(revalidateIntervalMs !== undefined ? { revalidateIntervalMs } : {}),
          });
          // As main names the page: the language setting saved by an earlier run, if any (main/index.ts).
          const setting = main.core.languageSetting();
          const shown = language ?? (setting === 'system' ? undefined : setting);
          const app = await openApp(browser, {
            handle: main.handle,
            ...(shown ? { language: shown } : {}),
            ...(setting === 'system' ? {} : { languageSetting: setting }),
          });
          main.attach(app);
          const instance = { main, app };
          running.add(instance);
          return instance;
        },
        async quit(instance) {
          running.delete(instance);
          await expectAccessible(instance.app.page, 'the screen the window was left on');
          await watch.collect(instance.app, `window ${watch.material.length}`);
          watch.add('main logger', instance.main.logLines);
          await instance.app.close();
          await instance.main.stop();
          // settings.json and anything else the app wrote there: never a token.
          watch.add('userData files', await filesUnder(userDataDir));
        },
        async kratosBack() {
          created.server = await created.server.restart();
          return created.server;
        },
      };
      world = created;
      return created;
    },
  };
}

/** Every file under `dir`, with its text (for the leak check). */
async function filesUnder(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return { file, text: await readFile(file, 'utf8') };
      }),
  );
}
