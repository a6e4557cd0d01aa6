/**
 * The terminal client finds the desktop app's settings where Electron keeps them (app.getPath('userData')),
 * and uses the app's keychain service name, so both share one saved endpoint and one keychain entry.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appName, appUserDataDir } from '../../../main/app/user-data';

describe('the app user data directory, as Electron computes it', () => {
  it('Linux: $XDG_CONFIG_HOME/<app name>, else ~/.config/<app name>', () => {
    expect(appUserDataDir('linux', { XDG_CONFIG_HOME: '/x/config' }, '/home/ada')).toBe(
      '/x/config/Kratos Desktop',
    );
    expect(appUserDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Kratos Desktop');
  });

  it('macOS: ~/Library/Application Support/<app name>; Windows: %APPDATA%\\<app name>', () => {
    expect(appUserDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Kratos Desktop',
    );
    expect(appUserDataDir('win32', { APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'C:/Users/ada')).toBe(
      path.join('C:/Users/ada/AppData/Roaming', 'Kratos Desktop'),
    );
  });

  it('KRATOS_DESKTOP_USER_DATA wins everywhere, as in the app', () => {
    expect(appUserDataDir('linux', { KRATOS_DESKTOP_USER_DATA: '/tmp/profile' }, '/home/ada')).toBe(
      '/tmp/profile',
    );
  });

  it("the name is package.json's productName, which Electron's app.getName() returns", () => {
    const manifest = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
    ) as {
      productName: string;
    };
    expect(appName).toBe(manifest.productName);
  });
});
