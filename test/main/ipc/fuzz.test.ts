/**
 * Fuzzing the IPC router: per invoke channel, ≥ 1000 malformed argument tuples, each of which must be refused
 * with `invalid-payload` — no crash, no hang, and not a single call reaching the services.
 *
 * The generator is a small seeded one written here because fast-check is not a dependency of the project
 * (and adding packages is not possible in this shared tree). Seeded means a failure prints the seed and the
 * case index and replays exactly. Every generated case is malformed *by construction* (wrong type, missing or
 * extra field, bad id, oversize, too deep, non-JSON value, prototype key…); a positive control shows the same
 * channel accepts the well-formed payload the mutations start from.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Channels, type InvokeChannel } from '../../../shared/ipc-contract';
import { AppCore } from '../../../main/app/core';
import { connectEndpoint } from '../../../main/app/wiring';
import { createIpcRouter } from '../../../main/ipc/router';
import type { AppServices } from '../../../main/ipc/services';
import { createMemoryLogger } from '../../../main/log';
import { startTestEmulator } from '../../support/emulator';
import { memoryKeychain } from '../app/memory-keychain';

const origin = 'app://kratos-desktop';
const senderUrl = `${origin}/index.html`;
const casesPerChannel = 1200;
const flowId = '0b5a5d6f-1c3e-4b7a-9f0e-5d2c8e7a1b23';

/** mulberry32: tiny, fast, good enough to spread cases; reproducible from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** Values of every kind structured clone can carry, minus strings (added per need). */
function junk(rng: Rng, depth = 0): unknown {
  const kinds = [
    () => null,
    () => undefined,
    () => pick(rng, [NaN, Infinity, -Infinity, -0, 0, 1, -1, 2 ** 53, 1e308, 0.1]),
    () => rng() < 0.5,
    () => BigInt(Math.floor(rng() * 1000)),
    () => new Date(Math.floor(rng() * 1e12)),
    () => new Map([['k', 'v']]),
    () => new Set([1, 2]),
    () => new Uint8Array(Math.floor(rng() * 16)),
    () => /re/g,
    () => (depth < 3 ? Array.from({ length: Math.floor(rng() * 4) }, () => junk(rng, depth + 1)) : []),
    () => (depth < 3 ? { [pick(rng, ['a', 'kind', 'flowId', 'values'])]: junk(rng, depth + 1) } : {}),
  ];
  return pick(rng, kinds)();
}

const hugeString = (rng: Rng) => 'x'.repeat(70_000 + Math.floor(rng() * 10_000));
const nonUuid = (rng: Rng) =>
  pick(rng, [
    '',
    'x',
    '../../etc/passwd',
    flowId.slice(1),
    `${flowId}0`,
    flowId.replace(/-/g, ''),
    'ory_st_abc',
    ' ',
    '\u0000',
  ]);

function deep(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { nested: value };
  return value;
}

function pollutingObject(rng: Rng): Record<string, unknown> {
  const key = pick(rng, ['__proto__', 'constructor', 'prototype']);
  // JSON.parse makes `__proto__` an own key, as structured clone does.
  return JSON.parse(`{"password":"p","${key}":{"polluted":true}}`) as Record<string, unknown>;
}

/** A junk value that is not a string (for arguments that must be strings). */
function nonString(rng: Rng): unknown {
  const value = junk(rng);
  return typeof value === 'string' ? 42 : value;
}

/** Values that are not a valid `FlowValues` object. */
function badValues(rng: Rng): unknown {
  return pick(rng, [
    () => nonString(rng),
    () => [{ password: 'p' }],
    () => 'password=p',
    () => deep(9 + Math.floor(rng() * 40)),
    () => pollutingObject(rng),
    () => ({ password: 'p', traits: { email: hugeString(rng) } }),
    () => ({ password: pick(rng, [NaN, Infinity, -Infinity]) }),
    () => ({ when: new Date() }),
    () => ({ bytes: new Uint8Array(4) }),
    () => ({ big: BigInt(1) }),
    () => ({ traits: { email: 'a@b.c', extra: new Map() } }),
    () => Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`field_${i}`, 'value-value-value'])),
  ])();
}

