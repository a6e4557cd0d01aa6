import { describe, expect, it } from 'vitest';
import { Channels, pushChannels } from '../../../shared/ipc-contract';
import { createIpcRouter, isFromOrigin, originOf } from '../../../main/ipc/router';
import type { AppServices } from '../../../main/ipc/services';
import { createMemoryLogger } from '../../../main/log';

const origin = 'app://kratos-desktop';
const sender = `${origin}/index.html`;
const flowId = '0b5a5d6f-1c3e-4b7a-9f0e-5d2c8e7a1b23';
const token = 'ory_st_Zk3q9uTtW2xY7vB1nM4cR8sL0pA6dE5f';

function setup(overrides: Partial<AppServices> = {}) {
  const calls: { name: string; args: unknown[] }[] = [];
  const services = new Proxy({} as AppServices, {
    get: (_target, name: string) =>
      overrides[name as keyof AppServices] ??
      (async (...args: unknown[]) => {
        calls.push({ name, args });
        return { kind: 'ok' };
      }),
  });
  const log = createMemoryLogger();
  return { router: createIpcRouter({ services, allowedOrigin: origin, log }), calls, log };
}

describe('IpcRouter', () => {
  it('answers every invoke channel of the contract', () => {
    const invokeChannels = Object.values(Channels).filter((channel) => !pushChannels.includes(channel));
    expect([...setup().router.channels].sort()).toEqual(invokeChannels.sort());
  });

  it('passes validated arguments to the matching service and wraps the answer', async () => {
    const { router, calls } = setup();
    expect(
      await router.handle(Channels.startFlow, [{ kind: 'login', aal: 'aal2', refresh: true }], sender),
    ).toEqual({
      ok: true,
      value: { kind: 'ok' },
    });
    await router.handle(Channels.setEndpoint, [null], sender);
    await router.handle(Channels.revokeSession, [flowId], sender);
    expect(calls).toEqual([
      { name: 'startFlow', args: [{ kind: 'login', aal: 'aal2', refresh: true }] },
      { name: 'setEndpoint', args: [null] },
      { name: 'revokeSession', args: [flowId] },
    ]);
  });

  it('drops absent optional fields that structured clone keeps as undefined', async () => {
    const { router, calls } = setup();
    await router.handle(
      Channels.startFlow,
      [{ kind: 'registration', refresh: undefined, aal: undefined }],
      sender,
    );
    expect(calls[0]?.args).toEqual([{ kind: 'registration' }]);
  });

  describe('sender check', () => {
    it('refuses a frame from another origin with forbidden-sender, naming only the origin', async () => {
      const { router, calls, log } = setup();
      const result = await router.handle(Channels.logout, [], 'https://evil.example/path?token=' + token);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'forbidden-sender',
          message: "Refused: the request did not come from the app's own page (https://evil.example).",
        },
      });
      expect(calls).toEqual([]);
      expect(log.lines.join('\n')).not.toContain(token);
    });

    it('compares scheme, host and port exactly', () => {
      expect(isFromOrigin('app://kratos-desktop/index.html#/x', origin)).toBe(true);
      expect(isFromOrigin('app://kratos-desktop:1/index.html', origin)).toBe(false);
      expect(isFromOrigin('app://kratos-desktop.evil/', origin)).toBe(false);
      expect(isFromOrigin('http://127.0.0.1:5000/', 'http://127.0.0.1:5000')).toBe(true);
      expect(isFromOrigin('http://127.0.0.1:5001/', 'http://127.0.0.1:5000')).toBe(false);
      expect(originOf('not a url')).toBeUndefined();
      expect(originOf('about:blank')).toBeUndefined();
    });
  });

  describe('payload validation', () => {
    it.each<[string, unknown[], RegExp]>([
      [Channels.startFlow, [{ kind: 'admin' }], /^Invalid request: request\.kind: .*expected one of "login"/],
      [
        Channels.startFlow,
        [{ kind: 'login', returnTo: 'x' }],
        /^Invalid request: request: Unrecognized key: "returnTo"/,
      ],
      [Channels.startFlow, [], /takes exactly one argument \(request\)/],
      [
        Channels.submitFlow,
        [{ flowId: 'nope', values: {} }],
        /request\.flowId: expected a Kratos id \(a UUID\)/,
      ],
      [Channels.submitFlow, [{ flowId, values: [] }], /request\.values: .*expected record/],
      [Channels.revokeSession, [42], /^Invalid request: id: expected a Kratos id/],
      [Channels.getState, ['x'], /this call takes no arguments/],
      [Channels.openExternal, ['x'.repeat(3000)], /url: expected at most 2048 characters/],
    ])('%s with a bad payload answers %s', async (channel, args, message) => {
      const { router, calls } = setup();
      const result = await router.handle(channel, args, sender);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
      expect(calls).toEqual([]);
    });

    it('bounds form values: depth ≤ 8, no prototype keys, finite numbers, ≤ 64 KiB', async () => {
      const { router } = setup();
      const submit = (values: unknown) => router.handle(Channels.submitFlow, [{ flowId, values }], sender);
      let eight: unknown = 'leaf';
      for (let i = 0; i < 8; i++) eight = { a: eight };
      expect(await submit(eight)).toMatchObject({ ok: true });
      expect(await submit({ b: eight })).toMatchObject({ error: { message: /nested deeper than 8 levels/ } });
      expect(await submit(JSON.parse('{"__proto__":{"admin":true}}'))).toMatchObject({
        error: { message: /request\.values\.__proto__: forbidden key/ },
      });
      expect(await submit({ code: NaN })).toMatchObject({
        error: { message: /values\.code: expected a finite number/ },
      });
      expect(await submit({ blob: 'x'.repeat(65 * 1024) })).toMatchObject({
        error: { message: /larger than 64 KiB/ },
      });
      expect(await submit({ when: new Date(0) })).toMatchObject({
        error: { message: /expected plain JSON/ },
      });
    });

    it.each([
      '__proto__.socketPath',
      'traits.__proto__.admin',
      'a.constructor.prototype.socketPath',
      'constructor.prototype.ca',
      'traits.prototype',
      'a[__proto__][x]',
    ])('refuses a form value named %s, whose path walks into a prototype', async (name) => {
      const { router, calls } = setup();
      for (const values of [{ [name]: 'x' }, { traits: { [name]: 'x' } }]) {
        const result = await router.handle(Channels.submitFlow, [{ flowId, values }], sender);
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'invalid-payload', message: /forbidden key \(names with __proto__/ },
        });
      }
      expect(calls).toEqual([]);
      expect(({} as Record<string, unknown>)['socketPath']).toBeUndefined();
    });

    it('still passes dotted names that only look alike', async () => {
      const { router, calls } = setup();
      const values = { 'traits.proto': 'x', 'traits.constructor_name': 'y', my__proto__: 'z' };
      expect(await router.handle(Channels.submitFlow, [{ flowId, values }], sender)).toMatchObject({
        ok: true,
      });
      expect(calls).toHaveLength(1);
    });

    it('logs a refusal with channel and reason, never the password or token it carried', async () => {
      const { router, log } = setup();
      await router.handle(
        Channels.submitFlow,
        [{ flowId, values: { password: 'hunter2-secret', n: NaN }, token }],
        sender,
      );
      const logged = log.lines.join('\n');
      expect(logged).toMatch(/ipc request refused channel="flow:submit" code="invalid-payload"/);
      expect(logged).not.toContain('hunter2-secret');
      expect(logged).not.toContain(token);
    });
  });

  it('turns a service exception into `failed` with a human message, logged with the token redacted', async () => {
    const { router, log } = setup({
      logout: async () => {
        throw new Error(`keychain exploded while deleting ${token}`);
      },
    });
    expect(await router.handle(Channels.logout, [], sender)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'The app could not complete this request. Please try again.' },
    });
    expect(log.lines.join('\n')).toMatch(/ipc handler failed channel="session:logout".*keychain exploded/);
    expect(log.lines.join('\n')).not.toContain(token);
  });

  it('refuses an unknown channel', async () => {
    const { router, calls } = setup();
    expect(await router.handle('shell:exec', ['rm -rf /'], sender)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: 'Unknown request.' },
    });
    expect(await router.handle('__proto__', [], sender)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });
});
