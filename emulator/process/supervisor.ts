/**
 * Runs the emulator in a process of its own and keeps it running. The supervisor itself holds the port: it
 * accepts each connection (paused, reading nothing) and hands it to the emulator's process, which parses and
 * answers it. So when that process crashes (a hostile request, memory), the port is not freed: no other
 * local process can take it and receive the session token the app sends with its next check (issue 21,
 * docs/adr/0014). Connections that arrive while the emulator is down are closed (the client sees a network
 * fault and keeps its token). It restarts the process (a bounded number of times) and stops it; after giving
 * up it keeps the port until it is stopped.
 *
 * Plain Node, no Electron: `npm run emulator`, `npm start` (through dist/emulator/cli.mjs) and the tests run
 * it. What the child says is validated (protocol.ts) before it is believed.
 */
import { createServer, type Server } from 'node:net';
import type { EmulatorConfig } from '../config';
import { readFromEmulator, type EmulatorChild, type SentMail, type ToEmulator } from './protocol';
import { errorText } from '../../shared/error-text';

export type SupervisorEvent =
  /** The preferred port was taken; the emulator listens on `url` instead. */
  | { kind: 'port-taken'; port: number; url: string }
  /** The process stopped on its own; `restarting` says whether another attempt is made. */
  | { kind: 'crashed'; reason: string; restarting: boolean }
  /** Serving again at the same URL after a crash. */
  | { kind: 'restarted'; url: string }
  /** Crashed more often than the bound allows: not restarted again (the port stays held). */
  | { kind: 'gave-up'; reason: string }
  | { kind: 'mail'; mail: SentMail };

export interface SupervisorOptions {
  fork: () => EmulatorChild;
  dataDir: string;
  /** Settings over the emulator's defaults, sent with every start. */
  config?: Partial<EmulatorConfig>;
  /** Preferred port (0: any free port). */
  port: number;
  /** Use a free port when `port` is taken. */
  fallbackToFreePort: boolean;
  onEvent?: (event: SupervisorEvent) => void;
  /** Deadline for the child to say it is ready. */
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
  /** Resolves when the process has exited, with why. */
  exited: Promise<string>;
}

/** Listens on 127.0.0.1:`port` (or a free port when allowed and it is taken), reading nothing itself. */
async function holdPort(
  port: number,
  fallbackToFreePort: boolean,
): Promise<{ server: Server; taken: boolean }> {
  const listen = (wanted: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer({ pauseOnConnect: true });
      server.once('error', reject);
      server.listen(wanted, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  try {
    return { server: await listen(port), taken: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !fallbackToFreePort) throw error;
    return { server: await listen(0), taken: true };
  }
}

/** Forks one emulator process and waits until it is ready; rejects (the process killed) when it is not. */
function forkAndStart(options: SupervisorOptions, start: ToEmulator & { type: 'start' }): Promise<Started> {
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
      () => fail(`the emulator did not say it was ready within ${handshakeMs / 1000} s`),
      handshakeMs,
    );
    void exited.then((reason) => fail(`the emulator stopped while starting: ${reason}`));
    child.onMessage((raw) => {
      const message = readFromEmulator(raw);
      if (message?.type === 'mail') options.onEvent?.({ kind: 'mail', mail: message.mail });
      else if (message?.type === 'failed') fail(message.reason);
      else if (message?.type === 'ready' && !settled) {
        settled = true;
        clearTimeout(deadline);
        resolve({ child, exited });
      }
    });
    child.send(start);
  });
}

export async function superviseEmulator(options: SupervisorOptions): Promise<SupervisedEmulator> {
  const { stopMs, maxRestarts, restartWindowMs } = { ...DEFAULTS, ...options };
  const emit = (event: SupervisorEvent) => options.onEvent?.(event);
  const held = await holdPort(options.port, options.fallbackToFreePort);
  const { port } = held.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const start = { type: 'start', url, dataDir: options.dataDir, config: options.config } as const;

  let current: Started | undefined;
  let stopping = false;
  // Only a ready process gets connections; while there is none, a connection is closed at once.
  held.server.on('connection', (socket) => (current ? current.child.handOver(socket) : socket.destroy()));
  const release = () => new Promise<void>((resolve) => held.server.close(() => resolve()));

  try {
    current = await forkAndStart(options, start);
  } catch (error) {
    await release();
    throw error;
  }
  if (held.taken) emit({ kind: 'port-taken', port: options.port, url });
  const crashes: number[] = [];

  const watch = (started: Started) => {
    void started.exited.then((reason) => {
      if (stopping || current !== started) return;
      current = undefined;
      void recover(reason);
    });
  };

  /** Restart until it is ready again or the bound is reached. */
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
        const started = await forkAndStart(options, start);
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

  watch(current);

  return {
    url,
    pid: () => current?.child.pid,
    stop: async () => {
      stopping = true;
      const running = current;
      current = undefined;
      const released = release();
      if (running) {
        running.child.send({ type: 'stop' });
        const killTimer = setTimeout(() => running.child.kill(), stopMs);
        await running.exited;
        clearTimeout(killTimer);
      }
      await released;
    },
  };
}
