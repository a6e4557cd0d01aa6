/**
 * The emulator in a process of its own under its supervisor (what `npm run emulator` and `npm start` run),
 * with real Node child processes running the bundle (dist/emulator/child.mjs, built here): the supervisor
 * holds the port and hands connections over, the ready handshake and its deadline, restart after a crash on
 * the same URL with the same data, giving up, no process left after stop — and the port never left for
 * another local process to take (issue 21 item 1: the squatter that received the session token).
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forkNodeEmulator } from '../../../emulator/process/fork-node';
import type { EmulatorChild } from '../../../emulator/process/protocol';
import {
  superviseEmulator,
  type SupervisedEmulator,
  type SupervisorEvent,
  type SupervisorOptions,
} from '../../../emulator/process/supervisor';
import { memoryKeychain } from '../../main/app/memory-keychain';
import { registerInApp, startAppCore } from '../../support/app-core';
import { call, register } from '../helpers';

const bundle = path.resolve('dist/emulator/child.mjs');
const forkBundle = () => forkNodeEmulator(bundle);
beforeAll(() => promisify(execFile)(process.execPath, ['scripts/build.mjs', 'emulator']), 60_000);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-supervised-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Events as they come, and a way to wait for the next one that matches. */
function eventLog() {
  const events: SupervisorEvent[] = [];
  const waiters: { match: (e: SupervisorEvent) => boolean; resolve: (e: SupervisorEvent) => void }[] = [];
  return {
    events,
    onEvent: (event: SupervisorEvent) => {
      events.push(event);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(event)) waiter.resolve(event);
        else waiters.push(waiter);
      }
    },
    next: (kind: SupervisorEvent['kind']) =>
      new Promise<SupervisorEvent>((resolve) => waiters.push({ match: (e) => e.kind === kind, resolve })),
  };
}

async function launch(
  options: Partial<SupervisorOptions> & { dataDir: string },
): Promise<SupervisedEmulator> {
  const emulator = await superviseEmulator({
    fork: forkBundle,
    port: 0,
    fallbackToFreePort: false,
    ...options,
  });
  cleanups.push(() => emulator.stop());
  return emulator;
}

/** Tries to listen on `port` as another local process would; the server when it got it. */
function tryToBind(port: number, onToken: (token: string) => void): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const squatter = createServer((req, res) => {
      const token = req.headers['x-session-token'];
      if (typeof token === 'string') onToken(token);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
    });
    squatter.once('error', () => resolve(undefined));
    squatter.listen(port, '127.0.0.1', () => resolve(squatter));
  });
}

