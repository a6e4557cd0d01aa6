/**
 * Electron glue: forks the embedded emulator (dist/emulator/child.cjs) as a utility process. A utility
 * process, not child_process.fork: the `runAsNode` fuse is off, so the app's binary cannot run as plain Node,
 * and a utility process is Electron's sanctioned Node child. Its stderr is kept to say why it stopped.
 */
import { utilityProcess } from 'electron';
import { errorLineOf, type EmulatorChild, type ToEmulator } from '../emulator/process/protocol';
import { text } from './strings';

export function forkUtilityEmulator(entry: string): EmulatorChild {
  const child = utilityProcess.fork(entry, [], { serviceName: text.app.emulatorProcess, stdio: 'pipe' });
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString('utf8')).slice(-8192);
  });
  // Messages sent before the process exists are held until it has spawned.
  let queue: ToEmulator[] | undefined = [];
  child.once('spawn', () => {
    for (const message of queue ?? []) child.postMessage(message);
    queue = undefined;
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => (queue ? queue.push(message) : child.postMessage(message)),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code, errorLineOf(stderr))),
    kill: () => void child.kill(),
  };
}
