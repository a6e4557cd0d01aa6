/**
 * Entry point of the emulator's own process (dist/emulator/child.mjs, or this file under tsx). Started by the
 * supervisor, it waits for `start`, serves the connections the supervisor hands over (the supervisor holds
 * the port), reports every "sent" email, and on `stop` (or when its parent goes away) flushes its data file
 * and exits. A rejection nobody handles is logged (last-resort.ts); an exception it cannot handle ends the
 * process: the supervisor notices and restarts it.
 */
import type { Socket } from 'node:net';
import { start, type RunningEmulator } from '../index';
import type { FromEmulator, ToEmulator } from './protocol';
import { errorText } from '../../shared/error-text';
import { logUnhandledRejections } from './last-resort';

logUnhandledRejections();

const send = process.send?.bind(process);
if (!send) {
  throw new Error('The emulator process needs a parent: run `npm run emulator` or `npm start`.');
}
const tell = (message: FromEmulator) => send(message);

let running: RunningEmulator | undefined;
let stopping = false;

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running?.stop();
  process.exit(0);
}

async function serve(message: Extract<ToEmulator, { type: 'start' }>): Promise<void> {
  running = await start({
    handedFrom: message.url,
    dataDir: message.dataDir,
    config: message.config,
    onMail: ({ id, to, subject, body, code, createdAt }) =>
      tell({ type: 'mail', mail: { id, to, subject, body, code, createdAt } }),
  });
  tell({ type: 'ready' });
}

let starting: Promise<void> | undefined;
process.on('message', (message: ToEmulator | undefined, handle: unknown) => {
  if (message?.type === 'stop') {
    void shutdown();
  } else if (message?.type === 'start' && starting === undefined) {
    starting = serve(message).catch((error: unknown) => {
      tell({ type: 'failed', reason: errorText(error) });
      process.exit(1);
    });
  } else if (message?.type === 'connection' && handle !== undefined) {
    const socket = handle as Socket;
    // The supervisor hands connections over only once `ready` was said; anything else is closed.
    if (running === undefined || stopping) socket.destroy();
    else running.accept(socket);
  }
});
process.on('disconnect', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
// Ctrl-C in a terminal reaches the whole process group: the parent decides, and sends `stop`.
process.on('SIGINT', () => undefined);
