import { describe, expect, it, vi } from 'vitest';
import type { KeychainView } from '../../../shared/ipc-contract';
import type { KeytarModule } from '../../../main/vault/keytar-store';
import { Vault } from '../../../main/vault/vault';

const service = 'Kratos Desktop';
const endpointA = 'https://auth.example.com';
const endpointB = 'http://127.0.0.1:4433';
const token = 'ory_st_abcdefghijklmnopqrstuvwxyz012345';

type Op = 'get' | 'set' | 'delete';

/**
 * An in-memory stand-in for keytar with the same signatures, a call log, optional per-call delays and
 * injectable failures (`failWith`), so the Vault's logic can be specified without an OS keychain.
 * test/keychain runs the same Vault against a real gnome-keyring.
 */
class FakeKeytar implements KeytarModule {
  readonly items = new Map<string, string>();
  readonly log: string[] = [];
  failWith: ((op: Op, account: string, password?: string) => Error | null) | null = null;
  delayMs: (op: Op, account: string, password?: string) => number = () => 0;

  async getPassword(svc: string, account: string): Promise<string | null> {
    await this.#enter('get', account);
    return this.items.get(`${svc}|${account}`) ?? null;
  }

  async setPassword(svc: string, account: string, password: string): Promise<void> {
    await this.#enter('set', account, password);
    this.items.set(`${svc}|${account}`, password);
    this.log.push(`end set ${account} ${password}`);
  }

  async deletePassword(svc: string, account: string): Promise<boolean> {
    await this.#enter('delete', account);
    return this.items.delete(`${svc}|${account}`);
  }

  async #enter(op: Op, account: string, password?: string): Promise<void> {
    this.log.push(`${op} ${account}${password === undefined ? '' : ` ${password}`}`);
    const delay = this.delayMs(op, account, password);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = this.failWith?.(op, account, password);
    if (failure) throw failure;
  }

  stored(account: string): string | undefined {
    return this.items.get(`${service}|${account}`);
  }
}

const locked = () => new Error('Cannot create an item in a locked collection');

async function openWith(keytar: KeytarModule) {
  const loader = vi.fn(async () => keytar);
  const vault = await Vault.open({ service, platform: 'linux', loadKeytar: loader });
  const changes: KeychainView[] = [];
  vault.onChange((view) => changes.push(view));
  return { vault, loader, changes };
}

describe('Vault with a working keychain', () => {
  it('probes with a write that it removes again, and reports the keychain as persisted', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);

    expect(vault.status()).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(vault.problem()).toBeNull();
    expect(vault.store.kind).toBe('persisted');
    expect(keytar.log).toEqual([
      'set keychain-probe probe',
      'end set keychain-probe probe',
      'delete keychain-probe',
    ]);
    expect(keytar.items.size).toBe(0);
  });

  it('stores only the token, under the service name and the endpoint URL as account', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);

    await vault.store.set(endpointA, token);
    expect([...keytar.items]).toEqual([[`${service}|${endpointA}`, token]]);
    expect(await vault.store.get(endpointA)).toBe(token);
    expect(await vault.store.delete(endpointA)).toBe(true);
    expect(await vault.store.get(endpointA)).toBeNull();
    expect(await vault.store.delete(endpointA)).toBe(false);
  });

  it('keeps two endpoints apart', async () => {
    const { vault } = await openWith(new FakeKeytar());
    await vault.store.set(endpointA, 'token-a');
    await vault.store.set(endpointB, 'token-b');
    await vault.store.delete(endpointA);
    expect(await vault.store.get(endpointA)).toBeNull();
    expect(await vault.store.get(endpointB)).toBe('token-b');
  });

  it('serialises writes per key: the last call wins even when the keychain answers out of order', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    keytar.log.length = 0;
    // Earlier writes are slower: unserialised, write 1 would land last and win.
    keytar.delayMs = (op, _account, password) => (op === 'set' ? 50 - Number(password?.slice(1)) * 10 : 0);

    await Promise.all(['t1', 't2', 't3', 't4'].map((value) => vault.store.set(endpointA, value)));

    expect(keytar.stored(endpointA)).toBe('t4');
    // Each write starts only after the previous one ended.
    expect(keytar.log).toEqual(
      ['t1', 't2', 't3', 't4'].flatMap((value) => [
        `set ${endpointA} ${value}`,
        `end set ${endpointA} ${value}`,
      ]),
    );
  });

  it('rejects an empty key or secret as a programming error, without touching the keychain', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    keytar.log.length = 0;
    expect(() => vault.store.set(endpointA, '')).toThrow(TypeError);
    expect(() => vault.store.get('')).toThrow(TypeError);
    expect(keytar.log).toEqual([]);
    expect(vault.status().kind).toBe('persisted');
  });
});

