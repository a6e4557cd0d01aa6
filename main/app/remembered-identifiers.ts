/**
 * The identifier (email) last signed in with on each server, kept in settings.json (`lastIdentifiers`) so the
 * sign-in form after a sign-out, or at the next start, only asks for the password (issue 25). Per server: one
 * server's account is never offered on another. Not a secret (docs/security.md, "What the app remembers"):
 * the person typed it, and it opens nothing without the password. Never logged.
 */
import type { Logger } from '../log';
import { maxRememberedIdentifiers, updateSettings, type Settings } from './settings';

type Entry = NonNullable<Settings['lastIdentifiers']>[number];

export class RememberedIdentifiers {
  readonly #userDataDir: string;
  readonly #log: Logger;
  #entries: Entry[];
  /** Saves run one after another (updateSettings keeps the other settings). */
  #saved: Promise<void> = Promise.resolve();

  constructor(userDataDir: string, log: Logger, entries: readonly Entry[] = []) {
    this.#userDataDir = userDataDir;
    this.#log = log;
    this.#entries = [...entries];
  }

  /** The identifier last signed in with on `server`, if any. */
  get(server: string): string | undefined {
    return this.#entries.find((entry) => entry.server === server)?.identifier;
  }

  /** `identifier` signed in on `server`: remembered, in memory at once and on disk soon (`saved`). */
  remember(server: string, identifier: string): void {
    if (this.get(server) === identifier) return;
    this.#entries = [
      ...this.#entries.filter((entry) => entry.server !== server),
      { server, identifier },
    ].slice(-maxRememberedIdentifiers);
    const entries = this.#entries;
    this.#saved = this.#saved.then(async () => {
      try {
        await updateSettings(this.#userDataDir, { lastIdentifiers: entries });
      } catch (error) {
        // Only a comfort is lost: the person types the email next time.
        this.#log.warn('could not save the last identifier', { error: String(error) });
      }
    });
  }

  /** Settles when every change so far is on disk (or its failure logged). */
  saved(): Promise<void> {
    return this.#saved;
  }
}
