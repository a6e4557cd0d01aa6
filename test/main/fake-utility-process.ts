/**
 * Electron's `utilityProcess` for tests that replace the `electron` module: the app's emulator adapter
 * (main/emulator-process.ts) forks through it, and here a real Node child runs the emulator's entry instead
 * (emulator/process/child.ts under tsx, whatever built bundle path main asked for). It behaves as Electron
 * documents a UtilityProcess: `pid` once spawned, `spawn`, `message` and `exit` events, `postMessage`,
 * `kill`, and `stdout`/`stderr` with `stdio: 'pipe'`. `exit` is emitted once the output is read to the end.
 */
import { fork as forkNode } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

const emulatorEntry = fileURLToPath(new URL('../../emulator/process/child.ts', import.meta.url));

export interface UtilityFork {
  entry: string;
  args: string[];
  options: unknown;
  process: NodeBackedUtilityProcess;
}

export class NodeBackedUtilityProcess extends EventEmitter {
  pid: number | undefined;
  readonly stdout;
  readonly stderr;
  readonly #child;

  constructor(args: string[]) {
    super();
    this.#child = forkNode(emulatorEntry, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.stdout = this.#child.stdout;
    this.stderr = this.#child.stderr;
    this.#child.once('spawn', () => {
      this.pid = this.#child.pid;
      this.emit('spawn');
    });
    this.#child.on('message', (message) => this.emit('message', message));
    this.#child.on('close', (code) => this.emit('exit', code ?? 1));
  }

  postMessage(message: unknown): void {
    if (this.#child.connected) this.#child.send(message as never, () => undefined);
  }

  kill(): boolean {
    return this.#child.kill('SIGKILL');
  }
}

/** A `utilityProcess` module whose forks run the emulator in Node; `forks` records each call. */
export function nodeBackedUtilityProcess() {
  const forks: UtilityFork[] = [];
  return {
    forks,
    fork(entry: string, args: string[] = [], options: unknown = {}) {
      const process = new NodeBackedUtilityProcess(args);
      forks.push({ entry, args, options, process });
      return process;
    },
  };
}
