/**
 * The composition root against the real emulator (in-process, port 0, responses checked against the Kratos
 * spec), the real client, controller and flow service, and an in-memory secret store: endpoint choice, switching, per-endpoint tokens, the
 * external-link allowlist and state pushes.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../shared/ipc-contract';
import type { RunningEmulator } from '../../../emulator/index';
import { AppCore, type AppCoreOptions, type Keychain } from '../../../main/app/core';
import { connectEndpoint } from '../../../main/app/wiring';
import { createMemoryLogger } from '../../../main/log';
import { MemorySecretStore } from '../../../main/session/secret-store';
import { startTestEmulator } from '../../support/emulator';
import { sendJson, startDrippingServer, startRecordingServer } from '../kratos/recording-server';
import { memoryKeychain } from './memory-keychain';
import { registerInApp } from '../../support/app-core';
import { en } from '../../../main/strings/en';

const password = 'correct-Horse-battery-9';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator(): Promise<RunningEmulator> {
  const running = await startTestEmulator();
  cleanups.push(() => running.stop());
  return running;
}

async function core(
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
    connect: options.connect ?? connectEndpoint,
    openExternal: async (url) => void opened.push(url),
    confirmEndpoint: async (url) => (asked.push(url), options.confirm ?? true),
    log,
  });
  cleanups.push(() => app.stop());
  const views: SessionView[] = [];
  app.onState((view) => views.push(view));
  return { app, userDataDir, opened, asked, views, log };
}

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

  it('with no endpoint, the first server named becomes the endpoint (asked first), and forgetting it goes back', async () => {
    const kratos = await emulator();
    const { app, asked, views } = await core();
    expect(await app.setEndpoint(kratos.url)).toEqual({ kind: 'ok', message: `Now using ${kratos.url}.` });
    expect(asked).toEqual([kratos.url]);
    expect(await app.getState()).toMatchObject({
      status: 'signed-out',
      endpoint: { url: kratos.url, source: 'settings' },
    });
    expect(views.at(-1)).toMatchObject({ status: 'signed-out' });
    expect(await app.setEndpoint(null)).toEqual({ kind: 'ok', message: en.app.stillNoServer });
    expect(await app.getState()).toMatchObject({ status: 'no-server' });
    expect(views.at(-1)).toMatchObject({ status: 'no-server' });
    expect(await app.setEndpoint(null)).toEqual({ kind: 'ok', message: en.app.stillNoServer });
  });

  it('starts on the operator’s server; a package that does not let people switch refuses every change', async () => {
    const kratos = await emulator();
    const other = await emulator();
    const app = await AppCore.start({
      userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-core-')),
      environmentUrl: other.url,
      operator: { kratosPublicUrl: kratos.url, allowServerChange: false, updateFeedUrl: undefined },
      keychain: memoryKeychain(),
      connect: connectEndpoint,
      openExternal: async () => undefined,
      confirmEndpoint: async () => true,
      log: createMemoryLogger(),
    });
    cleanups.push(() => app.stop());
    expect(app.endpoint()).toEqual({ url: kratos.url, source: 'operator', locked: true });
    const refused = { kind: 'error', message: en.app.serverLocked(kratos.url) };
    expect(await app.setEndpoint(other.url)).toEqual(refused);
    expect(await app.setEndpoint(null)).toEqual(refused);
    expect(app.endpoint()).toMatchObject({ url: kratos.url });
  });

  it('uses KRATOS_PUBLIC_URL when set', async () => {
    const kratos = await emulator();
    const { app } = await core({ environmentUrl: `${kratos.url}/` });
    expect(app.endpoint()).toEqual({ url: kratos.url, source: 'environment' });
  });

  it('shows why an invalid KRATOS_PUBLIC_URL was ignored', async () => {
    const { app } = await core({ environmentUrl: 'http://kratos.example.com' });
    expect(await app.getState()).toMatchObject({
      status: 'no-server',
      notice: {
        level: 'warning',
        text: expect.stringMatching(/KRATOS_PUBLIC_URL was ignored: Use https:\/\//),
      },
    });
  });

  it('keeps each endpoint’s token apart when switching, and finds it again when switching back', async () => {
    const first = await emulator();
    const second = await emulator();
    const keychain = memoryKeychain();
    const { app, userDataDir, views } = await core({ environmentUrl: first.url, keychain });

    await registerInApp(app, 'ada@example.com', password);
    expect(await app.getState()).toMatchObject({ status: 'signed-in', endpoint: { url: first.url } });
    const firstToken = await keychain.store.get(first.url);
    expect(firstToken).toMatch(/^ory_st_/);

    expect(await app.setEndpoint(`${second.url}/`)).toEqual({
      kind: 'ok',
      message: `Now using ${second.url}.`,
    });
    expect(await app.getState()).toMatchObject({
      status: 'signed-out',
      endpoint: { url: second.url, source: 'settings' },
    });
    expect(views.at(-1)).toMatchObject({ status: 'signed-out', endpoint: { url: second.url } });
    expect(JSON.parse(await readFile(path.join(userDataDir, 'settings.json'), 'utf8'))).toEqual({
      kratosPublicUrl: second.url,
    });
    expect(await keychain.store.get(first.url)).toBe(firstToken);

    // Back to the default (the environment's endpoint): signed in again with the stored token, no password.
    expect(await app.setEndpoint(null)).toMatchObject({ kind: 'ok' });
    expect(await app.getState()).toMatchObject({
      status: 'signed-in',
      endpoint: { url: first.url, source: 'environment' },
    });
    expect(views.at(-1)).toMatchObject({ status: 'signed-in' });
  });

  it('does not pass off a sign-in that finished after the endpoint was switched as current', async () => {
    const first = await emulator();
    const second = await emulator();
    // The old endpoint's keychain write is held until the switch is done, so the race is deterministic.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    class HeldStore extends MemorySecretStore {
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

  describe('checks that a new server answers as a Kratos public API before switching', () => {
    /** A server that answers every request with `status` and `body`, recording the paths asked. */
    async function notKratos(status: number, body: string): Promise<{ url: string; paths: string[] }> {
      const paths: string[] = [];
      const server = createServer((request, response) => {
        paths.push(request.url ?? '');
        response.writeHead(status, { 'content-type': 'text/html' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
    }

    it('refuses a web page in words, asks nothing more after the failed health check, changes nothing', async () => {
      const kratos = await emulator();
      const page = await notKratos(200, '<html>Welcome</html>');
      const { app, userDataDir, views } = await core({ environmentUrl: kratos.url });
      const before = views.length;

      const answer = await app.setEndpoint(page.url);
      expect(answer).toEqual({
        kind: 'error',
        message: `${page.url} answered, but its health check (/health/alive) did not answer as Kratos does. Check that this is the public API (often port 4433), not the admin API or a web page. The server was not changed.`,
      });
      expect(page.paths).toEqual(['/health/alive']);
      expect(app.endpoint()).toEqual({ url: kratos.url, source: 'environment' });
      expect(views).toHaveLength(before);
      await expect(readFile(path.join(userDataDir, 'settings.json'))).rejects.toThrow(/ENOENT/);
    });

    it('refuses a server whose health check passes but which creates no sign-in flow', async () => {
      const kratos = await emulator();
      const paths: string[] = [];
      const server = createServer((request, response) => {
        paths.push(request.url ?? '');
        if (request.url === '/health/alive') response.writeHead(200).end('{"status":"ok"}');
        else response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { app } = await core({ environmentUrl: kratos.url });

      expect(await app.setEndpoint(url)).toEqual({
        kind: 'error',
        message: expect.stringContaining('it did not create a sign-in flow as the Kratos public API does'),
      });
      expect(paths).toEqual(['/health/alive', '/self-service/login/api']);
      expect(app.endpoint()).toEqual({ url: kratos.url, source: 'environment' });
    });

    it('refuses a host that does not answer, naming it, and changes nothing', async () => {
      const kratos = await emulator();
      // A port that was just free: nothing listens there.
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const closed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await new Promise((resolve) => server.close(resolve));
      const { app } = await core({ environmentUrl: kratos.url });

      const answer = await app.setEndpoint(closed);
      expect(answer).toEqual({
        kind: 'error',
        message: expect.stringMatching(/^Cannot reach the Kratos server at .*The server was not changed\.$/),
      });
      expect(answer.kind === 'error' && answer.message).toContain(closed);
      expect(app.endpoint()).toEqual({ url: kratos.url, source: 'environment' });
    });
  });

  describe('asks the person in main before using a server the window named (a compromised page cannot skip it)', () => {
    it('a "no" switches nothing, saves nothing, keeps the old session, and sends the new server no token', async () => {
      const first = await emulator();
      const attacker = await startRecordingServer((request, response) =>
        request.url === '/health/alive'
          ? sendJson(response, 200, { status: 'ok' })
          : sendJson(response, 200, {
              id: '00000000-0000-4000-8000-000000000001',
              ui: { action: 'x', method: 'POST', nodes: [] },
            }),
      );
      cleanups.push(() => attacker.close());
      const keychain = memoryKeychain();
      await keychain.store.set(attacker.url, 'ory_st_TokenOnceStoredForThatServer0000');
      const { app, userDataDir, asked, views } = await core({
        environmentUrl: first.url,
        keychain,
        confirm: false,
      });
      await registerInApp(app, 'kept@example.com', password);
      const before = views.length;

      expect(await app.setEndpoint(attacker.url)).toEqual({
        kind: 'error',
        message: `You did not confirm ${attacker.url}, so the server was not changed.`,
      });
      expect(asked).toEqual([attacker.url]);
      expect(app.endpoint()).toEqual({ url: first.url, source: 'environment' });
      expect(await app.getState()).toMatchObject({ status: 'signed-in' });
      expect(views).toHaveLength(before);
      await expect(readFile(path.join(userDataDir, 'settings.json'))).rejects.toThrow(/ENOENT/);
      // Only the probe's anonymous requests reached it; no whoami, no token.
      expect(attacker.requests.map((request) => request.url)).toEqual([
        '/health/alive',
        '/self-service/login/api',
      ]);
      expect(attacker.requests.every((request) => request.headers['x-session-token'] === undefined)).toBe(
        true,
      );
    });

    it('asks once, after the server proved to be Kratos, and never for the default or an unusable address', async () => {
      const kratos = await emulator();
      const { app, asked } = await core();
      expect(await app.setEndpoint('http://kratos.example.com')).toMatchObject({ kind: 'error' });
      expect(await app.setEndpoint('http://127.0.0.1:1')).toMatchObject({ kind: 'error' });
      expect(asked).toEqual([]);
      expect(await app.setEndpoint(kratos.url)).toEqual({ kind: 'ok', message: `Now using ${kratos.url}.` });
      expect(asked).toEqual([kratos.url]);
      // Forgetting the saved server names no new one: nothing to confirm.
      expect(await app.setEndpoint(null)).toMatchObject({ kind: 'ok' });
      expect(asked).toEqual([kratos.url]);
    });
  });

  it('remembers the endpoint chosen in the window across restarts', async () => {
    const saved = await emulator();
    const { app, userDataDir } = await core();
    await app.setEndpoint(saved.url);
    await app.stop();
    const { app: restarted } = await core({ userDataDir });
    expect(restarted.endpoint()).toEqual({ url: saved.url, source: 'settings' });
  });

  it('refuses an invalid endpoint with the validation message and changes nothing', async () => {
    const kratos = await emulator();
    const { app, userDataDir } = await core({ environmentUrl: kratos.url });
    expect(await app.setEndpoint('http://kratos.example.com')).toEqual({
      kind: 'error',
      message: expect.stringMatching(/^Use https:\/\/ for kratos\.example\.com/),
    });
    expect(app.endpoint()).toEqual({ url: kratos.url, source: 'environment' });
    await expect(readFile(path.join(userDataDir, 'settings.json'))).rejects.toThrow(/ENOENT/);
  });

  it('a switch whose setting cannot be saved changes nothing and closes the connection it opened', async () => {
    const kratos = await emulator();
    const other = await emulator();
    const { app, userDataDir } = await core();
    expect(await app.setEndpoint(kratos.url)).toMatchObject({ kind: 'ok' });
    // settings.json becomes a non-empty directory: the atomic rename onto it fails.
    const settingsFile = path.join(userDataDir, 'settings.json');
    await rm(settingsFile);
    await mkdir(path.join(settingsFile, 'in-the-way'), { recursive: true });

    const requests = other.stats.requests;
    expect(await app.setEndpoint(other.url)).toEqual({
      kind: 'error',
      message: 'Could not start using that endpoint; nothing was changed.',
    });
    expect(app.endpoint()).toEqual({ url: kratos.url, source: 'settings' });
    // The abandoned connection was probed once and is closed: revalidating asks only the endpoint in use.
    expect(other.stats.requests).toBeGreaterThan(requests);
    const probed = other.stats.requests;
    await app.retry();
    expect(other.stats.requests).toBe(probed);
  });

  it('says so when asked to switch to the endpoint already in use', async () => {
    const kratos = await emulator();
    const { app } = await core({ environmentUrl: kratos.url });
    expect(await app.setEndpoint(null)).toEqual({ kind: 'ok', message: `Already using ${kratos.url}.` });
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
      store: new MemorySecretStore(),
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

  describe('a start that meets hostile or broken answers still ends in a state the window can show', () => {
    const token = 'ory_st_KeptKeptKeptKeptKeptKeptKeptKept12';

    it.each([
      ['authenticated_at: 1e300', { authenticated_at: 1e300 }],
      ['an expires_at that is no date', { expires_at: '+999999-99-99T00:00:00Z' }],
      [
        'a completed_at that is a number',
        { authentication_methods: [{ method: 'password', completed_at: 8.64e16 }] },
      ],
    ])(
      'a session with %s is a malformed answer: unreachable with a human message, token kept',
      async (_name, times) => {
        const kratos = await startRecordingServer((_request, response) =>
          sendJson(response, 200, {
            id: 'session-1',
            active: true,
            identity: { id: 'identity-1' },
            ...times,
          }),
        );
        cleanups.push(() => kratos.close());
        const keychain = memoryKeychain();
        await keychain.store.set(kratos.url, token);
        const { app } = await core({ environmentUrl: kratos.url, keychain });
        expect(await app.getState()).toMatchObject({
          status: 'unreachable',
          message: expect.stringMatching(
            /did not answer like a Kratos server \(HTTP 200 without the expected fields\)/,
          ),
        });
        expect(await keychain.store.get(kratos.url)).toBe(token);
      },
    );

    it('a session check that throws is shown as a notice, not a rejected start; Retry checks again', async () => {
      const kratos = await emulator();
      let failures = 1;
      const keychain = memoryKeychain();
      const flaky: Keychain = {
        ...keychain,
        status() {
          if (failures-- > 0) throw new RangeError('Invalid time value');
          return keychain.status();
        },
      };
      const { app, log } = await core({ environmentUrl: kratos.url, keychain: flaky });
      expect(await app.getState()).toMatchObject({
        notice: {
          level: 'error',
          text: 'The app could not check your session because of an unexpected problem. Try again, or choose another server.',
        },
      });
      expect(log.lines.join('\n')).toMatch(/the session check failed.*RangeError: Invalid time value/);
      const retried = await app.retry();
      expect(retried).toMatchObject({ status: 'signed-out' });
      expect(retried.notice).toBeUndefined();
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

    async function openOnDrip(totalMs: number) {
      const drip = await startDrippingServer();
      cleanups.push(() => drip.close());
      const keychain = memoryKeychain();
      await keychain.store.set(drip.url, token);
      const app = await AppCore.open({
        userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-core-')),
        environmentUrl: drip.url,
        keychain,
        connect: (endpoint, chain, browser) =>
          connectEndpoint(endpoint, chain, {
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

    it('open() does not wait for the check; the check ends unreachable at the deadline with the token kept', async () => {
      const { app, drip, keychain } = await openOnDrip(500);
      // What the window shows first: the check in progress.
      expect(await app.getState()).toMatchObject({ status: 'checking' });
      await app.sessionChecked;
      expect(await app.getState()).toMatchObject({
        status: 'unreachable',
        message: `The Kratos server at ${drip.url} did not finish answering within 0.5 s.`,
      });
      expect(await keychain.store.get(drip.url)).toBe(token);
    });

    it('switching away while a check drips answers at once and destroys the old connection', async () => {
      const { app, drip, keychain } = await openOnDrip(60_000);
      const kratos = await emulator();
      await expect.poll(() => drip.open()).toBe(1);
      expect(await app.setEndpoint(kratos.url)).toEqual({ kind: 'ok', message: `Now using ${kratos.url}.` });
      await expect.poll(() => drip.open()).toBe(0);
      expect(await keychain.store.get(drip.url)).toBe(token);
    });

    // Issue 21: quitting waited up to a request's deadline (30 s) while a switch probed a dripping server.
    it('quitting while a switch probes a dripping server ends at once; the switch does not happen', async () => {
      const drip = await startDrippingServer();
      cleanups.push(() => drip.close());
      const kratos = await emulator();
      const app = await AppCore.open({
        userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-core-')),
        environmentUrl: kratos.url,
        keychain: memoryKeychain(),
        connect: (endpoint, chain, browser) =>
          connectEndpoint(endpoint, chain, {
            ...browser,
            timeouts: { headersMs: 60_000, bodyMs: 60_000, totalMs: 60_000 },
          }),
        openExternal: async () => undefined,
        confirmEndpoint: async () => true,
        log: createMemoryLogger(),
      });
      const switching = app.setEndpoint(drip.url);
      await expect.poll(() => drip.open()).toBe(1);
      await app.stop();
      expect(drip.open()).toBe(0);
      expect(await switching).toMatchObject({ kind: 'error' });
    });

    it('quitting while a check drips ends at once and destroys the connection', async () => {
      const { app, drip } = await openOnDrip(60_000);
      await expect.poll(() => drip.open()).toBe(1);
      await app.stop();
      expect(drip.open()).toBe(0);
    });
  });
});