/** One malformed argument tuple for `channel`. */
function malformed(channel: InvokeChannel, rng: Rng): unknown[] {
  const extraArgument = () => [...valid[channel], junk(rng)];
  switch (channel) {
    case Channels.startFlow:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [nonString(rng)],
        () => [{}],
        () => [{ kind: pick(rng, ['Login', 'logout', 'admin', '', 'login ', hugeString(rng)]) }],
        () => [{ kind: nonString(rng) }],
        () => [{ kind: 'login', refresh: pick(rng, ['true', 1, null, NaN, {}]) }],
        () => [{ kind: 'login', aal: pick(rng, ['aal3', 'aal0', 'AAL2', 2, null]) }],
        () => [{ kind: 'login', [pick(rng, ['returnTo', 'token', 'session_token', 'x'])]: 'extra' }],
        () => [{ ...pollutingObject(rng), kind: 'login' }],
        () => [deep(20 + Math.floor(rng() * 200))],
      ])();
    case Channels.submitFlow:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [nonString(rng)],
        () => [{ flowId }],
        () => [{ values: {} }],
        () => [{ flowId: nonUuid(rng), values: {} }],
        () => [{ flowId: nonString(rng), values: {} }],
        () => [{ flowId, values: badValues(rng) }],
        () => [{ flowId, values: {}, [pick(rng, ['kind', 'token', 'sessionToken', 'extra'])]: 'x' }],
        () => [{ flowId, values: { password: 'p' }, ...pollutingObject(rng) }],
      ])();
    case Channels.browserSignIn:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [{ flowId }],
        () => [{ flowId: nonUuid(rng), action: 'cancel' }],
        () => [{ flowId, action: pick(rng, ['open', 'Cancel', '', 1, null, hugeString(rng)]) }],
        () => [{ flowId, action: 'reopen', [pick(rng, ['url', 'code', 'returnToCode'])]: 'x' }],
        () => [{ ...pollutingObject(rng), flowId, action: 'cancel' }],
      ])();
    case Channels.revokeSession:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [nonString(rng)],
        () => [nonUuid(rng)],
        () => [hugeString(rng)],
      ])();
    case Channels.traitTitles:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [nonString(rng)],
        () => [''],
        () => [hugeString(rng)],
        () => [['default']],
      ])();
    case Channels.setEndpoint:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [pick(rng, [undefined, 0, false, NaN, {}, [], new Date()])],
        () => [nonString(rng) ?? 0],
        () => [''],
        () => [hugeString(rng)],
        () => [{ url: 'https://auth.example.com' }],
      ])();
    case Channels.openExternal:
      return pick(rng, [
        () => [],
        extraArgument,
        () => [nonString(rng)],
        () => [''],
        () => [hugeString(rng)],
        () => [['https://www.ory.sh']],
      ])();
    default:
      // Channels without arguments: any argument at all is malformed.
      return Array.from({ length: 1 + Math.floor(rng() * 3) }, () =>
        pick(rng, [junk(rng), 'x', hugeString(rng)]),
      );
  }
}

/** The well-formed payload of each channel (the positive control, and the base of `extraArgument`). */
const valid: Record<InvokeChannel, unknown[]> = {
  [Channels.getState]: [],
  [Channels.retry]: [],
  [Channels.logout]: [],
  [Channels.startFlow]: [{ kind: 'login' }],
  [Channels.submitFlow]: [{ flowId, values: { method: 'password', identifier: 'a@b.c', password: 'pw' } }],
  [Channels.browserSignIn]: [{ flowId, action: 'cancel' }],
  [Channels.listSessions]: [],
  [Channels.revokeSession]: [flowId],
  [Channels.revokeOtherSessions]: [],
  [Channels.traitTitles]: ['default'],
  [Channels.setEndpoint]: ['https://auth.example.com'],
  [Channels.retryKeychain]: [],
  [Channels.openExternal]: ['https://www.ory.sh/docs'],
};

/** AppServices that records every call and answers something harmless. */
function spyServices(): { services: AppServices; calls: string[] } {
  const calls: string[] = [];
  const services = new Proxy({} as AppServices, {
    get: (_target, name) => async () => {
      calls.push(String(name));
      return { kind: 'ok' };
    },
  });
  return { services, calls };
}

