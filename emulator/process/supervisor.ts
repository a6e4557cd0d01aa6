/**
 * Runs the emulator in a process of its own and keeps it running: forks it, waits (with a deadline) for the
 * port it listens on, restarts it on the same port when it crashes (a bounded number of times), and stops it.
 * Plain Node: the fork function is Electron's utilityProcess in the app and child_process in tests and
 * `npm run emulator`. What the child says is validated (protocol.ts) before it is believed.
 */
import { readFromEmulator, type DemoMail, type EmulatorChild, type ToEmulator } from './protocol';
import { errorText } from '../../shared/error-text';

export type SupervisorEvent =
  /** The preferred port was taken; the emulator listens on `url` instead (first start only). */
  | { kind: 'port-taken'; port: number; url: string }
  /** The process stopped on its own; `restarting` says whether another attempt is made. */
  | { kind: 'crashed'; reason: string; restarting: boolean }
  /** Serving again at the same URL after a crash. */
  | { kind: 'restarted'; url: string }
  /** Crashed more often than the bound allows: not restarted again. */
  | { kind: 'gave-up'; reason: string }
  | { kind: 'mail'; mail: DemoMail };

export interface SupervisorOptions {
  fork: () => EmulatorChild;
  dataDir: string;
  /** Preferred port (0: any free port). */
  port: number;
  /** On the first start, use a free port when `port` is taken. */
  fallbackToFreePort: boolean;
  onEvent?: (event: SupervisorEvent) => void;
  /** Deadline for the child to report its port. */
  handshakeMs?: number;
  /** Deadline for a graceful stop (data file flushed) before the process is killed. */
  stopMs?: number;
  /** At most this many restarts within `restartWindowMs`; one more crash and it stays down. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

export interface SupervisedEmulator {
  /** Stays the same across restarts: tokens are stored per endpoint URL. */
  readonly url: string;
  /** The current process id (undefined while down). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

const DEFAULTS = { handshakeMs: 10_000, stopMs: 5_000, maxRestarts: 3, restartWindowMs: 60_000 };

interface Started {
  child: EmulatorChild;
  url: string;
  portWasTaken: boolean;
  /** Resolves when the process has exited, with why. */
  exited: Promise<string>;
}

/** Forks one emulator process and waits for it to listen; rejects (the process killed) when it cannot. */
function forkAndListen(options: SupervisorOptions, start: ToEmulator & { type: 'start' }): Promise<Started> {
  const handshakeMs = options.handshakeMs ?? DEFAULTS.handshakeMs;
  const child = options.fork();
  let announce: (reason: string) => void = () => undefined;
  const exited = new Promise<string>((resolve) => (announce = resolve));
  child.onExit((code, detail) => announce(detail ?? `exit code ${code ?? 'unknown'}`));

  return new Promise<Started>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      child.kill();
      reject(new Error(reason));
    };
    const deadline = setTimeout(
      () => fail(`the emulator did not report its port within ${handshakeMs / 1000} s`),
      handshakeMs,
    );
    void exited.then((reason) => fail(`the emulator stopped while starting: ${reason}`));
    child.onMessage((raw) => {
      const message = readFromEmulator(raw);
      if (message?.type === 'mail') options.onEvent?.({ kind: 'mail', mail: message.mail });
      else if (message?.type === 'failed') fail(message.reason);
      else if (message?.type === 'listening' && !settled) {
        settled = true;
        clearTimeout(deadline);
        resolve({ child, url: message.url, portWasTaken: message.portWasTaken, exited });
      }
    });
    child.send(start);
  });
}

export async function superviseEmulator(options: SupervisorOptions): Promise<SupervisedEmulator> {
  const { stopMs, maxRestarts, restartWindowMs } = { ...DEFAULTS, ...options };
  const emit = (event: SupervisorEvent) => options.onEvent?.(event);
  const first = await forkAndListen(options, {
    type: 'start',
    port: options.port,
    fallbackToFreePort: options.fallbackToFreePort,
    dataDir: options.dataDir,
  });
  const url = first.url;
  if (first.portWasTaken) emit({ kind: 'port-taken', port: options.port, url });
  const port = Number(new URL(url).port);

  let current: Started | undefined = first;
  let stopping = false;
  const crashes: number[] = [];

  const watch = (started: Started) => {
    void started.exited.then((reason) => {
      if (stopping || current !== started) return;
      current = undefined;
      void recover(reason);
    });
  };

  /** Restart on the same port until it listens again or the bound is reached. */
  const recover = async (reason: string): Promise<void> => {
    for (;;) {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! <= now - restartWindowMs) crashes.shift();
      const restarting = crashes.length <= maxRestarts;
      emit({ kind: 'crashed', reason, restarting });
      if (!restarting) {
        emit({ kind: 'gave-up', reason });
        return;
      }
      try {
        const started = await forkAndListen(options, {
          type: 'start',
          port,
          fallbackToFreePort: false,
          dataDir: options.dataDir,
        });
        if (stopping) {
          started.child.send({ type: 'stop' });
          return;
        }
        current = started;
        watch(started);
        emit({ kind: 'restarted', url });
        return;
      } catch (error) {
        if (stopping) return;
        reason = errorText(error);
      }
    }
  };

  watch(first);

  return {
    url,
    pid: () => current?.child.pid,
    stop: async () => {
      stopping = true;
      const running = current;
      current = undefined;
      if (!running) return;
      running.child.send({ type: 'stop' });
      const killTimer = setTimeout(() => running.child.kill(), stopMs);
      await running.exited;
      clearTimeout(killTimer);
    },
  };
}
