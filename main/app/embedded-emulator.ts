/**
 * The out-of-the-box endpoint: the Kratos emulator, run in a process of its own (Electron's utilityProcess in
 * the app, a Node child in tests) when no Kratos URL is configured. It listens on 127.0.0.1 only and keeps its
 * identities and sessions under userData. Nothing it parses reaches the main process's heap, its file writes
 * never block the window's thread, and its crash is not the app's: it is restarted on the same port (a few
 * times) and, if it keeps crashing, the window says why.
 *
 * The port matters beyond reachability: tokens are stored per endpoint URL, so the same port on every start
 * is what lets a signed-in user stay signed in across restarts. It is Kratos's own default public port; if
 * something else holds it, a free port is used and the log says which (the user signs in again then).
 */
import type { EmulatorChild } from '../../emulator/process/protocol';
import { superviseEmulator, type SupervisorOptions } from '../../emulator/process/supervisor';
import type { Logger } from '../log';
import type { EmulatorEvent, RunningEmulator } from './core';
import { text } from '../strings';

const embeddedEmulatorPort = 4433;

export interface EmbeddedEmulatorOptions {
  /** utilityProcess.fork in the app (main/emulator-process.ts), forkNodeEmulator in tests. */
  fork: () => EmulatorChild;
  dataDir: string;
  log: Logger;
  report: (event: EmulatorEvent) => void;
  /** Tests: any free port, shorter deadlines. */
  tuning?: Partial<
    Pick<SupervisorOptions, 'port' | 'handshakeMs' | 'stopMs' | 'maxRestarts' | 'restartWindowMs'>
  >;
}

export interface EmbeddedEmulator extends RunningEmulator {
  /** The emulator's current process id (undefined while it is down). */
  pid(): number | undefined;
}

export async function startEmbeddedEmulator(options: EmbeddedEmulatorOptions): Promise<EmbeddedEmulator> {
  const { log, report } = options;
  const supervised = await superviseEmulator({
    fork: options.fork,
    dataDir: options.dataDir,
    port: embeddedEmulatorPort,
    fallbackToFreePort: true,
    ...options.tuning,
    onEvent: (event) => {
      switch (event.kind) {
        case 'port-taken':
          log.warn(`port ${event.port} is taken; the embedded emulator uses ${event.url} this time`);
          return;
        case 'mail':
          report({ kind: 'mail', mail: event.mail });
          return;
        case 'crashed':
          log.warn('the embedded emulator stopped unexpectedly', { reason: event.reason });
          if (event.restarting) {
            report({
              kind: 'notice',
              notice: { level: 'warning', text: text.app.emulatorRestarting },
            });
          }
          return;
        case 'restarted':
          log.info('the embedded emulator was restarted', { url: event.url });
          report({ kind: 'notice', notice: undefined });
          return;
        case 'gave-up':
          log.error('the embedded emulator keeps stopping; not restarted again', { reason: event.reason });
          report({
            kind: 'notice',
            notice: {
              level: 'error',
              text: text.app.emulatorGaveUp(event.reason),
            },
          });
      }
    },
  });
  return { url: supervised.url, stop: () => supervised.stop(), pid: () => supervised.pid() };
}
