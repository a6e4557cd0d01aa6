/**
 * Test-side handle on test/keychain/vault-child.ts: start the real Vault in a new process with a chosen
 * environment (which D-Bus, which HOME) and talk to it.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { KeychainView } from '../../preload/contract';
import type { KeychainProblem } from '../../main/vault/keychain-problem';

const childScript = new URL('./vault-child.ts', import.meta.url).pathname;
// Absolute, because the child runs in its own (empty) app data directory where `tsx` cannot be resolved.
const tsxLoader = import.meta.resolve('tsx');

export interface StatusAnswer {
  status: KeychainView;
  problem: KeychainProblem | null;
}

export interface VaultProcess {
  /** The status right after Vault.open() in the child. */
  opened: StatusAnswer;
  /** Status changes the child's Vault pushed. */
  changes: KeychainView[];
  status(): Promise<StatusAnswer>;
  retry(): Promise<StatusAnswer>;
  set(key: string, secret: string): Promise<void>;
  get(key: string): Promise<string | null>;
  delete(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * `appDataDir` becomes the child's working directory (the stand-in for Electron's userData), so a stray
 * relative write would land there — and the leak scan covers it.
 */
export async function startVaultProcess(env: NodeJS.ProcessEnv, appDataDir: string): Promise<VaultProcess> {
  await mkdir(appDataDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', tsxLoader, childScript], {
    env,
    cwd: appDataDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const changes: KeychainView[] = [];
  type Answer = Record<string, unknown>;
  const waiting: { resolve: (answer: Answer) => void; reject: (error: Error) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as Answer;
    if ('change' in message) changes.push(message.change as KeychainView);
    else waiting.shift()?.resolve(message);
  });
  child.once('exit', (code) => {
    for (const { reject } of waiting.splice(0)) reject(new Error(`vault child exited (${code}): ${stderr}`));
  });

  const next = () => new Promise<Answer>((resolve, reject) => waiting.push({ resolve, reject }));
  const request = (body: object) => {
    const answer = next();
    child.stdin!.write(`${JSON.stringify(body)}\n`);
    return answer;
  };

  const opened = (await next()) as unknown as StatusAnswer;
  return {
    opened,
    changes,
    status: async () => (await request({ op: 'status' })) as unknown as StatusAnswer,
    retry: async () => (await request({ op: 'retry' })) as unknown as StatusAnswer,
    set: async (key, secret) => void (await request({ op: 'set', key, secret })),
    get: async (key) => (await request({ op: 'get', key })).value as string | null,
    delete: async (key) => (await request({ op: 'delete', key })).deleted as boolean,
    close: () => close(child),
  };
}

async function close(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
