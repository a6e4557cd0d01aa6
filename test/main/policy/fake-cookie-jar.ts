import { cookieUrl, type CookieJar, type CookieLike } from '../../../main/policy/cookie-guard';

type ChangedListener = (event: unknown, cookie: CookieLike, cause: string, removed: boolean) => void;

/**
 * A cookie jar with Electron's semantics: `set` and `remove` emit `changed`, and `remove` addresses a
 * cookie by URL and name. Shared by the cookie-guard unit test and the fake Electron of test/main/index.test.ts.
 */
export class FakeCookieJar implements CookieJar {
  readonly cookies = new Map<string, CookieLike & { value: string }>();
  #listeners: ChangedListener[] = [];

  constructor(initial: (CookieLike & { value: string })[] = []) {
    for (const cookie of initial) this.cookies.set(`${cookie.domain}|${cookie.name}`, cookie);
  }

  async get() {
    return [...this.cookies.values()];
  }

  async remove(url: string, name: string) {
    for (const [key, cookie] of this.cookies) {
      if (cookie.name === name && cookieUrl(cookie) === url) {
        this.cookies.delete(key);
        this.#listeners.forEach((listener) => listener({}, cookie, 'explicit', true));
      }
    }
  }

  on(_event: 'changed', listener: ChangedListener) {
    this.#listeners.push(listener);
  }

  /** What a page's `document.cookie` or a `Set-Cookie` response header does at run time. */
  set(cookie: CookieLike & { value: string }) {
    this.cookies.set(`${cookie.domain}|${cookie.name}`, cookie);
    this.#listeners.forEach((listener) => listener({}, cookie, 'explicit', false));
  }
}
