/**
 * The keychain as the app uses it: where session tokens are kept (`store`), and what the window says about
 * that place (`status()`, a `KeychainView`), with the window's "Try the keychain again" (`retry()`).
 * `OsKeychain` (os-keychain.ts) is the app's: the OS keychain through keytar, memory when that fails; tests
 * use a memory one (test/main/app/memory-keychain.ts).
 */
import type { KeychainView } from '../../shared/ipc-contract';
import type { TokenStore } from '../session/token-store';

export interface Keychain {
  readonly store: TokenStore;
  status(): KeychainView;
  retry(): Promise<KeychainView>;
}
