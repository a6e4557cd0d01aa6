import { describe, expect, it } from 'vitest';
import { desktopUserAgent, parseDesktopUserAgent } from '../../shared/user-agent';

const facts = { version: '0.1.0', platform: 'linux', host: 'ada-laptop' };

describe('the user agents of the window and the terminal', () => {
  it('names the client, its version, the system and the host', () => {
    expect(desktopUserAgent('app', facts)).toBe('kratos-desktop/0.1.0 (Linux; ada-laptop)');
    expect(desktopUserAgent('terminal', { ...facts, platform: 'darwin' })).toBe(
      'kratos-desktop-cli/0.1.0 (macOS; ada-laptop)',
    );
    expect(desktopUserAgent('app', { ...facts, platform: 'win32', host: '' })).toBe(
      'kratos-desktop/0.1.0 (Windows)',
    );
  });

  it('keeps a host name from breaking the header or its comment', () => {
    const agent = desktopUserAgent('app', { ...facts, host: 'evil)\r\nX-Session-Token: x; (Ünïcode' });
    expect(agent).toBe('kratos-desktop/0.1.0 (Linux; evilX-Session-Token: x ncode)');
    expect(agent).not.toMatch(/[\r\n]/);
    expect(desktopUserAgent('app', { ...facts, host: 'h'.repeat(500) }).length).toBeLessThan(120);
  });

  it('reads both back, and the bare name older versions sent', () => {
    expect(parseDesktopUserAgent('kratos-desktop-cli/0.1.0 (Linux; ada-laptop)')).toEqual({
      client: 'terminal',
      version: '0.1.0',
      system: 'Linux',
      host: 'ada-laptop',
    });
    expect(parseDesktopUserAgent('kratos-desktop')).toEqual({
      client: 'app',
      version: undefined,
      system: undefined,
      host: undefined,
    });
    expect(parseDesktopUserAgent('Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0')).toBeUndefined();
    expect(parseDesktopUserAgent('kratos-desktop-evil/1.0')).toBeUndefined();
  });

  it('reads back whatever it writes', () => {
    for (const client of ['app', 'terminal'] as const) {
      for (const platform of ['linux', 'darwin', 'win32', 'freebsd']) {
        const agent = desktopUserAgent(client, { ...facts, platform });
        expect(parseDesktopUserAgent(agent)?.client).toBe(client);
        expect(parseDesktopUserAgent(agent)?.host).toBe('ada-laptop');
      }
    }
  });
});