const invokeChannels = Object.keys(valid) as InvokeChannel[];

describe('IPC router under malformed payloads', () => {
  it.each(invokeChannels)('%s: refuses every malformed payload, never calls a service', async (channel) => {
    const seed = [...channel].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 7) >>> 0;
    const rng = random(seed);
    const { services, calls } = spyServices();
    const log = createMemoryLogger();
    const router = createIpcRouter({ services, allowedOrigin: origin, log });

    for (let index = 0; index < casesPerChannel; index++) {
      const args = malformed(channel, rng);
      const result = await router.handle(channel, args, senderUrl);
      if (result.ok || result.error.code !== 'invalid-payload' || calls.length > 0) {
        expect.fail(
          `seed ${seed}, case ${index}: ${JSON.stringify(result)} (service calls: ${calls.join(', ')})`,
        );
      }
      expect(result.error.message).toMatch(/^Invalid request: \S/);
    }
    expect(calls).toEqual([]);
    expect(log.lines).toHaveLength(casesPerChannel);

    // Positive control: the untouched payload does reach the service.
    expect(await router.handle(channel, valid[channel], senderUrl)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(1);
  });

  it('leaves the real app untouched: same state, same stored token, no request to Kratos, no file written', async () => {
    const emulator = await startTestEmulator();
    const keychain = memoryKeychain();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-fuzz-'));
    const opened: string[] = [];
    const core = await AppCore.start({
      userDataDir,
      environmentUrl: emulator.url,
      keychain,
      startEmulator: () => Promise.reject(new Error('not used')),
      connect: connectEndpoint,
      openExternal: async (url) => void opened.push(url),
      confirmEndpoint: async () => true,
      log: createMemoryLogger(),
    });
    try {
      const started = await core.startFlow({ kind: 'registration' });
      if (started.kind !== 'flow') throw new Error('registration did not start');
      await core.submitFlow({
        flowId: started.flow.id,
        values: {
          method: 'password',
          traits: { email: 'fuzz@example.com' },
          password: 'correct-Horse-battery-9',
        },
      });
      const before = { state: await core.getState(), token: await keychain.store.get(emulator.url) };
      expect(before.state.status).toBe('signed-in');
      const requestsBefore = emulator.stats.requests;
      const pushed: unknown[] = [];
      core.onState((view) => pushed.push(view));

      const router = createIpcRouter({ services: core, allowedOrigin: origin, log: createMemoryLogger() });
      for (const channel of invokeChannels) {
        const rng = random(0xfeed ^ channel.length);
        for (let index = 0; index < casesPerChannel; index++) {
          const result = await router.handle(channel, malformed(channel, rng), senderUrl);
          if (result.ok || result.error.code !== 'invalid-payload') expect.fail(`${channel} case ${index}`);
        }
        // A well-formed request from a foreign frame is just as inert.
        expect(await router.handle(channel, valid[channel], 'https://evil.example/')).toMatchObject({
          ok: false,
        });
      }

      expect(await core.getState()).toEqual(before.state);
      expect(await keychain.store.get(emulator.url)).toBe(before.token);
      expect(emulator.stats.requests).toBe(requestsBefore);
      expect(pushed).toEqual([]);
      expect(opened).toEqual([]);
      expect(await readdir(userDataDir)).toEqual([]);
    } finally {
      await core.stop();
      await emulator.stop();
    }
  });

  it.each(invokeChannels)('%s: refuses a well-formed payload from any other sender', async (channel) => {
    const { services, calls } = spyServices();
    const router = createIpcRouter({ services, allowedOrigin: origin, log: createMemoryLogger() });
    for (const sender of [
      undefined,
      '',
      'about:blank',
      'file:///opt/app/dist/renderer/index.html',
      'https://auth.example.com/',
      'app://kratos-desktop.evil/index.html',
      'app://evil/index.html',
      'http://127.0.0.1:5173/',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(await router.handle(channel, valid[channel], sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(calls).toEqual([]);
  });
});
