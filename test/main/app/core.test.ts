/**
 * The composition root against the real emulator, the real client, controller and flow service, and an
 * in-memory secret store: the endpoint it starts on, the operations that need a server, flow answers that
 * belong to the endpoint in use, the external-link allowlist, the keychain retry and hostile flow values.
 * Switching is endpoint-switch.test.ts's, the connection's notices connection.test.ts's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Keychain } from '../../../main/keychain/keychain';
import { MemoryTokenStore } from '../../../main/session/token-store';
import { en } from '../../../main/strings/en';
import { sendJson, startRecordingServer } from '../kratos/recording-server';
import { registerInApp } from '../../support/app-core';
import { cleanUp, cleanups, core, emulator, openOnDrip, password } from './app-world';
import { memoryKeychain } from './memory-keychain';

afterEach(cleanUp);

describe('AppCore', () => {
  it('with no endpoint configured, has no server and answers every operation that it needs one first', async () => {
    const { app, views } = await core();
    expect(app.endpoint()).toBeUndefined();
    const noServer = { kind: 'error', message: en.app.noServer };
    expect(await app.getState()).toEqual({ status: 'no-server', keychain: expect.any(Object) });
    expect(await app.retry()).toMatchObject({ status: 'no-server' });
    expect(await app.startFlow({ kind: 'login' })).toEqual(noServer);
    expect(await app.submitFlow({ flowId: 'x', values: {} })).toEqual(noServer);
    expect(await app.logout()).toEqual(noServer);
    expect(await app.listSessions()).toEqual(noServer);
    expect(await app.revokeSession('x')).toEqual(noServer);
    expect(await app.revokeOtherSessions()).toEqual(noServer);
    expect(await app.browserSignIn({ flowId: 'x', action: 'cancel' })).toEqual(noServer);
    expect(await app.traitTitles('default')).toEqual({ titles: [] });
    expect(await app.openExternal('https://www.ory.sh/docs/kratos')).toEqual({ kind: 'ok' });
    await app.revalidate();
    expect(views).toEqual([]);
  });

  it('uses KRATOS_PUBLIC_URL when set', async () => {
    const kratos = await emulator();
    const { app } = await core({ environmentUrl: `${kratos.url}/` });
    expect(app.endpoint()).toEqual({ url: kratos.url, source: 'environment' });
  });

  it('does not pass off a sign-in that finished after the endpoint was switched as current', async () => {
    const first = await emulator();
    const second = await emulator();
    // The old endpoint's keychain write is held until the switch is done, so the race is deterministic.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    class HeldStore extends MemoryTokenStore {
      override async set(key: string, secret: string): Promise<void> {
        if (key === first.url) await held;
        return super.set(key, secret);
      }
    }
    const { app } = await core({ environmentUrl: first.url, keychain: memoryKeychain(new HeldStore()) });
    const started = await app.startFlow({ kind: 'registration' });
    if (started.kind !== 'flow') throw new Error('registration did not start');

    const submitted = app.submitFlow({
      flowId: started.flow.id,
      values: { method: 'password', traits: { email: 'late@example.com' }, password },
    });
    expect(await app.setEndpoint(second.url)).toMatchObject({ kind: 'ok' });
    release();

    expect(await submitted).toEqual({
      kind: 'error',
      message: `The server was changed to ${second.url} while this step was running, so it was not kept. Please start again.`,
    });
    expect(await app.getState()).toMatchObject({ status: 'signed-out', endpoint: { url: second.url } });
  });

  it('learns the trait titles from the flows each endpoint shows, and keeps them across runs', async () => {
    const kratos = await emulator();
    const { app, userDataDir } = await core({ environmentUrl: kratos.url });
    expect(await app.traitTitles('default')).toEqual({ titles: [] });
    await registerInApp(app, 'titles@example.com', password);
    const learned = await app.traitTitles('default');
    expect(learned.titles).toContainEqual({ path: 'email', title: 'E-Mail' });
    await app.stop();
    const { app: again } = await core({ environmentUrl: kratos.url, userDataDir });
    expect(await again.traitTitles('default')).toEqual(learned);
    // Another server's flows taught nothing about this one.
    const other = await emulator();
    const { app: elsewhere } = await core({ environmentUrl: other.url, userDataDir });
    expect(await elsewhere.traitTitles('default')).toEqual({ titles: [] });
  });

  it('opens only allowlisted links in the system browser', async () => {
    const kratos = await emulator();
    const { app, opened } = await core({ environmentUrl: kratos.url });
    expect(await app.openExternal(`${kratos.url}/self-service/login/browser`)).toEqual({ kind: 'ok' });
    expect(await app.openExternal(`${kratos.url}/some/page`)).toMatchObject({ kind: 'error' });
    expect(await app.openExternal('https://www.ory.sh/docs/kratos')).toEqual({ kind: 'ok' });
    expect(await app.openExternal('file:///etc/passwd')).toMatchObject({ kind: 'error' });
    expect(await app.openExternal('https://evil.example/')).toMatchObject({ kind: 'error' });
    expect(opened).toEqual([`${kratos.url}/self-service/login/browser`, 'https://www.ory.sh/docs/kratos']);
  });

  it('reports the keychain retry in words', async () => {
    const kratos = await emulator();
    const persisted: Keychain = {
      store: new MemoryTokenStore(),
      status: () => ({ kind: 'persisted', backend: 'GNOME Keyring' }),
      retry: async () => ({ kind: 'persisted', backend: 'GNOME Keyring' }),
    };
    const { app } = await core({ environmentUrl: kratos.url, keychain: persisted });
    expect(await app.retryKeychain()).toEqual({
      kind: 'ok',
      message: 'Sign-ins are saved in GNOME Keyring again.',
    });
    const { app: stuck } = await core({ environmentUrl: kratos.url });
    // The reason and the hint are in the pushed state (the banner's details): the answer does not repeat them.
    expect(await stuck.retryKeychain()).toEqual({
      kind: 'error',
      message: 'The keychain still cannot be used.',
    });
  });

  describe('hostile values from the server become validated, cloneable answers', () => {
    const flowId = '9d5d1e4f-4d62-4e1c-9a39-0a0b6a3c7d11';
    const registrationFlow = {
      id: flowId,
      type: 'api',
      state: 'choose_method',
      ui: { action: 'x', method: 'POST', nodes: [] },
    };

    async function against(answer: (request: { method: string; url: string }) => [number, unknown]) {
      const kratos = await startRecordingServer((request, response) => {
        const [status, body] = answer(request);
        sendJson(response, status, body);
      });
      cleanups.push(() => kratos.close());
      const keychain = memoryKeychain();
      const { app } = await core({ environmentUrl: kratos.url, keychain });
      return { app, keychain, kratos };
    }

    it('an error id "constructor" gives Kratos\'s own words, not Object.prototype.constructor', async () => {
      const { app } = await against(() => [
        400,
        { error: { id: 'constructor', code: 400, message: 'Nope.' } },
      ]);
      const response = await app.startFlow({ kind: 'registration' });
      expect(response).toEqual({ kind: 'error', message: 'Nope.', errorId: 'constructor' });
      expect(structuredClone(response)).toEqual(response);
    });

    it('JSON nested deeper than 64 levels is a malformed answer, not an uncloneable flow', async () => {
      let deep: unknown = 'leaf';
      for (let i = 0; i < 200; i++) deep = { deep };
      const { app } = await against(() => [
        200,
        {
          ...registrationFlow,
          ui: { ...registrationFlow.ui, nodes: [{ type: 'text', group: 'default', deep }] },
        },
      ]);
      const response = await app.startFlow({ kind: 'registration' });
      expect(response).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/JSON nested deeper than 64 levels/),
      });
      expect(structuredClone(response)).toEqual(response);
    });

    it.each([
      ['an object', { evil: true }],
      ['a number', 42],
      ['an empty string', ''],
    ])('a continue_with session token that is %s is refused and never stored', async (_name, token) => {
      const { app, keychain, kratos } = await against((request) =>
        request.method === 'GET'
          ? [200, registrationFlow]
          : [
              200,
              {
                identity: { id: 'identity-1' },
                continue_with: [{ action: 'set_ory_session_token', ory_session_token: token }],
              },
            ],
      );
      expect(await app.startFlow({ kind: 'registration' })).toMatchObject({ kind: 'flow' });
      const response = await app.submitFlow({ flowId, values: { method: 'password' } });
      expect(response).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/did not answer like a Kratos server/),
      });
      expect(structuredClone(response)).toEqual(response);
      expect(await keychain.store.get(kratos.url)).toBeNull();
      expect(await app.getState()).toMatchObject({ status: 'signed-out' });
    });
  });

  describe('a server that drips its answer cannot hold the app', () => {
    const token = 'ory_st_DripDripDripDripDripDripDripDrip12';

    it('open() does not wait for the check; the check ends unreachable at the deadline with the token kept', async () => {
      const { app, drip, keychain } = await openOnDrip(500, token);
      // What the window shows first: the check in progress.
      expect(await app.getState()).toMatchObject({ status: 'checking' });
      await app.sessionChecked;
      expect(await app.getState()).toMatchObject({
        status: 'unreachable',
        message: `The Kratos server at ${drip.url} did not finish answering within 0.5 s.`,
      });
      expect(await keychain.store.get(drip.url)).toBe(token);
    });
  });
});
