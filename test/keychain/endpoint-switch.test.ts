/**
 * Switching endpoints keeps each endpoint's token separately, in the real keyring: the app's
 * services (AppCore with the real client, controller and flow service) over the real OsKeychain on the sandbox's
 * unlocked gnome-keyring, with two emulators as two Kratos servers. (test/main/app/core.test.ts covers the
 * same switch over a memory store.)
 */
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

import { OsKeychain } from '../../main/keychain/os-keychain';
import { startTestEmulator } from '../support/emulator';
import { scanForSecret } from './scan-for-secret';
import { secretToolLookup } from './secret-service';
import { Teardown } from './teardown';
import { registerInApp, startAppCore } from '../support/app-core';

const service = 'Kratos Desktop endpoint-switch';
const password = 'correct-Horse-battery-9';
const teardown = new Teardown();
afterEach(() => teardown.run());

it('signed in on A and on B, each token under its own keychain account; switching back needs no password', async () => {
  const a = await startTestEmulator();
  teardown.add(() => a.stop());
  const b = await startTestEmulator();
  teardown.add(() => b.stop());
  const userDataDir = await mkdtemp(join(tmpdir(), 'app-data-endpoint-switch-'));
  const keychain = await OsKeychain.open({ service });
  expect(keychain.status().kind).toBe('persisted');
  const app = await startAppCore({ userDataDir, environmentUrl: a.url, keychain });
  teardown.add(() => app.stop());
  const account = async (url: string) => secretToolLookup(process.env, service, url);

  await registerInApp(app, 'ada@example.com', password);
  expect(await app.getState()).toMatchObject({ status: 'signed-in', endpoint: { url: a.url } });
  const tokenA = await account(a.url);
  expect(tokenA).toMatch(/^ory_st_/);

  expect(await app.setEndpoint(b.url)).toEqual({ kind: 'ok', message: `Now using ${b.url}.` });
  expect(await app.getState()).toMatchObject({ status: 'signed-out', endpoint: { url: b.url } });
  await registerInApp(app, 'grace@example.com', password);
  expect(await app.getState()).toMatchObject({ status: 'signed-in', endpoint: { url: b.url } });
  const tokenB = await account(b.url);
  expect(tokenB).toMatch(/^ory_st_/);
  expect(tokenB).not.toBe(tokenA);
  // Signing in on B did not touch A's item.
  expect(await account(a.url)).toBe(tokenA);

  // Back to A (the environment's endpoint): signed in with A's stored token, as A's identity, no flow run.
  expect(await app.setEndpoint(null)).toMatchObject({ kind: 'ok' });
  const onA = await app.getState();
  expect(onA).toMatchObject({ status: 'signed-in', endpoint: { url: a.url, source: 'environment' } });
  expect(JSON.stringify(onA)).toContain('ada@example.com');

  // And to B once more: B's session is still there too.
  await app.setEndpoint(b.url);
  const onB = await app.getState();
  expect(onB).toMatchObject({ status: 'signed-in', endpoint: { url: b.url } });
  expect(JSON.stringify(onB)).toContain('grace@example.com');
  expect([await account(a.url), await account(b.url)]).toEqual([tokenA, tokenB]);

  for (const token of [tokenA!, tokenB!]) {
    expect(await scanForSecret(token, [userDataDir, tmpdir(), homedir()])).toEqual([]);
  }
});
