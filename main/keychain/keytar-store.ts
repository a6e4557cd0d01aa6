/**
 * The OS keychain through keytar: one item per Kratos endpoint, service = the app's name, account = the
 * normalized endpoint URL (main/kratos/endpoint.ts), password = the session token and nothing else.
 *
 * keytar is a native module, so it is loaded on first use and never at import time: a missing libsecret or
 * a binary built for another ABI must become a "keychain unavailable" status, not a crash at start.
 */
import type { TokenStore } from '../session/token-store';

/** The part of keytar's API the app uses (the module is external to the main bundle, see scripts/build.mjs). */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => Promise<KeytarModule>;

/**
 * The real loader, run on first use. In the app, main is a CommonJS bundle (scripts/build.mjs) and this is
 * a plain `require`, the path Electron's native-module support (asar unpacking) is built around. Tests and
 * tsx run this file as ESM, where only `import()` exists; it puts keytar's `module.exports` on `default`.
 */
export const loadKeytar: KeytarLoader = async () => {
  if (typeof require === 'function') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load of a native module, see above
    return require('keytar') as KeytarModule;
  }
  const imported = (await import('keytar')) as KeytarModule & { default?: KeytarModule };
  return imported.default ?? imported;
};

/**
 * The keytar adapter: a thin shell, no retries, no fallback, errors propagate unchanged (OsKeychain classifies
 * them). Calls are not serialised here; OsKeychain's store is the one the app uses, and it serialises per key.
 */
export class KeytarTokenStore implements TokenStore {
  readonly kind = 'persisted' as const;

  constructor(
    private readonly keytar: KeytarModule,
    /** The keychain "service" every item is filed under, e.g. "Kratos Desktop". */
    private readonly service: string,
  ) {}

  get(key: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, key);
  }

  set(key: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, key, secret);
  }

  delete(key: string): Promise<boolean> {
    return this.keytar.deletePassword(this.service, key);
  }
}
