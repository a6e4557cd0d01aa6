/**
 * The OsKeychain on a real, unlocked gnome-keyring: the private session scripts/test-keychain.sh started.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeytarModule } from '../../main/keychain/keytar-store';
import { loadKeytar } from '../../main/keychain/keytar-store';
import { OsKeychain } from '../../main/keychain/os-keychain';
import { scanForSecret } from './scan-for-secret';
import { secretToolLookup } from './secret-service';
import { startOsKeychainProcess } from './os-keychain-process';

const service = 'Kratos Desktop';
const home = process.env.HOME!;
const keyringFile = join(process.env.XDG_DATA_HOME!, 'keyrings/login.keyring');
const appData = join(tmpdir(), 'app-data-os-keychain');

/** Every token this file writes, for the leak scan at the end. Random, so no source file contains one. */
const written: string[] = [];
function newToken(): string {
  const token = `ory_st_${randomBytes(24).toString('base64url')}`;
  written.push(token);
  return token;
}
let endpointCounter = 0;
const newEndpoint = () => `https://auth-${++endpointCounter}.example.com`;

let keychain: OsKeychain;
beforeAll(async () => {
  keychain = await OsKeychain.open({ service });
});

afterAll(async () => {
  // The keyring file is encrypted; nothing else may hold a token: not HOME/XDG, not the app dir, not tmp.
  for (const token of written) {
    expect(await scanForSecret(token, [home, appData, tmpdir()])).toEqual([]);
  }
});

describe('OsKeychain on a real gnome-keyring (unlocked login collection)', () => {
  it('opens in persisted mode on the Secret Service', () => {
    expect(keychain.status()).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(keychain.store.kind).toBe('persisted');
  });

  it('stores only the token, as an item with service = app name and account = endpoint URL', async () => {
    const endpoint = newEndpoint();
    const token = newToken();

    await keychain.store.set(endpoint, token);

    expect(await keychain.store.get(endpoint)).toBe(token);
    // Any other libsecret client finds it under those attributes.
    expect(await secretToolLookup(process.env, service, endpoint)).toBe(token);

    expect(await keychain.store.delete(endpoint)).toBe(true);
    expect(await keychain.store.get(endpoint)).toBeNull();
    expect(await secretToolLookup(process.env, service, endpoint)).toBeNull();
    expect(await keychain.store.delete(endpoint)).toBe(false);
  });

  it('gives the token back to a new process (an app restart)', async () => {
    const endpoint = newEndpoint();
    const token = newToken();
    await keychain.store.set(endpoint, token);

    const restarted = await startOsKeychainProcess(process.env, appData);
    try {
      expect(restarted.opened.status).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
      expect(await restarted.get(endpoint)).toBe(token);
    } finally {
      await restarted.close();
    }
  });

  it('keeps two endpoints apart', async () => {
    const [a, b] = [newEndpoint(), newEndpoint()];
    const [tokenA, tokenB] = [newToken(), newToken()];

    await keychain.store.set(a, tokenA);
    await keychain.store.set(b, tokenB);
    expect(await keychain.store.get(a)).toBe(tokenA);
    expect(await keychain.store.get(b)).toBe(tokenB);

    await keychain.store.delete(a);
    expect(await keychain.store.get(a)).toBeNull();
    expect(await secretToolLookup(process.env, service, b)).toBe(tokenB);
  });

  it('serialises concurrent writes to one endpoint: each starts after the previous ended, last call wins', async () => {
    const real = await loadKeytar();
    const log: string[] = [];
    const spy: KeytarModule = {
      getPassword: (s, a) => real.getPassword(s, a),
      deletePassword: (s, a) => real.deletePassword(s, a),
      setPassword: async (s, a, p) => {
        log.push(`start ${p}`);
        await real.setPassword(s, a, p);
        log.push(`end ${p}`);
      },
    };
    const spied = await OsKeychain.open({ service, loadKeytar: async () => spy });
    const endpoint = newEndpoint();
    const tokens = Array.from({ length: 8 }, newToken);
    log.length = 0; // forget the probe

    await Promise.all(tokens.map((token) => spied.store.set(endpoint, token)));

    expect(log).toEqual(tokens.flatMap((token) => [`start ${token}`, `end ${token}`]));
    expect(await secretToolLookup(process.env, service, endpoint)).toBe(tokens.at(-1));

    // Control: the same calls straight to keytar overlap (all start before any ends), so the order above
    // is the sequencer's doing, not keytar's.
    log.length = 0;
    await Promise.all(tokens.map((token) => spy.setPassword(service, `${endpoint}/control`, token)));
    expect(log.slice(0, tokens.length).every((entry) => entry.startsWith('start '))).toBe(true);
    await real.deletePassword(service, `${endpoint}/control`);
  });

  it('writes the item into the encrypted login keyring file, never the plaintext token', async () => {
    const fingerprint = async () =>
      createHash('sha256')
        .update(await readFile(keyringFile))
        .digest('hex');
    const before = await fingerprint();
    const token = newToken();

    await keychain.store.set(newEndpoint(), token);

    // gnome-keyring saves the collection when an item is created; wait for the file to change.
    const deadline = Date.now() + 5_000;
    while ((await fingerprint()) === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const content = await readFile(keyringFile);
    expect(await fingerprint()).not.toBe(before);
    expect(content.subarray(0, 12).toString('latin1')).toBe('GnomeKeyring');
    expect(await scanForSecret(token, [keyringFile.replace(/\/login\.keyring$/, '')])).toEqual([]);
  });
});
