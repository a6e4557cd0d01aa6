/**
 * The app's keychain (a `Keychain`, keychain.ts): session tokens in the OS keychain when it works, in memory
 * when it does not.
 *
 * - `OsKeychain.open()` loads keytar lazily and probes the keychain; it never throws. A broken keychain gives a
 *   `memory` status with a typed reason and human text (`status()` is what the UI shows).
 * - `store` is the TokenStore the session layer uses. Operations are serialised per key, in call order.
 *   When the keychain is unavailable, or fails later, tokens are kept in memory only: nothing is ever
 *   written to disk, and no error text carries the token.
 * - `retry()` probes again; once the keychain works, what was kept in memory (new tokens and deletions)
 *   is written to it and the status turns `persisted`.
 * - `onChange()` tells the UI when the status changes.
 */
import type { KeychainView } from '../../shared/ipc-contract';
import type { TokenStore } from '../session/token-store';
import type { Keychain } from './keychain';
import { KeyedSequencer } from './keyed-sequencer';
import type { KeychainProblem } from './keychain-problem';
import {
  classifyKeychainError,
  errorCode,
  explainKeychainProblem,
  keychainBackendName,
} from './keychain-problem';
import { errorText } from '../../shared/error-text';
import type { KeytarLoader } from './keytar-store';
import { KeytarTokenStore, loadKeytar } from './keytar-store';

export interface OsKeychainOptions {
  /** The keychain service name, e.g. "Kratos Desktop" (package.json productName). */
  service: string;
  /** Defaults to `process.platform`; decides how errors are read and which keychain is named. */
  platform?: NodeJS.Platform;
  /** Defaults to importing keytar; tests inject failures and spies here. */
  loadKeytar?: KeytarLoader;
}

type Mode = { kind: 'persisted'; keychain: KeytarTokenStore } | { kind: 'memory'; problem: KeychainProblem };

/** What memory holds for a key while the keychain is unavailable: a token, or a deletion still owed. */
type PendingChange = { kind: 'set'; secret: string } | { kind: 'delete' };

/**
 * The account the probe writes and deletes. It is not a URL, so it can never be an endpoint's account.
 * Reading alone does not prove anything: a locked gnome-keyring answers `null` to reads and only fails writes.
 */
const probeAccount = 'keychain-probe';

export class OsKeychain implements Keychain {
  readonly #service: string;
  readonly #platform: NodeJS.Platform;
  readonly #loadKeytar: KeytarLoader;
  readonly #sequencer = new KeyedSequencer();
  readonly #pending = new Map<string, PendingChange>();
  readonly #listeners = new Set<(view: KeychainView) => void>();
  #mode: Mode;
  #retrying: Promise<KeychainView> | null = null;

  /** Loads keytar and probes the keychain. Never throws: problems become a `memory` status. */
  static async open(options: OsKeychainOptions): Promise<OsKeychain> {
    const keychain = new OsKeychain(options);
    const connected = await keychain.#connect();
    keychain.#mode =
      'keychain' in connected ? { kind: 'persisted', keychain: connected.keychain } : connected;
    return keychain;
  }

  /** The TokenStore the app uses; `kind` follows the current status. */
  readonly store: TokenStore;

  private constructor(options: OsKeychainOptions) {
    this.#service = options.service;
    this.#platform = options.platform ?? process.platform;
    this.#loadKeytar = options.loadKeytar ?? loadKeytar;
    // Replaced by open() before anyone can see the OsKeychain.
    this.#mode = { kind: 'memory', problem: { kind: 'unknown', detail: 'not probed yet' } };
    const currentKind = () => this.#mode.kind;
    this.store = {
      get kind() {
        return currentKind();
      },
      get: (key) => this.#get(key),
      set: (key, secret) => this.#set(key, secret),
      delete: (key) => this.#delete(key),
    };
  }

