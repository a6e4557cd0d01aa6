/**
 * The app authenticates with a session token in a header, never a cookie. Kratos's API flows refuse requests
 * that carry cookies, and a cookie in the window's session partition would be a second, unprotected copy of
 * a credential. So the partition is kept empty: everything in it is removed at start, and any cookie that
 * appears later (a misbehaving page, a `Set-Cookie` on some request) is removed as soon as it is set.
 *
 * Written against the few members of Electron's `Cookies` it uses, so it is testable with a fake.
 */
import type { Logger } from '../log';

export interface CookieLike {
  name: string;
  domain?: string;
  path?: string;
  secure?: boolean;
}

export interface CookieJar {
  get(filter: Record<string, never>): Promise<CookieLike[]>;
  remove(url: string, name: string): Promise<void>;
  on(
    event: 'changed',
    listener: (event: unknown, cookie: CookieLike, cause: string, removed: boolean) => void,
  ): unknown;
}

/** The URL Electron's `cookies.remove` needs to address a cookie. */
export function cookieUrl(cookie: CookieLike): string {
  const host = (cookie.domain ?? 'localhost').replace(/^\./, '');
  return `${cookie.secure ? 'https' : 'http'}://${host}${cookie.path ?? '/'}`;
}

export async function keepCookieJarEmpty(jar: CookieJar, log: Logger): Promise<void> {
  const remove = (cookie: CookieLike) =>
    jar.remove(cookieUrl(cookie), cookie.name).catch((error: unknown) => {
      log.error('could not remove a cookie', { domain: cookie.domain, error: String(error) });
    });
  jar.on('changed', (_event, cookie, _cause, removed) => {
    if (removed) return;
    // The name and domain only: a cookie's value is never logged.
    log.warn('a cookie was set in the app session; removing it', {
      name: cookie.name,
      domain: cookie.domain,
    });
    void remove(cookie);
  });
  const existing = await jar.get({});
  await Promise.all(existing.map(remove));
}
