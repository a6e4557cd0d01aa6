/**
 * The app's main side (AppCore with the real client, controller and flow service) for a test that names its
 * server: a fresh userData folder, a memory keychain, a browser that opens nothing, every server change
 * confirmed. A test passes what it watches or varies (the keychain, the browser, the answer to "Use this
 * server?").
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AppCore, type AppCoreOptions } from '../../main/app/core';
import { buildConnection } from '../../main/app/wiring';
import { createMemoryLogger } from '../../main/log';
import { memoryKeychain } from '../main/app/memory-keychain';

export async function startAppCore(
  options: Pick<AppCoreOptions, 'environmentUrl'> & Partial<AppCoreOptions>,
): Promise<AppCore> {
  return AppCore.start({
    userDataDir: await mkdtemp(join(tmpdir(), 'kd-app-')),
    keychain: memoryKeychain(),
    connect: buildConnection,
    openExternal: async () => undefined,
    confirmEndpoint: async () => true,
    log: createMemoryLogger(),
    ...options,
  });
}

/** Signs `email` up with a password through the app's own flow service, as the window would. */
export async function registerInApp(app: AppCore, email: string, password: string): Promise<void> {
  const started = await app.startFlow({ kind: 'registration' });
  if (started.kind !== 'flow') throw new Error(`registration did not start: ${JSON.stringify(started)}`);
  const done = await app.submitFlow({
    flowId: started.flow.id,
    values: { method: 'password', traits: { email }, password },
  });
  expect(done).toMatchObject({ kind: 'done' });
}