  /** What the UI shows: where tokens go, or why they stay in memory and what to do about it. */
  status(): KeychainView {
    if (this.#mode.kind === 'persisted') {
      return { kind: 'persisted', backend: keychainBackendName(this.#platform) };
    }
    return { kind: 'memory', ...explainKeychainProblem(this.#mode.problem, this.#platform) };
  }

  /** The typed reason behind a `memory` status (with the keychain's own message in `detail`), else null. */
  problem(): KeychainProblem | null {
    return this.#mode.kind === 'memory' ? this.#mode.problem : null;
  }

  /** Calls `listener` with the new status whenever it changes. Returns the unsubscribe function. */
  onChange(listener: (view: KeychainView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Probes the keychain again and, when it works, moves what memory holds into it. Single-flight. */
  retry(): Promise<KeychainView> {
    this.#retrying ??= this.#reconnect().finally(() => {
      this.#retrying = null;
    });
    return this.#retrying;
  }

  #get(key: string): Promise<string | null> {
    requireText(key, 'key');
    return this.#sequencer.run(key, async () => {
      const mode = this.#mode;
      if (mode.kind === 'memory') {
        const change = this.#pending.get(key);
        return change?.kind === 'set' ? change.secret : null;
      }
      try {
        return await mode.keychain.get(key);
      } catch (error) {
        this.#fallBack(error, null);
        return null;
      }
    });
  }

  #set(key: string, secret: string): Promise<void> {
    requireText(key, 'key');
    requireText(secret, 'secret');
    return this.#sequencer.run(key, async () => {
      const mode = this.#mode;
      if (mode.kind === 'persisted') {
        try {
          await mode.keychain.set(key, secret);
          return;
        } catch (error) {
          // Keep the token first, then report: the token is never dropped because the keychain failed.
          this.#pending.set(key, { kind: 'set', secret });
          this.#fallBack(error, secret);
          return;
        }
      }
      this.#pending.set(key, { kind: 'set', secret });
    });
  }

  #delete(key: string): Promise<boolean> {
    requireText(key, 'key');
    return this.#sequencer.run(key, async () => {
      const mode = this.#mode;
      if (mode.kind === 'persisted') {
        try {
          return await mode.keychain.delete(key);
        } catch (error) {
          this.#pending.set(key, { kind: 'delete' });
          this.#fallBack(error, null);
          return false;
        }
      }
      const held = this.#pending.get(key)?.kind === 'set';
      // The keychain may still hold an older token for this key: the deletion is owed until retry() works.
      this.#pending.set(key, { kind: 'delete' });
      return held;
    });
  }

  /** A keychain call failed after a good probe: switch to memory and say why (the first problem wins). */
  #fallBack(error: unknown, secret: string | null): void {
    if (this.#mode.kind === 'memory') return;
    this.#setMode({ kind: 'memory', problem: this.#classify(error, secret) });
  }

  async #reconnect(): Promise<KeychainView> {
    if (this.#mode.kind === 'persisted') return this.status();
    const connected = await this.#connect();
    if (!('keychain' in connected)) {
      this.#setMode(connected);
      return this.status();
    }
    // Operations on other keys keep running in memory mode while this flushes, so flush until memory is
    // empty; the check and the switch to `persisted` then happen in one synchronous step.
    while (this.#pending.size > 0) {
      const problem = await this.#flushPending(connected.keychain);
      if (problem) {
        this.#setMode({ kind: 'memory', problem });
        return this.status();
      }
    }
    this.#setMode({ kind: 'persisted', keychain: connected.keychain });
    return this.status();
  }

  /** Writes each pending change in its key's lane, so nothing else on that key interleaves. */
  async #flushPending(keychain: KeytarTokenStore): Promise<KeychainProblem | null> {
    const results = await Promise.all(
      [...this.#pending.keys()].map((key) =>
        this.#sequencer.run(key, async (): Promise<KeychainProblem | null> => {
          const change = this.#pending.get(key);
          if (!change) return null;
          try {
            if (change.kind === 'set') await keychain.set(key, change.secret);
            else await keychain.delete(key);
          } catch (error) {
            return this.#classify(error, change.kind === 'set' ? change.secret : null);
          }
          this.#pending.delete(key);
          return null;
        }),
      ),
    );
    return results.find((problem) => problem !== null) ?? null;
  }

  /** Loads keytar (again, if it failed before) and proves a write works. */
  async #connect(): Promise<{ keychain: KeytarTokenStore } | { kind: 'memory'; problem: KeychainProblem }> {
    let keychain: KeytarTokenStore;
    try {
      keychain = new KeytarTokenStore(await this.#loadKeytar(), this.#service);
    } catch (error) {
      const problem = this.#classify(error, null);
      // Whatever the loader threw, nothing reached the keychain: it is a module failure.
      return {
        kind: 'memory',
        problem:
          problem.kind === 'native-module-failed'
            ? problem
            : { kind: 'native-module-failed', cause: 'other', detail: problem.detail },
      };
    }
    try {
      await keychain.set(probeAccount, 'probe');
      await keychain.delete(probeAccount);
      return { keychain };
    } catch (error) {
      return { kind: 'memory', problem: this.#classify(error, null) };
    }
  }

  #classify(error: unknown, secret: string | null): KeychainProblem {
    return classifyKeychainError(withoutSecret(error, secret), this.#platform);
  }

  #setMode(mode: Mode): void {
    const before = JSON.stringify(this.status());
    this.#mode = mode;
    const after = this.status();
    if (JSON.stringify(after) === before) return;
    for (const listener of this.#listeners) {
      try {
        listener(after);
      } catch (error) {
        // A broken listener must not break a keychain operation; its error holds no token.
        console.error('keychain status listener failed:', error);
      }
    }
  }
}

function requireText(value: string, name: string): void {
  if (typeof value !== 'string' || value === '')
    throw new TypeError(`OsKeychain: ${name} must be a non-empty string`);
}

/**
 * OS keychains do not echo the secret in their errors, but the message may end up in `detail`, a log or
 * the UI: replace the secret anyway, keeping the error's `code` for classification. The whole text is
 * searched: `detail` is cut to a maximum length later, and a cut through the secret would leave its start.
 */
function withoutSecret(error: unknown, secret: string | null): unknown {
  if (secret === null) return error;
  const message = errorText(error);
  if (!message.includes(secret)) return error;
  const redacted = new Error(message.replaceAll(secret, '[redacted]'));
  const code = errorCode(error);
  return code === undefined ? redacted : Object.assign(redacted, { code });
}
