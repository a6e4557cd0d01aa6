/**
 * The session tokens as the session controller sees them: one token per key (the normalized Kratos endpoint
 * URL), got, set and deleted, nothing about where they live. The app's is the `store` of its keychain
 * (main/keychain: the OS keychain, with its own memory fallback); `MemoryTokenStore` serves the tests and
 * benchmarks.
 */
export interface TokenStore {
  /** `persisted` survives an app restart (OS keychain); `memory` is lost when the app quits. */
  readonly kind: 'persisted' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  /** Returns true when something was deleted. */
  delete(key: string): Promise<boolean>;
}

export class MemoryTokenStore implements TokenStore {
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
