/**
 * The token-leak check: everything the renderer side could hold or show, and everything logged, searched
 * for every session token the test saw (read from the secret store in Node, or returned to the test's own
 * Kratos client). Any hit fails the test with where it was found.
 */
import { expect } from '@playwright/test';
import type { AppHarness } from '../harness';

export interface Material {
  where: string;
  text: string;
}

export class LeakWatch {
  readonly tokens = new Set<string>();
  readonly material: Material[] = [];

  addToken(token: string | null | undefined): void {
    if (!token) throw new Error('expected a session token to watch for');
    this.tokens.add(token);
  }

  add(where: string, value: unknown): void {
    this.material.push({ where, text: typeof value === 'string' ? value : safeJson(value) });
  }

  /** Snapshot the page: DOM, window globals, web storage, IndexedDB, cookies, IPC traffic, console. */
  async collect(app: AppHarness, label: string): Promise<void> {
    const { page } = app;
    this.add(`${label}: IPC messages to the renderer`, app.messagesToRenderer);
    this.add(`${label}: IPC invocations from the renderer`, app.invocations);
    this.add(`${label}: DOM`, await page.content());
    this.add(
      `${label}: window globals, storage and IndexedDB`,
      await page.evaluate(async () => {
        // Runs in the page. Typed by hand: test/ is checked without the DOM library.
        type Store = Record<string, string>;
        type Request<T> = {
          result: T;
          error: unknown;
          onsuccess: (() => void) | null;
          onerror: (() => void) | null;
        };
        interface Database {
          objectStoreNames: ArrayLike<string>;
          transaction(name: string): { objectStore(name: string): { getAll(): Request<unknown[]> } };
        }
        const page = globalThis as unknown as Record<string, unknown> & {
          localStorage: Store;
          sessionStorage: Store;
          document: { cookie: string };
          indexedDB: { databases(): Promise<{ name?: string }[]>; open(name: string): Request<Database> };
        };
        const settle = <T>(request: Request<T>) =>
          new Promise<T>((resolve, reject) => {
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });

        const globals: Record<string, string> = {};
        for (const key of Object.keys(page)) {
          try {
            globals[key] = JSON.stringify(page[key]) ?? typeof page[key];
          } catch {
            globals[key] = '[unserializable]';
          }
        }
        const indexedDb: Record<string, unknown> = {};
        for (const { name } of await page.indexedDB.databases()) {
          if (!name) continue;
          const db = await settle(page.indexedDB.open(name));
          for (const storeName of Array.from(db.objectStoreNames)) {
            indexedDb[`${name}/${storeName}`] = await settle(
              db.transaction(storeName).objectStore(storeName).getAll(),
            );
          }
        }
        return {
          globals,
          localStorage: { ...page.localStorage },
          sessionStorage: { ...page.sessionStorage },
          indexedDb,
          cookie: page.document.cookie,
        };
      }),
    );
    this.add(`${label}: browser cookies`, await app.context.cookies());
    this.add(`${label}: page console errors`, app.consoleErrors);
  }

  /** Every place a watched token, or its secret part without the `ory_st_` prefix, was found. */
  leaks(): string[] {
    const found: string[] = [];
    for (const token of this.tokens) {
      const secret = token.replace(/^ory_[a-z]+_/, '');
      for (const { where, text } of this.material) {
        if (text.includes(token) || text.includes(secret)) found.push(where);
      }
    }
    return found;
  }
}

/**
 * The verdict at the end of a scenario: it saw at least one token, the search really looked at something
 * (a window's DOM and its IPC traffic were collected), and no watched token was found anywhere.
 */
export function expectNoTokenLeak(watch: LeakWatch): void {
  expect(watch.tokens.size, 'the scenario saw at least one session token').toBeGreaterThan(0);
  const collected = watch.material.map(({ where }) => where).join('\n');
  expect(collected).toMatch(/: DOM$/m);
  expect(collected).toMatch(/: IPC messages to the renderer$/m);
  expect(watch.leaks(), 'places where a session token was found').toEqual([]);
}

/** The verdict for a scenario that runs its own main side and window (not the world's): both collected first. */
export async function expectNoTokenLeakFrom(
  watch: LeakWatch,
  app: AppHarness,
  main: { logLines: string[] },
): Promise<void> {
  await watch.collect(app, 'window');
  watch.add('main logger', main.logLines);
  expectNoTokenLeak(watch);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
