import { describe, expect, it } from 'vitest';
import { cookieUrl, keepCookieJarEmpty } from '../../../main/policy/cookie-guard';
import { createMemoryLogger } from '../../../main/log';
import { FakeCookieJar } from './fake-cookie-jar';

describe('keepCookieJarEmpty', () => {
  it('removes cookies left from an earlier run', async () => {
    const jar = new FakeCookieJar([
      { name: 'ory_kratos_session', value: 'old', domain: '.auth.example.com', path: '/', secure: true },
      { name: 'csrf', value: 'x', domain: 'localhost', path: '/api' },
    ]);
    await keepCookieJarEmpty(jar, createMemoryLogger());
    expect(jar.cookies.size).toBe(0);
  });

  it('removes any cookie set later, and logs its name but never its value', async () => {
    const jar = new FakeCookieJar();
    const log = createMemoryLogger();
    await keepCookieJarEmpty(jar, log);
    jar.set({ name: 'tracking', value: 'secret-cookie-value', domain: 'app.example', path: '/' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(jar.cookies.size).toBe(0);
    expect(log.lines.join('\n')).toContain('tracking');
    expect(log.lines.join('\n')).not.toContain('secret-cookie-value');
  });

  it('keeps removing cookies for as long as the app runs, whatever their domain, path or flags', async () => {
    const jar = new FakeCookieJar();
    await keepCookieJarEmpty(jar, createMemoryLogger());
    const setAtRunTime = [
      { name: 'ory_kratos_session', value: 'v1', domain: '.auth.example.com', path: '/', secure: true },
      { name: 'csrf_token_1', value: 'v2', domain: 'auth.example.com', path: '/self-service', secure: true },
      { name: 'pref', value: 'v3', domain: '127.0.0.1', path: '/' },
    ];
    for (const cookie of setAtRunTime) {
      jar.set(cookie);
      await new Promise((resolve) => setImmediate(resolve));
      expect(jar.cookies.size, cookie.name).toBe(0);
    }
  });

  it('logs a cookie it could not remove, without its value, and does not throw', async () => {
    const jar = new FakeCookieJar([{ name: 'stuck', value: 'stuck-cookie-value', domain: 'localhost' }]);
    jar.remove = async () => Promise.reject(new Error('cookie store is busy'));
    const log = createMemoryLogger();
    await keepCookieJarEmpty(jar, log);
    expect(log.lines.join('\n')).toMatch(/could not remove a cookie.*localhost.*cookie store is busy/);
    expect(log.lines.join('\n')).not.toContain('stuck-cookie-value');
  });

  it('builds the removal URL from domain, path and secure flag', () => {
    expect(cookieUrl({ name: 'n', domain: '.example.com', path: '/p', secure: true })).toBe(
      'https://example.com/p',
    );
    expect(cookieUrl({ name: 'n' })).toBe('http://localhost/');
  });
});
