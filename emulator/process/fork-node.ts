/**
 * Forks the emulator's process with Node's child_process. The entry is this folder's child.ts, run through
 * tsx, or, once built, the bundle beside this code (dist/emulator/child.mjs next to dist/emulator/cli.mjs).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { errorLineOf, type EmulatorChild } from './protocol';

const sourceEntry = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? './child.ts' : './child.mjs', import.meta.url),
);

export function forkNodeEmulator(entry = sourceEntry): EmulatorChild {
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString('utf8')).slice(-8192);
  });
  return {
    pid: child.pid,
    send: (message) => {
      // A child that just died may still look connected: the write then fails (EPIPE). With a callback that
      // failure is not thrown as an 'error' event; the death itself is reported by `onExit`.
      if (child.connected) child.send(message, () => undefined);
    },
    handOver: (socket) => {
      if (!child.connected) {
        socket.destroy();
        return;
      }
      // Without `keepOpen` the socket is closed here once it has been sent.
      child.send({ type: 'connection' }, socket, {}, (error) => error && socket.destroy());
    },
    onMessage: (listener) => child.on('message', listener),
    // 'close', not 'exit': by then stderr has been read to the end, so the reason is complete.
    onExit: (listener) =>
      child.on('close', (code, signal) =>
        listener(code, errorLineOf(stderr) ?? (signal ? `killed by ${signal}` : undefined)),
      ),
    kill: () => void child.kill('SIGKILL'),
  };
}
