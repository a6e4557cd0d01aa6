/**
 * main/emulator-process.ts, the Electron glue that forks the embedded emulator as a utility process, with the
 * `electron` module replaced: a recording fake shows the adapter's own rules (what it asks Electron for,
 * messages held until the process has spawned, the last error line reported with the exit, kill), and a
 * utility process played by a real Node child (fake-utility-process.ts) runs the real emulator under the
 * real supervisor, as the app does.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromEmulator } from '../../emulator/process/protocol';
import { superviseEmulator, type SupervisorEvent } from '../../emulator/process/supervisor';
import { forkUtilityEmulator } from '../../main/emulator-process';
import { call, register } from '../emulator/helpers';
import { nodeBackedUtilityProcess } from './fake-utility-process';

/** A UtilityProcess that records what the adapter does with it; the test plays the process. */
class RecordingUtilityProcess extends EventEmitter {
  pid: number | undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed++;
    return true;
  }
}

const electron = vi.hoisted(() => ({
  fork: undefined as unknown as (entry: string, args: string[], options: unknown) => unknown,
}));
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (entry: string, args: string[], options: unknown) => electron.fork(entry, args, options),
  },
}));

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

function recordingFork() {
  const forks: { entry: string; args: string[]; options: unknown; process: RecordingUtilityProcess }[] = [];
  electron.fork = (entry, args, options) => {
    const process = new RecordingUtilityProcess();
    forks.push({ entry, args, options, process });
    return process;
  };
  return forks;
}

describe('forkUtilityEmulator (the adapter)', () => {
  it('forks the entry as a utility process named "Kratos emulator", with its output piped', () => {
    const forks = recordingFork();
    forkUtilityEmulator('/app/resources/app.asar/dist/emulator/child.cjs');
    expect(forks.map(({ entry, args, options }) => ({ entry, args, options }))).toEqual([
      {
        entry: '/app/resources/app.asar/dist/emulator/child.cjs',
        args: [],
        options: { serviceName: 'Kratos emulator', stdio: 'pipe' },
      },
    ]);
  });

  it('holds messages sent before the process spawned and delivers them in order; later ones go at once', () => {
    const forks = recordingFork();
    const child = forkUtilityEmulator('child.cjs');
    const process = forks[0]!.process;
    const start = { type: 'start', port: 0, fallbackToFreePort: true, dataDir: '/tmp/x' } as const;
    child.send(start);
    child.send({ type: 'stop' });
    expect(process.posted).toEqual([]);
    expect(child.pid).toBeUndefined();

    process.pid = 4242;
    process.emit('spawn');
    expect(process.posted).toEqual([start, { type: 'stop' }]);
    expect(child.pid).toBe(4242);
    child.send({ type: 'stop' });
    expect(process.posted).toHaveLength(3);
  });

  it('passes on what the process says, and its exit with the last error line it printed', () => {
    const forks = recordingFork();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const child = forkUtilityEmulator('child.cjs');
    const utility = forks[0]!.process;
    const messages: unknown[] = [];
    const exits: [number | null, string | undefined][] = [];
    child.onMessage((message) => messages.push(message));
    child.onExit((code, detail) => exits.push([code, detail]));

    const listening: FromEmulator = { type: 'listening', url: 'http://127.0.0.1:4433', portWasTaken: false };
    utility.emit('message', listening);
    utility.stderr.write('    at Server.listen (node:net:1)\n');
    utility.stderr.write("Error: EACCES: permission denied, open '/data/kratos-emulator.json'\n");
    utility.emit('exit', 1);

    expect(messages).toEqual([listening]);
    expect(exits).toEqual([[1, "Error: EACCES: permission denied, open '/data/kratos-emulator.json'"]]);
  });

  it('kill() kills the utility process', () => {
    const forks = recordingFork();
    forkUtilityEmulator('child.cjs').kill();
    expect(forks[0]!.process.killed).toBe(1);
  });
});

describe('the real emulator in a utility process, under the supervisor', () => {
  it('starts, answers, reports the emails it sends, and leaves no process after stop', async () => {
    const utility = nodeBackedUtilityProcess();
    electron.fork = utility.fork;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-utility-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const events: SupervisorEvent[] = [];
    const emulator = await superviseEmulator({
      fork: () => forkUtilityEmulator('/app/dist/emulator/child.cjs'),
      dataDir,
      config: { bcryptCost: 4 },
      port: 0,
      fallbackToFreePort: false,
      onEvent: (event) => events.push(event),
    });
    cleanups.push(() => emulator.stop());
    expect(utility.forks).toHaveLength(1);
    const pid = emulator.pid()!;
    expect(pid).toBe(utility.forks[0]!.process.pid);

    expect((await call('GET', `${emulator.url}/health/alive`)).body).toEqual({ status: 'ok' });
    const { email } = await register(emulator.url);
    const flow = await call('GET', `${emulator.url}/self-service/verification/api`);
    await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
    await vi.waitFor(() =>
      expect(events).toContainEqual({
        kind: 'mail',
        mail: expect.objectContaining({ to: email, code: expect.stringMatching(/^\d{6}$/) }),
      }),
    );

    await emulator.stop();
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow());
  });
});
