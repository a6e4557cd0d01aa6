/**
 * The red-team's token-theft path, performed end to end: the emulator serving in the same process as the real
 * app core (as the e2e harness runs it), one unauthenticated request whose body tries to plant `socketPath`
 * and `ca` on Object.prototype, then an endpoint switch to an endpoint with a stored token. The token must go
 * to that endpoint only: a local attacker socket receives nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { call, register } from '../../emulator/helpers';
import { memoryKeychain } from './memory-keychain';
import { startAppCore } from '../../support/app-core';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const name of ['socketPath', 'ca']) delete (Object.prototype as Record<string, unknown>)[name];
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local socket that records whatever anyone sends to it. */
async function attackerSocket(dir: string): Promise<{ path: string; received: () => string }> {
  const socketPath = path.join(dir, 'attacker.sock');
  const chunks: Buffer[] = [];
  const server: Server = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { path: socketPath, received: () => Buffer.concat(chunks).toString('latin1') };
}

async function emulator(): Promise<TestEmulator> {
  const running = await startTestEmulator();
  cleanups.push(() => running.stop());
  return running;
}

describe("a polluting request to an emulator running in the app's own process", () => {
  it('is refused, and a later endpoint switch sends the stored token only to its own endpoint', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kd-pollution-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const attacker = await attackerSocket(dir);

    // A real endpoint the person signed in to earlier: its token is in the keychain.
    const real = await emulator();
    const { token } = await register(real.url);
    const keychain = memoryKeychain();
    await keychain.store.set(real.url, token);

    // The app on an emulator running in this same process (as the embedded one once did).
    const embedded = await startTestEmulator({ dataDir: path.join(dir, 'emulator') });
    cleanups.push(() => embedded.stop());
    const app = await startAppCore({ userDataDir: dir, environmentUrl: embedded.url, keychain });
    cleanups.push(() => app.stop());

    const attack = await call('DELETE', `${embedded.url}/self-service/logout/api`, {
      json: { '__proto__.socketPath': attacker.path, '__proto__.ca': 'attacker CA' },
    });
    const before = real.stats.requests;
    const switched = await app.setEndpoint(real.url);

    expect(attacker.received()).toBe('');
    expect(({} as Record<string, unknown>).socketPath).toBeUndefined();
    expect(attack.status).toBe(400);
    expect(switched).toMatchObject({ kind: 'ok' });
    expect(await app.getState()).toMatchObject({ status: 'signed-in', endpoint: { url: real.url } });
    expect(real.stats.requests).toBeGreaterThan(before);
  });
});
