/**
 * A compromised renderer attacks main through the real preload (`window.kratos`) and the real IPC router:
 * form values whose names walk into `__proto__`, `constructor` or `prototype` are refused with a message,
 * nothing reaches `Object.prototype` (the emulator the values would go to expands dotted names), and a later
 * switch to a real https endpoint sends its stored token's connection to that endpoint only — a local
 * attacker socket receives nothing. And the page calling `setEndpoint` on its own (no dialog, no typing)
 * repoints nothing unless the person confirms main's own question. Real renderer and preload in Chromium,
 * the real main side in-process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { FlowResponse, IpcResult, KratosDesktopApi } from '../../shared/ipc-contract';
import { sendJson, startRecordingServer } from '../main/kratos/recording-server';
import { registerThroughApi } from './support/person';
import { e2eWorld } from './support/world';

const world = e2eWorld();
const polluted = ['socketPath', 'ca', 'x'] as const;

/** A listener that counts connections and hangs up: on a unix socket (the attacker) or on 127.0.0.1. */
async function countingListener(at: string | 0): Promise<{ server: Server; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) =>
    typeof at === 'string' ? server.listen(at, resolve) : server.listen(0, '127.0.0.1', resolve),
  );
  return { server, connections: () => connections };
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test('form values named __proto__.socketPath and the like are refused, and a later switch sends the token to its own endpoint only', async ({
  browser,
}) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-attacker-'));
  const attacker = await countingListener(path.join(dir, 'attacker.sock'));
  const real = await countingListener(0);
  try {
    const { open, watch } = await world.create(browser);
    const { main, app } = await open();
    // A token saved earlier for a real https endpoint (loopback here, so the test needs no network).
    const realUrl = `https://127.0.0.1:${(real.server.address() as AddressInfo).port}`;
    const token = 'ory_st_RealEndpointTokenRealEndpointToken';
    watch.addToken(token);
    await main.keychain.store.set(realUrl, token);

    const attackPath = path.join(dir, 'attacker.sock');
    const answers = await app.page.evaluate(async (socketPath) => {
      const kratos = (globalThis as unknown as { kratos: KratosDesktopApi }).kratos;
      const started = await kratos.startFlow({ kind: 'login' });
      if (!started.ok || started.value.kind !== 'flow') throw new Error('no login flow');
      const flowId = started.value.flow.id;
      const submit = (values: Record<string, unknown>) => kratos.submitFlow({ flowId, values });
      return Promise.all([
        submit({
          method: 'password',
          '__proto__.socketPath': socketPath,
          '__proto__.ca': '-----BEGIN CERTIFICATE-----\nattacker\n-----END CERTIFICATE-----',
        }),
        submit({ method: 'password', 'a.constructor.prototype.socketPath': socketPath }),
        submit({ method: 'password', traits: { 'constructor.prototype.x': 1 } }),
      ]);
    }, attackPath);

    for (const answer of answers as IpcResult<FlowResponse>[]) {
      expect.soft(answer).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload', message: expect.stringMatching(/forbidden key/) },
      });
    }
    for (const key of polluted) expect.soft(({} as Record<string, unknown>)[key]).toBeUndefined();

    // The endpoint switch that, with socketPath and ca planted, sent the token to the attacker's socket.
    // (The switch first checks the new server, so these are the check's requests.)
    const switched = await main.core.setEndpoint(realUrl);
    await expect.poll(() => real.connections() + attacker.connections()).toBeGreaterThan(0);
    expect(attacker.connections()).toBe(0);
    expect(real.connections()).toBeGreaterThan(0);
    // TLS to the stand-in fails: the app says it cannot reach the server, switches nothing, keeps the token.
    expect(switched).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/Cannot reach the Kratos server/),
    });
    expect(await main.keychain.store.get(realUrl)).toBe(token);
  } finally {
    for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
    await closeServer(attacker.server);
    await closeServer(real.server);
    await rm(dir, { recursive: true, force: true });
  }
});

test('a compromised page calling setEndpoint itself repoints nothing when the person answers main’s question with no', async ({
  browser,
}) => {
  // The attacker's server passes the Kratos check: only the person's answer stands between it and the app.
  const attacker = await startRecordingServer((request, response) =>
    request.url === '/health/alive'
      ? sendJson(response, 200, { status: 'ok' })
      : sendJson(response, 200, {
          id: '00000000-0000-4000-8000-00000000a77a',
          ui: { action: 'https://attacker.example/', method: 'POST', nodes: [] },
        }),
  );
  try {
    const created = await world.create(browser);
    const { open, server } = created;
    // The person is signed in to their real server.
    const token = await registerThroughApi(created.client, `repoint-${Date.now()}@example.com`);
    created.watch.addToken(token);
    await (await created.openKeychain()).store.set(server.url, token);
    const asked: string[] = [];
    const running = await open({ confirmEndpoint: async (url) => (asked.push(url), false) });
    await expect(running.app.page.getByTestId('nav/session')).toBeVisible();

    const answer = await running.app.page.evaluate(
      (url) => (globalThis as unknown as { kratos: KratosDesktopApi }).kratos.setEndpoint(url),
      attacker.url,
    );
    expect(answer).toEqual({
      ok: true,
      value: {
        kind: 'error',
        message: `You did not confirm ${attacker.url}, so the server was not changed.`,
      },
    });
    expect(asked).toEqual([attacker.url]);
    await expect(running.app.page.getByTestId('endpoint/toggle')).toHaveText(`Server: ${server.url}`);
    // Nothing reached the attacker but the anonymous check; no token, no session request.
    expect(attacker.requests.map((request) => request.url)).toEqual([
      '/health/alive',
      '/self-service/login/api',
    ]);
    expect(JSON.stringify(attacker.requests)).not.toContain(token);
    await expect(running.app.page.getByTestId('nav/session')).toBeVisible();

    // Nothing was saved either: the next start uses the server it used before.
    await created.quit(running);
    const restarted = await open();
    expect(restarted.main.core.endpoint()?.url).toBe(server.url);
    await expect(restarted.app.page.getByTestId('endpoint/toggle')).toHaveText(`Server: ${server.url}`);
    await expect(restarted.app.page.getByTestId('nav/session')).toBeVisible();
  } finally {
    await attacker.close();
  }
});
