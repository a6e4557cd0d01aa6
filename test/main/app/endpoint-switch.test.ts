/**
 * Switching the endpoint (main/app/endpoint-switch.ts), through AppCore.setEndpoint as the window does it:
 * the new server proves it is Kratos and the person says yes before anything is saved; a failed switch
 * changes nothing; tokens stay per endpoint; quitting ends a switch under way.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../../main/app/core';
import { buildConnection } from '../../../main/app/wiring';
import { createMemoryLogger } from '../../../main/log';
import { en } from '../../../main/strings/en';
import { registerInApp } from '../../support/app-core';
import { sendJson, startDrippingServer, startRecordingServer } from '../kratos/recording-server';
import { cleanUp, cleanups, core, emulator, openOnDrip, password } from './app-world';
import { memoryKeychain } from './memory-keychain';

afterEach(cleanUp);

describe('switching the endpoint', () => {
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
      connect: buildConnection,
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

  describe('a server that drips its answer cannot hold a switch', () => {
    const token = 'ory_st_DripDripDripDripDripDripDripDrip12';

    it('switching away while a check drips answers at once and destroys the old connection', async () => {
      const { app, drip, keychain } = await openOnDrip(60_000, token);
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
          buildConnection(endpoint, chain, {
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
  });
});