describe('the supervised emulator process', () => {
  it('runs in its own process behind the port its supervisor holds', async () => {
    const emulator = await launch({ dataDir: await tempDir() });
    const pid = emulator.pid();
    expect(pid).toBeDefined();
    expect(pid).not.toBe(process.pid);
    expect(isRunning(pid!)).toBe(true);
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call('GET', `${emulator.url}/health/alive`)).status).toBe(200);
    // Kratos's answers carry the URL the supervisor listens on.
    const flow = await call('GET', `${emulator.url}/self-service/login/api`);
    expect(flow.body.ui.action).toMatch(new RegExp(`^${emulator.url}/self-service/login\\?flow=`));
  });

  it('uses a free port when the one asked for is taken and it may, and says so; refuses when it may not', async () => {
    const blocker = await tryToBind(0, () => undefined);
    cleanups.push(() => new Promise((resolve) => blocker!.close(resolve)));
    const taken = (blocker!.address() as { port: number }).port;
    const log = eventLog();
    const emulator = await launch({
      dataDir: await tempDir(),
      port: taken,
      fallbackToFreePort: true,
      onEvent: log.onEvent,
    });
    expect(emulator.url).not.toBe(`http://127.0.0.1:${taken}`);
    expect(log.events).toEqual([{ kind: 'port-taken', port: taken, url: emulator.url }]);
    await expect(launch({ dataDir: await tempDir(), port: taken })).rejects.toThrow(/EADDRINUSE/);
  });

  it('gives up on a process that never says it is ready, after the deadline, kills it and frees the port', async () => {
    let pid: number | undefined;
    const silent = (): EmulatorChild => {
      // A real process with an IPC channel that ignores every message.
      const child = fork('-e', ['setInterval(() => {}, 1000)'], {
        execPath: process.execPath,
        stdio: 'ignore',
      } as never);
      pid = child.pid;
      return {
        pid: child.pid,
        send: (message) => void child.send(message),
        handOver: (socket) => socket.destroy(),
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.on('close', (code) => listener(code, undefined)),
        kill: () => void child.kill('SIGKILL'),
      };
    };
    await expect(launch({ dataDir: await tempDir(), handshakeMs: 500, fork: silent })).rejects.toThrow(
      'the emulator did not say it was ready within 0.5 s',
    );
    await expect.poll(() => isRunning(pid!)).toBe(false);
  });

  it('says why it could not start (here: an unreadable data file)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'kratos-emulator.json'), '{ not json');
    await expect(launch({ dataDir: dir })).rejects.toThrow(/JSON/);
  });

  it('is restarted on the same URL with the same data after a crash', async () => {
    const log = eventLog();
    const emulator = await launch({ dataDir: await tempDir(), onEvent: log.onEvent });
    const { email, password } = await register(emulator.url);
    const firstPid = emulator.pid()!;

    const back = log.next('restarted');
    process.kill(firstPid, 'SIGKILL');
    await back;

    // (Registration also "mailed" a verification code: Kratos's verification hook.)
    expect(log.events.filter((e) => e.kind !== 'mail')).toEqual([
      { kind: 'crashed', reason: 'killed by SIGKILL', restarting: true },
      { kind: 'restarted', url: emulator.url },
    ]);
    expect(emulator.pid()).not.toBe(firstPid);
    expect(isRunning(firstPid)).toBe(false);
    const flow = await call('GET', `${emulator.url}/self-service/login/api`);
    const login = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password },
    });
    expect(login.status).toBe(200);
  });

  it('reports the emails it "sends" (printed by `npm run emulator` and `npm start`), checked on the way', async () => {
    const log = eventLog();
    const emulator = await launch({ dataDir: await tempDir(), onEvent: log.onEvent });
    const { email } = await register(emulator.url);
    const flow = await call('GET', `${emulator.url}/self-service/recovery/api`);
    const mail = log.next('mail');
    await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
    expect(await mail).toEqual({
      kind: 'mail',
      mail: {
        id: expect.any(String),
        to: email,
        subject: 'Recover access to your account',
        body: expect.stringMatching(/\d{6}/),
        code: expect.stringMatching(/^\d{6}$/),
        createdAt: expect.any(String),
      },
    });
  });

  it('after too many crashes stays down but keeps its port: connections are closed, nobody else can listen', async () => {
    const log = eventLog();
    const emulator = await launch({ dataDir: await tempDir(), onEvent: log.onEvent, maxRestarts: 1 });
    const firstPid = emulator.pid()!;
    const restarted = log.next('restarted');
    process.kill(firstPid, 'SIGKILL');
    await restarted;
    const gaveUp = log.next('gave-up');
    process.kill(emulator.pid()!, 'SIGKILL');
    expect(await gaveUp).toEqual({ kind: 'gave-up', reason: 'killed by SIGKILL' });
    expect(emulator.pid()).toBeUndefined();

    await expect(call('GET', `${emulator.url}/health/alive`)).rejects.toThrow();
    expect(await tryToBind(Number(new URL(emulator.url).port), () => undefined)).toBeUndefined();
  });

  it('leaves no process behind and frees its port when stopped', async () => {
    const emulator = await launch({ dataDir: await tempDir() });
    const pid = emulator.pid()!;
    await emulator.stop();
    expect(isRunning(pid)).toBe(false);
    const after = await tryToBind(Number(new URL(emulator.url).port), () => undefined);
    expect(after).toBeDefined();
    await new Promise((resolve) => after!.close(resolve));
  });
});

// Issue 21 item 1, the attack as reported: crash the emulator, take its port, let the app check its session.
describe('a local process that waits for the emulator to crash', () => {
  it('cannot take its port, so the app’s next session check never sends it the token', async () => {
    const emulator = await launch({ dataDir: await tempDir() });
    const keychain = memoryKeychain();
    const app = await startAppCore({ environmentUrl: emulator.url, keychain });
    cleanups.push(() => app.stop());
    await registerInApp(app, `squatted-${Date.now()}@example.com`, 'correct-Horse-battery-9');
    const token = await keychain.store.get(emulator.url);
    expect(token).toMatch(/^ory_st_/);

    // The crash (a hostile request or memory: issue 21 items 4 and 7), then the squatter binds at once, and
    // keeps trying while the supervisor restarts the emulator.
    const received: string[] = [];
    const port = Number(new URL(emulator.url).port);
    process.kill(emulator.pid()!, 'SIGKILL');
    let squatter: Server | undefined;
    for (let attempt = 0; attempt < 20 && squatter === undefined; attempt += 1) {
      squatter = await tryToBind(port, (t) => received.push(t));
      if (squatter === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (squatter) cleanups.push(() => new Promise((resolve) => squatter.close(resolve)));

    // Focus, Retry or the timer: the app checks its session again.
    await app.retry();
    await expect.poll(() => emulator.pid() !== undefined, { timeout: 10_000 }).toBe(true);
    await app.retry();

    expect(received).toEqual([]);
    expect(squatter).toBeUndefined();
    // The token was never dropped: the restarted emulator confirms it.
    expect(await keychain.store.get(emulator.url)).toBe(token);
    expect(await app.getState()).toMatchObject({ status: 'signed-in' });
  });
});
