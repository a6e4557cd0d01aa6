/**
 * The operator's `privilegedSessionMaxAge` reaches the flow service of the operator's server only (as its
 * passkey page does): after a switch to another server, that server's age is unknown and the flow service
 * assumes Kratos's default.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppCore } from '../../../main/app/core';
import type { ConnectionHooks } from '../../../main/app/connection';
import { validateOperatorConfig } from '../../../main/app/operator-config';
import { buildConnection } from '../../../main/app/wiring';
import { createMemoryLogger } from '../../../main/log';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { memoryKeychain } from './memory-keychain';

let operators: TestEmulator;
let other: TestEmulator;

beforeAll(async () => {
  [operators, other] = await Promise.all([startTestEmulator(), startTestEmulator()]);
});
afterAll(async () => {
  await operators?.stop();
  await other?.stop();
});

it('the flow service of the operator’s server gets its privileged age; another server’s does not', async () => {
  const checked = validateOperatorConfig({
    kratosPublicUrl: operators.url,
    allowServerChange: true,
    privilegedSessionMaxAge: '1m30s',
  });
  if (!checked.ok) throw new Error(checked.problems.join('; '));
  const built: { url: string; maxAgeMs: ConnectionHooks['privilegedSessionMaxAgeMs'] }[] = [];
  const app = await AppCore.start({
    userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-privileged-age-')),
    environmentUrl: undefined,
    operator: checked.config,
    keychain: memoryKeychain(),
    connect: (endpoint, keychain, hooks) => {
      built.push({ url: endpoint.url, maxAgeMs: hooks.privilegedSessionMaxAgeMs });
      return buildConnection(endpoint, keychain, hooks);
    },
    openExternal: async () => undefined,
    confirmEndpoint: async () => true,
    log: createMemoryLogger(),
  });
  try {
    expect(await app.setEndpoint(other.url)).toMatchObject({ kind: 'ok' });
    expect(await app.setEndpoint(operators.url)).toMatchObject({ kind: 'ok' });
    expect(built).toEqual([
      { url: operators.url, maxAgeMs: 90_000 },
      { url: other.url, maxAgeMs: undefined },
      { url: operators.url, maxAgeMs: 90_000 },
    ]);
  } finally {
    await app.stop();
  }
});
