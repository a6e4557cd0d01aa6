/**
 * What a keychain test started — private D-Bus sessions, their directories, app processes — undone after
 * the test, last started first (a process before the bus it talks to, a bus before its directory).
 *
 *   const teardown = new Teardown();
 *   afterEach(() => teardown.run());          // (Playwright: test.afterEach)
 *   const keyring = await teardown.privateSession({ kind: 'unlocked', password });
 */
import { rm } from 'node:fs/promises';
import {
  createSessionDirs,
  startPrivateSession,
  stopAndRemove,
  type KeyringSetup,
  type PrivateSession,
} from './secret-service';

export class Teardown {
  private steps: (() => Promise<void>)[] = [];

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Runs every step even when one fails (nothing may be left running), then throws the first failure. */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (const step of this.steps.splice(0).reverse())
      await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }

  /** A private session; stopped, and removed unless it lives on a caller's `root` (removed with that root). */
  async privateSession(keyring: KeyringSetup, root?: string): Promise<PrivateSession> {
    const session = await startPrivateSession(keyring, root);
    this.add(() => (root ? session.stop() : stopAndRemove(session)));
    return session;
  }

  /** A session's directories with nothing started in them (the "no bus (yet)" cases); removed. */
  async sessionDirs(prefix: string): Promise<string> {
    const root = await createSessionDirs(prefix);
    this.add(() => rm(root, { recursive: true, force: true }));
    return root;
  }
}
