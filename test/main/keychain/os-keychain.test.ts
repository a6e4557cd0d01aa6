import { describe, expect, it, vi } from 'vitest';
import type { KeychainView } from '../../../shared/ipc-contract';
import type { KeytarModule } from '../../../main/keychain/keytar-store';
import { OsKeychain } from '../../../main/keychain/os-keychain';

const service = 'Kratos Desktop';
const endpointA = 'https://auth.example.com';
const endpointB = 'http://127.0.0.1:4433';
const token = 'ory_st_abcdefghijklmnopqrstuvwxyz012345';

type Op = 'get' | 'set' | 'delete';

/**
 * An in-memory stand-in for keytar with the same signatures, a call log, optional per-call delays and
 * injectable failures (`failWith`), so the OsKeychain's logic can be specified without an OS keychain.
 * test/keychain runs the same OsKeychain against a real gnome-keyring.
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
  const keychain = await OsKeychain.open({ service, platform: 'linux', loadKeytar: loader });
  const changes: KeychainView[] = [];
  keychain.onChange((view) => changes.push(view));
  return { keychain, loader, changes };
}

describe('OsKeychain with a working keychain', () => {
  it('probes with a write that it removes again, and reports the keychain as persisted', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);

    expect(keychain.status()).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(keychain.problem()).toBeNull();
    expect(keychain.store.kind).toBe('persisted');
    expect(keytar.log).toEqual([
      'set keychain-probe probe',
      'end set keychain-probe probe',
      'delete keychain-probe',
    ]);
    expect(keytar.items.size).toBe(0);
  });

  it('stores only the token, under the service name and the endpoint URL as account', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);

    await keychain.store.set(endpointA, token);
    expect([...keytar.items]).toEqual([[`${service}|${endpointA}`, token]]);
    expect(await keychain.store.get(endpointA)).toBe(token);
    expect(await keychain.store.delete(endpointA)).toBe(true);
    expect(await keychain.store.get(endpointA)).toBeNull();
    expect(await keychain.store.delete(endpointA)).toBe(false);
  });

  it('keeps two endpoints apart', async () => {
    const { keychain } = await openWith(new FakeKeytar());
    await keychain.store.set(endpointA, 'token-a');
    await keychain.store.set(endpointB, 'token-b');
    await keychain.store.delete(endpointA);
    expect(await keychain.store.get(endpointA)).toBeNull();
    expect(await keychain.store.get(endpointB)).toBe('token-b');
  });

  it('serialises writes per key: the last call wins even when the keychain answers out of order', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);
    keytar.log.length = 0;
    // Earlier writes are slower: unserialised, write 1 would land last and win.
    keytar.delayMs = (op, _account, password) => (op === 'set' ? 50 - Number(password?.slice(1)) * 10 : 0);

    await Promise.all(['t1', 't2', 't3', 't4'].map((value) => keychain.store.set(endpointA, value)));

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
    const { keychain } = await openWith(keytar);
    keytar.log.length = 0;
    expect(() => keychain.store.set(endpointA, '')).toThrow(TypeError);
    expect(() => keychain.store.get('')).toThrow(TypeError);
    expect(keytar.log).toEqual([]);
    expect(keychain.status().kind).toBe('persisted');
  });
});

describe('OsKeychain when keytar cannot be loaded', () => {
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

    const keychain = await OsKeychain.open({ service, platform: 'linux', loadKeytar: loader });

    expect(loader).toHaveBeenCalledTimes(1);
    expect(keychain.problem()).toMatchObject({ kind: 'native-module-failed', cause: 'libsecret-missing' });
    const status = keychain.status();
    expect(status.kind).toBe('memory');
    expect(status).toMatchObject({
      reason: expect.stringMatching(/libsecret/),
      hint: expect.stringMatching(/apt/),
    });

    // The token is still usable for this run.
    await keychain.store.set(endpointA, token);
    expect(await keychain.store.get(endpointA)).toBe(token);
    expect(keychain.store.kind).toBe('memory');
  });

  it('treats any loader failure as a module failure, even one it does not recognise', async () => {
    const keychain = await OsKeychain.open({
      service,
      platform: 'linux',
      loadKeytar: async () => {
        throw new Error('weird');
      },
    });
    expect(keychain.problem()).toEqual({ kind: 'native-module-failed', cause: 'other', detail: 'weird' });
  });

  it('loads again on retry, so installing libsecret and pressing Retry is enough', async () => {
    const keytar = new FakeKeytar();
    let installed = false;
    const keychain = await OsKeychain.open({
      service,
      platform: 'linux',
      loadKeytar: async () => {
        if (!installed)
          throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
        return keytar;
      },
    });
    await keychain.store.set(endpointA, token);

    installed = true;
    expect(await keychain.retry()).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(keytar.stored(endpointA)).toBe(token);
  });
});

describe('OsKeychain when the keychain refuses writes', () => {
  it('falls back to memory at start and writes nothing to the keychain', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = (op) => (op === 'set' ? locked() : null);
    const { keychain } = await openWith(keytar);

    expect(keychain.problem()).toEqual({ kind: 'collection-locked', detail: locked().message });
    await keychain.store.set(endpointA, token);
    expect(await keychain.store.get(endpointA)).toBe(token);
    expect(keytar.items.size).toBe(0);
    // Only the probe reached keytar: memory mode does not touch the keychain until retry().
    expect(keytar.log).toEqual(['set keychain-probe probe']);
  });

  it('retry() keeps memory while the keychain still fails, then moves tokens and owed deletions into it', async () => {
    const keytar = new FakeKeytar();
    keytar.items.set(`${service}|${endpointB}`, 'stale-token-from-last-run');
    keytar.failWith = (op) => (op === 'set' ? locked() : null);
    const { keychain, changes } = await openWith(keytar);

    await keychain.store.set(endpointA, token);
    expect(await keychain.store.delete(endpointB)).toBe(false);

    expect((await keychain.retry()).kind).toBe('memory');
    expect(changes).toEqual([]);

    keytar.failWith = null;
    const view = await keychain.retry();

    expect(view).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(changes).toEqual([view]);
    expect(keytar.stored(endpointA)).toBe(token);
    expect(keytar.stored(endpointB)).toBeUndefined();
    expect(await keychain.store.get(endpointA)).toBe(token);
  });

  it('falls back when a write fails after a good start, keeps the token and tells the listeners', async () => {
    const keytar = new FakeKeytar();
    const { keychain, changes } = await openWith(keytar);
    keytar.failWith = () => locked();

    await keychain.store.set(endpointA, token);

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'memory', reason: expect.stringMatching(/locked/) });
    expect(await keychain.store.get(endpointA)).toBe(token);
  });

  it('keeps a deletion owed when delete fails, and a read failure does not lose anything', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);
    await keychain.store.set(endpointA, token);
    keytar.failWith = (op) => (op === 'delete' ? new Error('Could not connect: Connection refused') : null);

    expect(await keychain.store.delete(endpointA)).toBe(false);
    expect(keychain.problem()?.kind).toBe('no-dbus-session');
    expect(await keychain.store.get(endpointA)).toBeNull();

    keytar.failWith = null;
    await keychain.retry();
    expect(keytar.stored(endpointA)).toBeUndefined();
  });

  it('never puts the token in an error detail or status text, even if the keychain echoes it', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);
    keytar.failWith = (_op, _account, password) => new Error(`refused to store "${password}"`);

    await keychain.store.set(endpointA, token);

    expect(keychain.problem()?.detail).toBe('refused to store "[redacted]"');
    expect(JSON.stringify(keychain.status())).not.toContain(token);
    expect(JSON.stringify(keychain.problem())).not.toContain(token);
  });

  it('redacts the token before a long error text is cut to length, so no start of it survives', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);
    // The token straddles the point where `detail` is cut (500 characters).
    keytar.failWith = (_op, _account, password) => new Error(`${'x'.repeat(490)}${password}`);

    await keychain.store.set(endpointA, token);

    expect(keychain.problem()?.detail.startsWith('x'.repeat(490))).toBe(true);
    expect(keychain.problem()?.detail).not.toContain(token.slice(0, 8));
  });

  it('runs one retry at a time', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = () => locked();
    const { keychain, loader } = await openWith(keytar);
    loader.mockClear();

    await Promise.all([keychain.retry(), keychain.retry(), keychain.retry()]);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('loses no write made while retry() is moving tokens into the keychain', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = () => locked();
    const { keychain } = await openWith(keytar);
    await keychain.store.set(endpointA, 'a-old');

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
    const retried = keychain.retry();
    // While a-old is being written: a newer token for A (queued behind it) and a token for B (memory).
    await oldWriteStarted;
    const writes = [keychain.store.set(endpointA, 'a-new'), keychain.store.set(endpointB, 'b')];
    releaseOld();

    expect((await retried).kind).toBe('persisted');
    await Promise.all(writes);
    expect(keytar.stored(endpointA)).toBe('a-new');
    expect(keytar.stored(endpointB)).toBe('b');
  });

  it('keeps working when a status listener throws', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    keychain.onChange(() => {
      throw new Error('listener bug');
    });
    keytar.failWith = () => locked();

    await keychain.store.set(endpointA, token);

    expect(await keychain.store.get(endpointA)).toBe(token);
    expect(error).toHaveBeenCalledOnce();
    expect(JSON.stringify(error.mock.calls)).not.toContain(token);
    error.mockRestore();
  });

  it('stops notifying after unsubscribe', async () => {
    const keytar = new FakeKeytar();
    const { keychain } = await openWith(keytar);
    const listener = vi.fn();
    const unsubscribe = keychain.onChange(listener);
    unsubscribe();
    keytar.failWith = () => locked();
    await keychain.store.set(endpointA, token);
    expect(listener).not.toHaveBeenCalled();
  });
});