describe('Vault when keytar cannot be loaded', () => {
  it('loads keytar only when opened, and turns a load failure into a typed memory status', async () => {
    const loader = vi.fn(async (): Promise<KeytarModule> => {
      throw Object.assign(
        new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
        {
          code: 'ERR_DLOPEN_FAILED',
        },
      );
    });
    expect(loader).not.toHaveBeenCalled();

    const vault = await Vault.open({ service, platform: 'linux', loadKeytar: loader });

    expect(loader).toHaveBeenCalledTimes(1);
    expect(vault.problem()).toMatchObject({ kind: 'native-module-failed', cause: 'libsecret-missing' });
    const status = vault.status();
    expect(status.kind).toBe('memory');
    expect(status).toMatchObject({
      reason: expect.stringMatching(/libsecret/),
      hint: expect.stringMatching(/apt/),
    });

    // The token is still usable for this run.
    await vault.store.set(endpointA, token);
    expect(await vault.store.get(endpointA)).toBe(token);
    expect(vault.store.kind).toBe('memory');
  });

  it('treats any loader failure as a module failure, even one it does not recognise', async () => {
    const vault = await Vault.open({
      service,
      platform: 'linux',
      loadKeytar: async () => {
        throw new Error('weird');
      },
    });
    expect(vault.problem()).toEqual({ kind: 'native-module-failed', cause: 'other', detail: 'weird' });
  });

  it('loads again on retry, so installing libsecret and pressing Retry is enough', async () => {
    const keytar = new FakeKeytar();
    let installed = false;
    const vault = await Vault.open({
      service,
      platform: 'linux',
      loadKeytar: async () => {
        if (!installed)
          throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
        return keytar;
      },
    });
    await vault.store.set(endpointA, token);

    installed = true;
    expect(await vault.retry()).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(keytar.stored(endpointA)).toBe(token);
  });
});

