/** A `Keychain` over a MemorySecretStore, for tests that do not exercise the OS keychain. */
import type { KeychainView } from '../../../shared/ipc-contract';
import type { Keychain } from '../../../main/app/connection';
import { MemorySecretStore } from '../../../main/session/secret-store';

export function memoryKeychain(
  store = new MemorySecretStore(),
  status: KeychainView = { kind: 'memory', reason: 'Test store.', hint: 'Nothing to do.' },
): Keychain & { store: MemorySecretStore } {
  return { store, status: () => status, retry: async () => status };
}
