/**
 * A server with recovery or verification turned off (`selfservice.flows.<kind>.enabled: false`) answers a bare
 * 400 without an error id (real Kratos v1.3.1, measured; the emulator does the same, parity-tested): the app
 * says in a sentence that the server does not offer it, instead of Kratos's developer text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../main/app/core';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { startAppCore } from '../../support/app-core';

let emulator: TestEmulator;
let core: AppCore;
let userDataDir: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ config: { flowsEnabled: { recovery: false, verification: false } } });
  userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-flows-off-'));
  core = await startAppCore({ userDataDir, environmentUrl: emulator.url });
});

afterAll(async () => {
  await core?.stop();
  await emulator?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('a server with recovery and verification turned off', () => {
  it('the recovery screen says the server does not offer account recovery', async () => {
    expect(await core.startFlow({ kind: 'recovery' })).toEqual({
      kind: 'error',
      message:
        'This server does not offer account recovery. Ask its administrator for help, or sign in another way.',
    });
  });

  it('the verification screen says the server does not verify email addresses', async () => {
    expect(await core.startFlow({ kind: 'verification' })).toEqual({
      kind: 'error',
      message: 'This server does not verify email addresses, so there is nothing to verify here.',
    });
  });

  it('sign-in is untouched', async () => {
    expect((await core.startFlow({ kind: 'login' })).kind).toBe('flow');
  });
});