describe('Vault when the keychain refuses writes', () => {
  it('falls back to memory at start and writes nothing to the keychain', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = (op) => (op === 'set' ? locked() : null);
    const { vault } = await openWith(keytar);

    expect(vault.problem()).toEqual({ kind: 'collection-locked', detail: locked().message });
    await vault.store.set(endpointA, token);
    expect(await vault.store.get(endpointA)).toBe(token);
    expect(keytar.items.size).toBe(0);
    // Only the probe reached keytar: memory mode does not touch the keychain until retry().
    expect(keytar.log).toEqual(['set keychain-probe probe']);
  });

  it('retry() keeps memory while the keychain still fails, then moves tokens and owed deletions into it', async () => {
    const keytar = new FakeKeytar();
    keytar.items.set(`${service}|${endpointB}`, 'stale-token-from-last-run');
    keytar.failWith = (op) => (op === 'set' ? locked() : null);
    const { vault, changes } = await openWith(keytar);

    await vault.store.set(endpointA, token);
    expect(await vault.store.delete(endpointB)).toBe(false);

    expect((await vault.retry()).kind).toBe('memory');
    expect(changes).toEqual([]);

    keytar.failWith = null;
    const view = await vault.retry();

    expect(view).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(changes).toEqual([view]);
    expect(keytar.stored(endpointA)).toBe(token);
    expect(keytar.stored(endpointB)).toBeUndefined();
    expect(await vault.store.get(endpointA)).toBe(token);
  });

  it('falls back when a write fails after a good start, keeps the token and tells the listeners', async () => {
    const keytar = new FakeKeytar();
    const { vault, changes } = await openWith(keytar);
    keytar.failWith = () => locked();

    await vault.store.set(endpointA, token);

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'memory', reason: expect.stringMatching(/locked/) });
    expect(await vault.store.get(endpointA)).toBe(token);
  });

  it('keeps a deletion owed when delete fails, and a read failure does not lose anything', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    await vault.store.set(endpointA, token);
    keytar.failWith = (op) => (op === 'delete' ? new Error('Could not connect: Connection refused') : null);

    expect(await vault.store.delete(endpointA)).toBe(false);
    expect(vault.problem()?.kind).toBe('no-dbus-session');
    expect(await vault.store.get(endpointA)).toBeNull();

    keytar.failWith = null;
    await vault.retry();
    expect(keytar.stored(endpointA)).toBeUndefined();
  });

  it('never puts the token in an error detail or status text, even if the keychain echoes it', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    keytar.failWith = (_op, _account, password) => new Error(`refused to store "${password}"`);

    await vault.store.set(endpointA, token);

    expect(vault.problem()?.detail).toBe('refused to store "[redacted]"');
    expect(JSON.stringify(vault.status())).not.toContain(token);
    expect(JSON.stringify(vault.problem())).not.toContain(token);
  });

  it('redacts the token before a long error text is cut to length, so no start of it survives', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    // The token straddles the point where `detail` is cut (500 characters).
    keytar.failWith = (_op, _account, password) => new Error(`${'x'.repeat(490)}${password}`);

    await vault.store.set(endpointA, token);

    expect(vault.problem()?.detail.startsWith('x'.repeat(490))).toBe(true);
    expect(vault.problem()?.detail).not.toContain(token.slice(0, 8));
  });

  it('runs one retry at a time', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = () => locked();
    const { vault, loader } = await openWith(keytar);
    loader.mockClear();

    await Promise.all([vault.retry(), vault.retry(), vault.retry()]);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('loses no write made while retry() is moving tokens into the keychain', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = () => locked();
    const { vault } = await openWith(keytar);
    await vault.store.set(endpointA, 'a-old');

    keytar.failWith = null;
    // Hold the keychain write of a-old until the test lets it go, so the writes below surely overlap it.
    let writingOld = () => {};
    const oldWriteStarted = new Promise<void>((resolve) => (writingOld = resolve));
    let releaseOld = () => {};
    const oldWriteReleased = new Promise<void>((resolve) => (releaseOld = resolve));
    const setPassword = keytar.setPassword.bind(keytar);
    keytar.setPassword = async (svc, account, password) => {
      if (account === endpointA && password === 'a-old') {
        writingOld();
        await oldWriteReleased;
      }
      return setPassword(svc, account, password);
    };
    const retried = vault.retry();
    // While a-old is being written: a newer token for A (queued behind it) and a token for B (memory).
    await oldWriteStarted;
    const writes = [vault.store.set(endpointA, 'a-new'), vault.store.set(endpointB, 'b')];
    releaseOld();

    expect((await retried).kind).toBe('persisted');
    await Promise.all(writes);
    expect(keytar.stored(endpointA)).toBe('a-new');
    expect(keytar.stored(endpointB)).toBe('b');
  });

  it('keeps working when a status listener throws', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vault.onChange(() => {
      throw new Error('listener bug');
    });
    keytar.failWith = () => locked();

    await vault.store.set(endpointA, token);

    expect(await vault.store.get(endpointA)).toBe(token);
    expect(error).toHaveBeenCalledOnce();
    expect(JSON.stringify(error.mock.calls)).not.toContain(token);
    error.mockRestore();
  });

  it('stops notifying after unsubscribe', async () => {
    const keytar = new FakeKeytar();
    const { vault } = await openWith(keytar);
    const listener = vi.fn();
    const unsubscribe = vault.onChange(listener);
    unsubscribe();
    keytar.failWith = () => locked();
    await vault.store.set(endpointA, token);
    expect(listener).not.toHaveBeenCalled();
  });
});
