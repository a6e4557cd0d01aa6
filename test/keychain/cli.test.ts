/**
 * A whole account life from the terminal, on the real keyring (the sandbox's gnome-keyring): kratos-desktop-cli
 * in tmux registers, adds an authenticator app, signs out, signs in with the second factor, lists and
 * revokes sessions and recovers the account — and the desktop app's main side (AppCore over the same Vault
 * service) shares every sign-in, both ways. No screen ever shows the session token.
 */
import { afterEach, expect, it } from 'vitest';
import { generate } from 'otplib';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppCore } from '../../main/app/core';
import { appName } from '../../main/app/user-data';
import { connectEndpoint } from '../../main/app/wiring';
import { createMemoryLogger } from '../../main/log';
import { Vault } from '../../main/vault/vault';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { TerminalPane } from '../support/tmux';
import {
  answerPrompts,
  buildCli,
  cliBundle,
  cliEnvironment,
  menuNumber,
  sessionTokenPattern,
} from '../cli/support';
import { secretToolLookup } from './secret-service';
import { Teardown } from './teardown';

const teardown = new Teardown();
afterEach(() => teardown.run());

const email = 'terminal-person@example.com';
const password = 'a terminal password 42';
const newPassword = 'a newer terminal password 43';

it('register, TOTP, sign out, second-factor sign-in, sessions, recovery — all from the terminal, shared with the app', async () => {
  buildCli();
  const emulator = await startTestEmulator();
  teardown.add(() => emulator.stop());
  const env = cliEnvironment({
    DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'] ?? '',
    XDG_RUNTIME_DIR: process.env['XDG_RUNTIME_DIR'] ?? '',
  });
  const screens: string[] = [];
  const cli = async (args: string) => {
    const pane = await TerminalPane.start(`node ${cliBundle} ${args} --endpoint ${emulator.url}`, { env });
    teardown.add(() => pane.stop());
    return pane;
  };
  /** Runs a command to its end; returns its exit status and keeps its screen for the token check. */
  const finish = async (pane: TerminalPane) => {
    const status = await pane.exitStatus(30_000);
    screens.push(await pane.screen());
    return status;
  };
  const totpCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  let secret = '';
  const secondFactor = { prompt: /^(Authentication code|.*[Cc]ode):$/, answer: () => totpCode(secret) };

  // 1. Register from the terminal; the token goes to the keychain (never on screen).
  const register = await cli('register');
  await answerPrompts(
    register,
    [
      { prompt: /^E-Mail( \[.*\])?:$/, answer: email },
      { prompt: /^Password:$/, answer: password },
      { prompt: /^Name( \[.*\])?:$/, answer: '' },
      { prompt: /^Choose/, answer: (screen) => menuNumber(screen, /^Password: /) },
    ],
    /KRATOS-CLI-EXIT:/,
  );
  expect(await finish(register)).toBe(0);
  expect(await secretToolLookup(process.env, appName, emulator.url)).toMatch(/^ory_st_/);

  // 2. A new process finds the sign-in in the keychain: whoami says who, as words and as JSON.
  const whoami = await cli('whoami --json');
  expect(await finish(whoami)).toBe(0);
  expect(screens.at(-1)).toContain(`"aal": "aal1"`);
  expect(screens.at(-1)).toContain(email);

  // 3. The desktop app's main side, on the same keychain entry, is signed in too.
  const app = await startApp(emulator);
  expect(await app.getState()).toMatchObject({ status: 'signed-in', session: { aal: 'aal1' } });

  // 4. Settings: turn on the authenticator app from the QR code's secret, then leave.
  const settings = await cli('settings');
  const menu = await settings.waitFor(/Choose 1–\d+:$/m);
  secret = /secret[^\n]*: ([A-Z2-7]{16,})$/im.exec(menu)?.[1] ?? '';
  expect(secret, menu).not.toBe('');
  expect(menu).toMatch(/[▀▄█]{10}/); // the QR code drawn with block characters
  let saved = false;
  await answerPrompts(
    settings,
    [
      {
        prompt: /^Choose/,
        answer: (screen) => {
          if (saved) return menuNumber(screen, /^Leave settings$/);
          saved = true;
          return menuNumber(screen, /^Authenticator app: /);
        },
      },
      { prompt: /^Verify code:$|^Authentication code:$|code:$/i, answer: () => totpCode(secret) },
    ],
    /KRATOS-CLI-EXIT:/,
  );
  expect(await finish(settings)).toBe(0);
  expect(screens.at(-1)).toContain('Your changes have been saved');

  // 5. Sign out from the terminal; the app notices at its next check.
  const logout = await cli('logout');
  expect(await finish(logout)).toBe(0);
  expect(await app.retry()).toMatchObject({ status: 'signed-out' });

  // 6. Sign in again: password, then the second factor from the authenticator app.
  const login = await cli('login');
  await answerPrompts(
    login,
    [
      { prompt: /^E-Mail( \[.*\])?:$|^ID:$/, answer: email },
      { prompt: /^Password:$/, answer: password },
      { prompt: /^Choose/, answer: (screen) => menuNumber(screen, /^Authenticator app: /) },
      secondFactor,
    ],
    /KRATOS-CLI-EXIT:/,
  );
  expect(await finish(login)).toBe(0);
  expect(screens.at(-1)).toContain('Second step: confirm it is you');
  expect(await app.retry()).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });

  // 7. Sessions: listed with this one marked; the others signed out after --yes.
  const sessions = await cli('sessions');
  expect(await finish(sessions)).toBe(0);
  expect(screens.at(-1)).toContain('* this session');
  const revoke = await cli('sessions revoke --others --yes');
  expect(await finish(revoke)).toBe(0);

  // 8. Recovery: the emailed code signs the person in, and the settings step sets a new password.
  const recover = await cli('recover');
  let passwordChanged = false;
  await answerPrompts(
    recover,
    [
      { prompt: /^E-Mail( \[.*\])?:$|^Email( \[.*\])?:$/, answer: email },
      {
        prompt: /^Recovery code:$|^Code:$/,
        answer: () =>
          emulator
            .outbox()
            .filter((mail) => mail.to === email && mail.template === 'recovery_code')
            .at(-1)!.code,
      },
      {
        prompt: /^Choose/,
        answer: (screen) => {
          // The code step offers "Resend code" beside the submit; settings offer "Leave settings" once saved.
          if (!/^ {2}\d+\. Password: /m.test(screen.slice(screen.lastIndexOf('== ')))) {
            return menuNumber(screen, /^Email code: (?!Resend)/i);
          }
          if (passwordChanged) return menuNumber(screen, /^Leave settings$/);
          passwordChanged = true;
          return menuNumber(screen, /^Password: /);
        },
      },
      { prompt: /^(New )?[Pp]assword:$/, answer: newPassword },
      secondFactor,
    ],
    /KRATOS-CLI-EXIT:/,
    45_000,
  );
  expect(await finish(recover)).toBe(0);

  // 9. Signed out in the app → the terminal notices at its next command.
  // (The app started now reads the recovery's sign-in from the keychain, then signs out.)
  const restarted = await startApp(emulator);
  expect(await restarted.getState()).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
  expect(await restarted.logout()).toMatchObject({ kind: 'ok' });
  const after = await cli('whoami');
  expect(await finish(after)).toBe(1);

  // Nothing any screen showed was a session token.
  for (const screen of screens) expect(screen).not.toMatch(sessionTokenPattern);
}, 240_000);

async function startApp(emulator: TestEmulator): Promise<AppCore> {
  const vault = await Vault.open({ service: appName });
  expect(vault.status().kind).toBe('persisted');
  const app = await AppCore.start({
    userDataDir: await mkdtemp(join(tmpdir(), 'app-data-cli-')),
    environmentUrl: emulator.url,
    keychain: vault,
    startEmulator: () => Promise.reject(new Error('an endpoint is always configured here')),
    connect: connectEndpoint,
    openExternal: async () => undefined,
    log: createMemoryLogger(),
  });
  teardown.add(() => app.stop());
  return app;
}
