/**
 * Test-side handle on test/keychain/os-keychain-child.ts: start the real OsKeychain in a new process with a chosen
 * environment (which D-Bus, which HOME) and talk to it.
 */
import type { KeychainView } from '../../shared/ipc-contract';
import type { KeychainProblem } from '../../main/keychain/keychain-problem';
import { startChildScript } from './child-script';

interface StatusAnswer {
  status: KeychainView;
  problem: KeychainProblem | null;
}

export interface OsKeychainProcess {
  /** The status right after OsKeychain.open() in the child. */
  opened: StatusAnswer;
  /** Status changes the child's OsKeychain pushed. */
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
export async function startOsKeychainProcess(
  env: NodeJS.ProcessEnv,
  appDataDir: string,
): Promise<OsKeychainProcess> {
  const child = await startChildScript(new URL('./os-keychain-child.ts', import.meta.url), {
    env,
    cwd: appDataDir,
  });

  const changes: KeychainView[] = [];
  type Answer = Record<string, unknown>;
  // The child answers requests in order, so answers are matched to requests by position.
  const waiting: { resolve: (answer: Answer) => void; reject: (error: Error) => void }[] = [];
  child.onMessage((message) => {
    if ('change' in message) changes.push(message.change as KeychainView);
    else waiting.shift()?.resolve(message);
  });
  child.onExit((error) => {
    for (const { reject } of waiting.splice(0)) reject(error);
  });

  const next = () => new Promise<Answer>((resolve, reject) => waiting.push({ resolve, reject }));
  const request = (body: object) => {
    const answer = next();
    child.send(body);
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
    close: child.stop,
  };
}
