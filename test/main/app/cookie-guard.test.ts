import { describe, expect, it } from 'vitest';
import {
  cookieUrl,
  keepCookieJarEmpty,
  type CookieJar,
  type CookieLike,
} from '../../../main/app/cookie-guard';
import { createMemoryLogger } from '../../../main/log';

/** A cookie jar with Electron's semantics: set/remove emit `changed`. */
class FakeJar implements CookieJar {
  readonly cookies = new Map<string, CookieLike & { value: string }>();
  #listeners: ((event: unknown, cookie: CookieLike, cause: string, removed: boolean) => void)[] = [];
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
  on(
    _event: 'changed',
    listener: (event: unknown, cookie: CookieLike, cause: string, removed: boolean) => void,
  ) {
    this.#listeners.push(listener);
  }
  set(cookie: CookieLike & { value: string }) {
    this.cookies.set(`${cookie.domain}|${cookie.name}`, cookie);
    this.#listeners.forEach((listener) => listener({}, cookie, 'explicit', false));
  }
}

describe('keepCookieJarEmpty', () => {
  it('removes cookies left from an earlier run', async () => {
    const jar = new FakeJar();
    jar.cookies.set('a', {
      name: 'ory_kratos_session',
      value: 'old',
      domain: '.auth.example.com',
      path: '/',
      secure: true,
    });
    jar.cookies.set('b', { name: 'csrf', value: 'x', domain: 'localhost', path: '/api' });
    await keepCookieJarEmpty(jar, createMemoryLogger());
    expect(jar.cookies.size).toBe(0);
  });

  it('removes any cookie set later, and logs its name but never its value', async () => {
    const jar = new FakeJar();
    const log = createMemoryLogger();
    await keepCookieJarEmpty(jar, log);
    jar.set({ name: 'tracking', value: 'secret-cookie-value', domain: 'app.example', path: '/' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(jar.cookies.size).toBe(0);
    expect(log.lines.join('\n')).toContain('tracking');
    expect(log.lines.join('\n')).not.toContain('secret-cookie-value');
  });

  it('builds the removal URL from domain, path and secure flag', () => {
    expect(cookieUrl({ name: 'n', domain: '.example.com', path: '/p', secure: true })).toBe(
      'https://example.com/p',
    );
    expect(cookieUrl({ name: 'n' })).toBe('http://localhost/');
  });
});
