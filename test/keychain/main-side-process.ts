/**
 * Test-side handle on test/keychain/main-side-child.ts: start the app's main side in a new process with a
 * chosen environment (which D-Bus, which HOME), let a harness window talk to it, ask it what it holds.
 */
import type { KeychainView } from '../../shared/ipc-contract';
import type { KeychainProblem } from '../../main/keychain/keychain-problem';
import type { AppHarness, IpcHandler } from '../e2e/harness';
import { startChildScript } from './child-script';

export interface MainSideProcess {
  /** Pass as `openApp(browser, { handle })`. */
  handle: IpcHandler;
  /** Forward the child's state pushes to this window. */
  attach(app: Pick<AppHarness, 'send'>): void;
  /** The OsKeychain's status (what the keychain banner shows) and its typed reason. */
  keychain(): Promise<{ status: KeychainView; problem: KeychainProblem | null }>;
  /** The token stored for the endpoint (to search for it afterwards). */
  token(): Promise<string | null>;
  /** Every line the main logger wrote. */
  logLines(): Promise<string[]>;
  /** Quit: the main side stops and the process exits. */
  stop(): Promise<void>;
}

/** `userDataDir` is also the child's working directory, so a stray relative write lands where it is scanned. */
export async function startMainSideProcess(options: {
  env: NodeJS.ProcessEnv;
  kratosUrl: string;
  userDataDir: string;
}): Promise<MainSideProcess> {
  const child = await startChildScript(new URL('./main-side-child.ts', import.meta.url), {
    env: {
      ...options.env,
      KRATOS_E2E_KRATOS_URL: options.kratosUrl,
      KRATOS_E2E_USER_DATA: options.userDataDir,
    },
    cwd: options.userDataDir,
  });

  type Message = {
    ready?: true;
    push?: string;
    payload?: unknown;
    id?: number;
    value?: unknown;
    error?: string;
  };
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let window: Pick<AppHarness, 'send'> | undefined;
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.onMessage((message: Message) => {
      if (message.ready) resolve();
      else if (message.push !== undefined)
        void window?.send(message.push, message.payload).catch(() => undefined);
      else if (message.id !== undefined) {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.value);
      }
    });
    child.onExit((error) => {
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  });
  await ready;

  const request = (body: object) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...body });
    });

  return {
    handle: (channel, args, senderUrl) => request({ op: 'invoke', channel, args, senderUrl }),
    attach(app) {
      window = app;
    },
    keychain: async () =>
      (await request({ op: 'keychain' })) as Awaited<ReturnType<MainSideProcess['keychain']>>,
    token: async () => (await request({ op: 'token' })) as string | null,
    logLines: async () => (await request({ op: 'log' })) as string[],
    stop: child.stop,
  };
}
