/**
 * Runs a TypeScript script of the keychain tests in a process of its own, talking one JSON object per line
 * over stdin/stdout. The keychain tests need fresh processes because libsecret keeps one D-Bus connection
 * per process: every D-Bus setup, and every app "start", gets a new one with exactly its environment.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';

// Absolute, because the child runs in an app data directory, where `tsx` cannot be resolved.
const tsxLoader = import.meta.resolve('tsx');

export interface ChildScript {
  /** Call with every JSON object the child writes on stdout. */
  onMessage(listener: (message: Record<string, unknown>) => void): void;
  /** Call once when the child exits, with an error that says how (and what it wrote on stderr). */
  onExit(listener: (error: Error) => void): void;
  /** Write one JSON object to the child's stdin. */
  send(message: object): void;
  /** Close its stdin (the child ends itself then) and wait for it to exit; SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/**
 * `cwd` (created if missing) is the stand-in for Electron's userData, so a stray relative write by the
 * child lands where the tests' leak scans look.
 */
export async function startChildScript(
  script: URL,
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<ChildScript> {
  await mkdir(options.cwd, { recursive: true });
  const child = spawn(process.execPath, ['--import', tsxLoader, script.pathname], {
    env: options.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  return {
    onMessage: (listener) =>
      void lines.on('line', (line) => listener(JSON.parse(line) as Record<string, unknown>)),
    onExit: (listener) =>
      void child.once('exit', (code) =>
        listener(new Error(`${script.pathname} exited (${code}): ${stderr}`)),
      ),
    send: (message) => void child.stdin!.write(`${JSON.stringify(message)}\n`),
    stop: () => stop(child),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
