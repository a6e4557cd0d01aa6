/**
 * Where the desktop app keeps its settings, so the terminal client finds the same saved endpoint. This is
 * Electron's `app.getPath('userData')` rule (appData + the app's name), written out because the CLI runs
 * without Electron; `KRATOS_DESKTOP_USER_DATA` overrides it in both, as in main/index.ts.
 */
import path from 'node:path';

/** The app's name: Electron's `app.getName()` (package.json productName), also the keychain service name. */
export const appName = 'Kratos Desktop';
export const userDataEnvironmentVariable = 'KRATOS_DESKTOP_USER_DATA';

export function appUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  const override = env[userDataEnvironmentVariable];
  if (override) return path.resolve(override);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  if (platform === 'win32')
    return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), appName);
  return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), appName);
}
