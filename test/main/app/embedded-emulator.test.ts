/**
 * The embedded emulator in a process of its own, with real Node child processes running the bundle the app
 * ships (dist/emulator/child.cjs, built here; the app forks it as an Electron utility process): the port
 * handshake and its deadline, restart after a crash on the same URL with the same data, a visible error when
 * it keeps crashing, and no process left after quit.
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forkNodeEmulator } from '../../../emulator/process/fork-node';
import type { EmulatorChild } from '../../../emulator/process/protocol';
import { type EmulatorEvent } from '../../../main/app/core';
import { startEmbeddedEmulator, type EmbeddedEmulator } from '../../../main/app/embedded-emulator';
import { createMemoryLogger } from '../../../main/log';
import { call, register } from '../../emulator/helpers';
import { startAppCore } from '../../support/app-core';

const bundle = path.resolve('dist/emulator/child.cjs');
const forkBundle = () => forkNodeEmulator(bundle);
beforeAll(() => promisify(execFile)(process.execPath, ['scripts/build.mjs', 'emulator']), 60_000);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-embedded-'));
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
  const events: EmulatorEvent[] = [];
  const waiters: { match: (e: EmulatorEvent) => boolean; resolve: (e: EmulatorEvent) => void }[] = [];
  return {
    events,
    report: (event: EmulatorEvent) => {
      events.push(event);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(event)) waiter.resolve(event);
        else waiters.push(waiter);
      }
    },
    next: (match: (e: EmulatorEvent) => boolean) =>
      new Promise<EmulatorEvent>((resolve) => waiters.push({ match, resolve })),
  };
}

const restarted = (e: EmulatorEvent) => e.kind === 'notice' && e.notice === undefined;

async function launch(
  dataDir: string,
  report: (event: EmulatorEvent) => void,
  tuning: Parameters<typeof startEmbeddedEmulator>[0]['tuning'] = {},
  forkChild: () => EmulatorChild = forkBundle,
): Promise<EmbeddedEmulator> {
  const emulator = await startEmbeddedEmulator({
    fork: forkChild,
    dataDir,
    log: createMemoryLogger(),
    report,
    tuning: { port: 0, ...tuning },
  });
  cleanups.push(() => emulator.stop());
  return emulator;
}

describe('the embedded emulator process', () => {
  it('runs in its own process and reports the port it listens on', async () => {
    const emulator = await launch(await tempDir(), () => undefined);
    const pid = emulator.pid();
    expect(pid).toBeDefined();
    expect(pid).not.toBe(process.pid);
    expect(isRunning(pid!)).toBe(true);
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call('GET', `${emulator.url}/health/alive`)).status).toBe(200);
  });

  it('gives up on a process that never reports its port, after the deadline, and kills it', async () => {
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
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.on('close', (code) => listener(code, undefined)),
        kill: () => void child.kill('SIGKILL'),
      };
    };
    await expect(launch(await tempDir(), () => undefined, { handshakeMs: 500 }, silent)).rejects.toThrow(
      'the emulator did not report its port within 0.5 s',
    );
    await expect.poll(() => isRunning(pid!)).toBe(false);
  });

  it('says why it could not start (here: an unreadable data file)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'kratos-emulator.json'), '{ not json');
    await expect(launch(dir, () => undefined)).rejects.toThrow(/JSON/);
  });

  it('is restarted on the same URL with the same data after a crash', async () => {
    const log = eventLog();
    const emulator = await launch(await tempDir(), log.report);
    const { email, password } = await register(emulator.url);
    const firstPid = emulator.pid()!;

    const back = log.next(restarted);
    process.kill(firstPid, 'SIGKILL');
    await back;

    // (Registration also "mailed" a verification code: Kratos's verification hook.)
    expect(log.events.filter((e) => e.kind !== 'mail')).toEqual([
      { kind: 'notice', notice: { level: 'warning', text: expect.stringMatching(/restarting/) } },
      { kind: 'notice', notice: undefined },
    ]);
    expect(emulator.pid()).not.toBe(firstPid);
    expect(isRunning(firstPid)).toBe(false);
    const flow = await call('GET', `${emulator.url}/self-service/login/api`);
    const login = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password },
    });
    expect(login.status).toBe(200);
  });

  it('forwards the emails it "sends" to the app (the demo inbox), checked on the way', async () => {
    const log = eventLog();
    const emulator = await launch(await tempDir(), log.report);
    const { email } = await register(emulator.url);
    const mail = log.next((e) => e.kind === 'mail');
    const flow = await call('GET', `${emulator.url}/self-service/recovery/api`);
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
});

describe('the app with its embedded emulator process', () => {
  async function appOnEmbeddedEmulator(tuning: Parameters<typeof startEmbeddedEmulator>[0]['tuning']) {
    const userDataDir = await tempDir();
    let emulator: EmbeddedEmulator | undefined;
    const app = await startAppCore({
      userDataDir,
      environmentUrl: undefined,
      startEmulator: async ({ dataDir, report }) =>
        (emulator = await startEmbeddedEmulator({
          fork: forkBundle,
          dataDir,
          log: createMemoryLogger(),
          report,
          tuning: { port: 0, ...tuning },
        })),
    });
    cleanups.push(() => app.stop());
    return { app, emulator: emulator! };
  }

  it('shows why in the window when the emulator keeps crashing, and stops restarting it', async () => {
    const { app, emulator } = await appOnEmbeddedEmulator({ maxRestarts: 1 });
    const states: unknown[] = [];
    const down = new Promise<void>((resolve) =>
      app.onState((view) => {
        states.push(view);
        if (view.notice?.level === 'error') resolve();
      }),
    );
    const firstPid = emulator.pid()!;
    process.kill(firstPid, 'SIGKILL');
    await expect
      .poll(() => emulator.pid() !== undefined && emulator.pid() !== firstPid, { timeout: 30_000 })
      .toBe(true);
    process.kill(emulator.pid()!, 'SIGKILL');
    await down;

    expect(await app.getState()).toMatchObject({
      endpoint: { source: 'emulator' },
      notice: {
        level: 'error',
        text: 'The local emulator keeps stopping (killed by SIGKILL), so it was not restarted again. Quit and reopen the app, or choose another server.',
      },
    });
    expect(emulator.pid()).toBeUndefined();
  });

  it('leaves no emulator process behind when the app quits', async () => {
    const { app, emulator } = await appOnEmbeddedEmulator({});
    const pid = emulator.pid()!;
    expect(isRunning(pid)).toBe(true);
    await app.stop();
    expect(isRunning(pid)).toBe(false);
  });
});
