/**
 * Where the session token lives between app starts. One secret per key (the normalized Kratos endpoint URL).
 * The app's store is the Vault (main/vault: the OS keychain, with its own memory fallback); `MemorySecretStore`
 * serves the tests and benchmarks.
 */
export interface SecretStore {
  /** `persisted` survives an app restart (OS keychain); `memory` is lost when the app quits. */
  readonly kind: 'persisted' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  /** Returns true when something was deleted. */
  delete(key: string): Promise<boolean>;
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  readonly #secrets = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.#secrets.get(key) ?? null;
  }

  async set(key: string, secret: string): Promise<void> {
    this.#secrets.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    return this.#secrets.delete(key);
  }
}
