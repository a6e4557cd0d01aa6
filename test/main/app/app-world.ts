/**
 * What the AppCore suites share: the real emulator (in-process, port 0, responses checked against the Kratos
 * spec), an AppCore built with the real client, controller and flow service over an in-memory secret store,
 * and a server that drips its answers. Each suite calls `afterEach(cleanUp)`.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SessionView } from '../../../shared/ipc-contract';
import type { RunningEmulator } from '../../../emulator/index';
import { AppCore, type AppCoreOptions } from '../../../main/app/core';
import type { Keychain } from '../../../main/keychain/keychain';
import { buildConnection } from '../../../main/app/wiring';
import { createMemoryLogger } from '../../../main/log';
import { startTestEmulator } from '../../support/emulator';
import { startDrippingServer } from '../kratos/recording-server';
import { memoryKeychain } from './memory-keychain';

export const password = 'correct-Horse-battery-9';
export const cleanups: (() => Promise<void>)[] = [];

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export async function emulator(): Promise<RunningEmulator> {
  const running = await startTestEmulator();
  cleanups.push(() => running.stop());
  return running;
}

export async function core(
  options: {
    environmentUrl?: string;
    keychain?: Keychain;
    userDataDir?: string;
    connect?: AppCoreOptions['connect'];
    /** The person's answer to main's "Use this server?" (yes unless a test says otherwise). */
    confirm?: boolean;
  } = {},
) {
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'kd-core-')));
  const opened: string[] = [];
  const asked: string[] = [];
  const log = createMemoryLogger();
  const app = await AppCore.start({
    userDataDir,
    environmentUrl: options.environmentUrl,
    keychain: options.keychain ?? memoryKeychain(),
    connect: options.connect ?? buildConnection,
    openExternal: async (url) => void opened.push(url),
    confirmEndpoint: async (url) => (asked.push(url), options.confirm ?? true),
    log,
  });
  cleanups.push(() => app.stop());
  const views: SessionView[] = [];
  app.onState((view) => views.push(view));
  return { app, userDataDir, opened, asked, views, log };
}

/** An app opened (not started) on a server that drips its answers, with a token stored for it. */
export async function openOnDrip(totalMs: number, token: string) {
  const drip = await startDrippingServer();
  cleanups.push(() => drip.close());
  const keychain = memoryKeychain();
  await keychain.store.set(drip.url, token);
  const app = await AppCore.open({
    userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-core-')),
    environmentUrl: drip.url,
    keychain,
    connect: (endpoint, chain, browser) =>
      buildConnection(endpoint, chain, {
        ...browser,
        timeouts: { headersMs: 60_000, bodyMs: 60_000, totalMs },
      }),
    openExternal: async () => undefined,
    confirmEndpoint: async () => true,
    log: createMemoryLogger(),
  });
  cleanups.push(() => app.stop());
  return { app, drip, keychain };
}
