/** A `Keychain` over a MemoryTokenStore, for tests that do not exercise the OS keychain. */
import type { KeychainView } from '../../../shared/ipc-contract';
import type { Keychain } from '../../../main/keychain/keychain';
import { MemoryTokenStore } from '../../../main/session/token-store';

export function memoryKeychain(
  store = new MemoryTokenStore(),
  status: KeychainView = { kind: 'memory', reason: 'Test store.', hint: 'Nothing to do.' },
): Keychain & { store: MemoryTokenStore } {
  return { store, status: () => status, retry: async () => status };
}
