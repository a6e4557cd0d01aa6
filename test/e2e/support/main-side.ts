/**
 * The main process of the e2e suite: the real composition root (AppCore with the real client, session
 * controller and flow service) behind the real IPC router, answering the harness's renderer. Only the
 * Electron shell is missing: state pushes go through the harness, and the window-focus event is a method.
 *
 * The secret store is chosen by `KRATOS_DESKTOP_E2E_SECRET_STORE`:
 * - `memory` (default): one MemoryTokenStore shared by every "restart" of the main side in a test;
 * - `keychain`: the OsKeychain over keytar (run under a D-Bus session with an unlocked gnome-keyring, see
 *   scripts/test-keychain.sh), reopened at every restart, so the restart scenario reads the token back from
 *   the OS keychain exactly as the app does.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stateChannel } from '../../../shared/ipc-contract';
import { AppCore } from '../../../main/app/core';
import type { Keychain } from '../../../main/keychain/keychain';
import type { OperatorConfig } from '../../../main/app/operator-config';
import { buildConnection } from '../../../main/app/wiring';
import { createIpcRouter } from '../../../main/ipc/router';
import { createMemoryLogger } from '../../../main/log';
import { selectLanguage } from '../../../main/strings';
import { MemoryTokenStore } from '../../../main/session/token-store';
import { OsKeychain } from '../../../main/keychain/os-keychain';
import { memoryKeychain } from '../../main/app/memory-keychain';
import { appOrigin, pageAddress, type AppHarness, type IpcHandler } from '../harness';

export type KeychainChoice = 'memory' | 'keychain';

export function keychainChoice(): KeychainChoice {
  const value = process.env['KRATOS_DESKTOP_E2E_SECRET_STORE'] ?? 'memory';
  if (value !== 'memory' && value !== 'keychain') {
    throw new Error(`KRATOS_DESKTOP_E2E_SECRET_STORE must be "memory" or "keychain", not "${value}"`);
  }
  return value;
}

/** The keychain service name of the e2e suites' tokens (the app's is "Kratos Desktop"). */
export const e2eKeychainService = 'Kratos Desktop e2e';

/** Opens the keychain a (re)started main side uses; `memory` hands back the same store every time. */
export function keychainOpener(choice: KeychainChoice = keychainChoice()): () => Promise<Keychain> {
  if (choice === 'keychain') return () => OsKeychain.open({ service: e2eKeychainService });
  const keychain = memoryKeychain(new MemoryTokenStore(), {
    kind: 'memory',
    reason: 'The e2e suite keeps sign-ins in memory.',
    hint: 'Set KRATOS_DESKTOP_E2E_SECRET_STORE=keychain to use the OS keychain.',
  });
  return async () => keychain;
}

export interface MainSide {
  core: AppCore;
  keychain: Keychain;
  /** Pass as `openApp(browser, { handle })`. */
  handle: IpcHandler;
  /** Every line the main-process logger wrote (for the token-leak check). */
  logLines: string[];
  /** Every URL main handed to the system browser (`shell.openExternal` in the app). */
  opened: string[];
  /**
   * Forward state pushes to this window (what `webContents.send(stateChannel)` does in the app), and load it
   * again when the language setting changes (main/index.ts), main's own sentences switching with it.
   */
  attach(app: Pick<AppHarness, 'send'> & Partial<Pick<AppHarness, 'page'>>): void;
  /** What the app does on window focus / system resume. */
  windowFocused(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMainSide(options: {
  kratosUrl: string;
  openKeychain: () => Promise<Keychain>;
  userDataDir?: string;
  /** Main's native "Use this server?" question; the person answers yes unless a test says otherwise. */
  confirmEndpoint?: (url: string) => Promise<boolean>;
  /** Plays the system browser (social sign-in scenarios); every URL is recorded in `opened` either way. */
  openExternal?: (url: string) => Promise<void>;
  /** The operator's packaged configuration (an installed app built with `npm run dist`). */
  operator?: OperatorConfig;
  /** The server's passkey page (`KRATOS_PASSKEY_PAGE_URL` in the app). */
  passkeyPageUrl?: string;
  /** Focus re-checks at most this often (the app's default, 30 s, when a journey counts focus requests). */
  revalidateIntervalMs?: number;
}): Promise<MainSide> {
  const log = createMemoryLogger();
  const opened: string[] = [];
  const keychain = await options.openKeychain();
  const core = await AppCore.start({
    userDataDir: options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'kd-e2e-'))),
    environmentUrl: options.kratosUrl,
    keychain,
    ...(options.operator ? { operator: options.operator } : {}),
    // No debounce for focus re-checks unless a test asks for the app's: the test decides when the window
    // "gets focus".
    connect: (endpoint, chain, browser) =>
      buildConnection(endpoint, chain, {
        ...browser,
        revalidateIntervalMs: options.revalidateIntervalMs ?? 0,
      }),
    openExternal: async (url) => {
      opened.push(url);
      await options.openExternal?.(url);
    },
    confirmEndpoint: options.confirmEndpoint ?? (async () => true),
    ...(options.passkeyPageUrl ? { passkeyPageUrl: options.passkeyPageUrl } : {}),
    log,
  });
  const router = createIpcRouter({ services: core, allowedOrigin: appOrigin, log });
  let unsubscribe = () => {};
  return {
    core,
    keychain,
    handle: (channel, args, senderUrl) => router.handle(channel, args, senderUrl),
    logLines: log.lines,
    opened,
    attach(app) {
      const stopStates = core.onState((view) => void app.send(stateChannel, view).catch(() => undefined));
      const stopLanguage = core.onLanguage((choice) => {
        selectLanguage(choice === 'system' ? undefined : choice);
        void app.page
          ?.goto(pageAddress(choice === 'system' ? undefined : choice, choice))
          .catch(() => undefined);
      });
      unsubscribe = () => {
        stopStates();
        stopLanguage();
      };
    },
    windowFocused: () => core.revalidate(),
    async stop() {
      unsubscribe();
      selectLanguage(undefined); // main's sentences back to the system's for the next test in this worker
      await core.stop();
    },
  };
}
