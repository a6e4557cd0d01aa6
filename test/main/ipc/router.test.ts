import { describe, expect, it } from 'vitest';
import { channelOf } from '../../../shared/ipc-contract';
import { invokeOperations, operations } from '../../../main/ipc/operations';
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
  it('answers each operation of the table on its own channel, with the service method of its name', async () => {
    const { router, calls } = setup();
    expect(router.channels).toEqual(invokeOperations.map((operation) => `kratos:${operation}`));
    for (const operation of invokeOperations.filter((name) => operations[name].names.length === 0)) {
      await router.handle(channelOf(operation), [], sender);
    }
    expect(calls.map(({ name }) => name)).toEqual([
      'getState',
      'retry',
      'logout',
      'listSessions',
      'revokeOtherSessions',
      'retryKeychain',
      'about',
      'restartToUpdate',
    ]);
  });

  it('passes validated arguments to the matching service and wraps the answer', async () => {
    const { router, calls } = setup();
    expect(
      await router.handle(channelOf('startFlow'), [{ kind: 'login', aal: 'aal2', refresh: true }], sender),
    ).toEqual({
      ok: true,
      value: { kind: 'ok' },
    });
    await router.handle(channelOf('setEndpoint'), [null], sender);
    await router.handle(channelOf('revokeSession'), [flowId], sender);
    expect(calls).toEqual([
      { name: 'startFlow', args: [{ kind: 'login', aal: 'aal2', refresh: true }] },
      { name: 'setEndpoint', args: [null] },
      { name: 'revokeSession', args: [flowId] },
    ]);
  });

  it('drops absent optional fields that structured clone keeps as undefined', async () => {
    const { router, calls } = setup();
    await router.handle(
      channelOf('startFlow'),
      [{ kind: 'registration', refresh: undefined, aal: undefined }],
      sender,
    );
    expect(calls[0]?.args).toEqual([{ kind: 'registration' }]);
  });

  describe('sender check', () => {
    it('refuses a frame from another origin with forbidden-sender, naming only the origin', async () => {
      const { router, calls, log } = setup();
      const result = await router.handle(channelOf('logout'), [], 'https://evil.example/path?token=' + token);
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
      [
        channelOf('startFlow'),
        [{ kind: 'admin' }],
        /^Invalid request: request\.kind: .*expected one of "login"/,
      ],
      [
        channelOf('startFlow'),
        [{ kind: 'login', returnTo: 'x' }],
        /^Invalid request: request: Unrecognized key: "returnTo"/,
      ],
      [channelOf('startFlow'), [], /takes exactly one argument \(request\)/],
      [
        channelOf('submitFlow'),
        [{ flowId: 'nope', values: {} }],
        /request\.flowId: expected a Kratos id \(a UUID\)/,
      ],
      [channelOf('submitFlow'), [{ flowId, values: [] }], /request\.values: .*expected record/],
      [channelOf('revokeSession'), [42], /^Invalid request: id: expected a Kratos id/],
      [channelOf('getState'), ['x'], /this call takes no arguments/],
      [channelOf('openExternal'), ['x'.repeat(3000)], /url: expected at most 2048 characters/],
      [channelOf('setLanguage'), ['fr'], /^Invalid request: language: expected one of system, en, de\.$/],
      [channelOf('setLanguage'), [], /takes exactly one argument \(language\)/],
    ])('%s with a bad payload answers %s', async (channel, args, message) => {
      const { router, calls } = setup();
      const result = await router.handle(channel, args, sender);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
      expect(calls).toEqual([]);
    });

    it('bounds form values: depth ≤ 8, no prototype keys, finite numbers, ≤ 64 KiB', async () => {
      const { router } = setup();
      const submit = (values: unknown) =>
        router.handle(channelOf('submitFlow'), [{ flowId, values }], sender);
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
        const result = await router.handle(channelOf('submitFlow'), [{ flowId, values }], sender);
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
      expect(await router.handle(channelOf('submitFlow'), [{ flowId, values }], sender)).toMatchObject({
        ok: true,
      });
      expect(calls).toHaveLength(1);
    });

    it('logs a refusal with channel and reason, never the password or token it carried', async () => {
      const { router, log } = setup();
      await router.handle(
        channelOf('submitFlow'),
        [{ flowId, values: { password: 'hunter2-secret', n: NaN }, token }],
        sender,
      );
      const logged = log.lines.join('\n');
      expect(logged).toMatch(/ipc request refused channel="kratos:submitFlow" code="invalid-payload"/);
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
    expect(await router.handle(channelOf('logout'), [], sender)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'The app could not complete this request. Please try again.' },
    });
    expect(log.lines.join('\n')).toMatch(/ipc handler failed channel="kratos:logout".*keychain exploded/);
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
