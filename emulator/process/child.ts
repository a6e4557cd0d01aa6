/**
 * Entry point of the emulator's own process (dist/emulator/child.cjs in the app, this file under tsx in Node).
 * Started by the supervisor, it waits for `start`, serves, reports its URL and every "sent" email, and on
 * `stop` (or when its parent goes away) flushes its data file and exits. A rejection nobody handles is logged
 * (last-resort.ts); an exception it cannot handle ends the process: the supervisor notices and restarts it.
 */
import { start, type RunningEmulator, type StartOptions } from '../index';
import type { FromEmulator, ToEmulator } from './protocol';
import { errorText } from '../../shared/error-text';
import { logUnhandledRejections } from './last-resort';

logUnhandledRejections();

interface Channel {
  send(message: FromEmulator): void;
  onMessage(listener: (message: ToEmulator) => void): void;
}

/** Electron's utility process gets `process.parentPort`; a Node child started with an IPC channel gets `process.send`. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentChannel(): Channel {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToEmulator)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) {
    throw new Error('The emulator process needs a parent: run `npm run emulator` or start the app.');
  }
  process.on('disconnect', () => void shutdown());
  return {
    send: (message) => send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as ToEmulator)),
  };
}

const channel = parentChannel();
let running: RunningEmulator | undefined;
let stopping = false;

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running?.stop();
  process.exit(0);
}

async function listen(message: Extract<ToEmulator, { type: 'start' }>): Promise<void> {
  const options: StartOptions = {
    dataDir: message.dataDir,
    config: message.config,
    onMail: ({ id, to, subject, body, code, createdAt }) =>
      channel.send({ type: 'mail', mail: { id, to, subject, body, code, createdAt } }),
  };
  let portWasTaken = false;
  try {
    running = await start({ ...options, port: message.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !message.fallbackToFreePort) throw error;
    portWasTaken = true;
    running = await start({ ...options, port: 0 });
  }
  channel.send({ type: 'listening', url: running.url, portWasTaken });
}

channel.onMessage((message) => {
  if (message?.type === 'stop') {
    void shutdown();
  } else if (message?.type === 'start' && running === undefined) {
    listen(message).catch((error: unknown) => {
      channel.send({ type: 'failed', reason: errorText(error) });
      process.exit(1);
    });
  }
});
process.on('SIGTERM', () => void shutdown());
// Ctrl-C in a terminal reaches the whole process group: the parent decides, and sends `stop`.
process.on('SIGINT', () => undefined);
