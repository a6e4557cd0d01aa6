/**
 * One person's account life in the terminal client, as a script both servers run: register, turn on the
 * authenticator app from the drawn QR code's secret, sign out, sign in with the second factor, list and
 * revoke sessions, recover the account by emailed code and set a new password. Each command is its own
 * process, so every step after the first also proves the sign-in was kept in the keychain.
 *
 * `checkpoints` let a suite look in between (the keychain suite checks the app's main side there).
 */
import { generate } from 'otplib';
import { expect } from 'vitest';
import { TerminalPane } from '../support/tmux';
import { answerPrompts, cliBundle, menuNumber, sessionTokenPattern } from './support';

export interface JourneyOptions {
  url: string;
  /** The CLI's environment, with a D-Bus session that has an unlocked keyring. */
  env: Record<string, string>;
  /** The newest code of this kind the server "emailed" to `address`. */
  mailedCode(address: string, kind: 'recovery' | 'verification'): Promise<string>;
  /** Registers cleanup (panes are stopped after the test). */
  cleanup(step: () => Promise<void>): void;
  checkpoints?: Partial<
    Record<'registered' | 'signedOut' | 'signedInWithSecondFactor' | 'recovered', () => Promise<void>>
  >;
}

const journeyEmail = 'terminal-person@example.com';
const password = 'a terminal password 42';
const newPassword = 'a newer terminal password 43';

export async function runTerminalJourney(options: JourneyOptions): Promise<void> {
  const { url, env, checkpoints = {} } = options;
  const screens: string[] = [];
  const cli = async (args: string) => {
    const pane = await TerminalPane.start(`node ${cliBundle} ${args} --endpoint ${url}`, { env });
    options.cleanup(() => pane.stop());
    return pane;
  };
  /** Waits for a command to end with status 0; keeps its screen for the token check. */
  const finish = async (pane: TerminalPane) => {
    const status = await pane.exitStatus(30_000);
    const screen = await pane.screen();
    screens.push(screen);
    expect(status, screen).toBe(0);
  };
  const totpCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  let secret = '';
  const secondFactor = { prompt: /^(Authentication code|.*[Cc]ode):$/, answer: () => totpCode(secret) };

  // 1. Register (one step or two, as the server asks); the token goes to the keychain, never on screen.
  const register = await cli('register');
  await answerPrompts(
    register,
    [
      { prompt: /^Email( \[.*\])?:$/, answer: journeyEmail },
      { prompt: /^Password:$/, answer: password },
      { prompt: /^Name( \[.*\])?:$/, answer: '' },
      { prompt: /^Choose/, answer: (screen) => pick(screen, /^Password: /) },
      // Where the server asks to verify the address right after (continue_with show_verification_ui).
      { prompt: /^Verification code:$/, answer: () => options.mailedCode(journeyEmail, 'verification') },
    ],
    /KRATOS-CLI-EXIT:/,
  );
  await finish(register);
  await checkpoints.registered?.();

  // 2. A new process finds the sign-in in the keychain: whoami says who, as JSON.
  const whoami = await cli('whoami --json');
  await finish(whoami);
  expect(screens.at(-1)).toContain(`"aal": "aal1"`);
  expect(screens.at(-1)).toContain(journeyEmail);

  // 3. Settings: turn on the authenticator app from the QR code's secret, then leave.
  const settings = await cli('settings');
  const menu = await settings.waitFor(/Choose 1–\d+:$/m);
  secret = /secret[^\n]*: ([A-Z2-7]{16,})$/im.exec(menu)?.[1] ?? '';
  expect(secret, menu).not.toBe('');
  expect(menu).toMatch(/[▀▄█]{10}/); // the QR code, drawn with block characters
  // The window's button names, not Kratos's "Save" for each section.
  expect(menu).toContain('Authenticator app: Turn on authenticator app');
  expect(menu).not.toMatch(/: Save$/m);
  let step: 'turn on' | 'unlink' | 'leave' = 'turn on';
  await answerPrompts(
    settings,
    [
      {
        prompt: /^Choose/,
        answer: (screen) => {
          if (step === 'turn on') {
            step = 'unlink';
            return menuNumber(screen, /^Authenticator app: Turn on/);
          }
          if (step === 'unlink') {
            // Unlinking is asked first; "no" sends nothing and keeps the app linked.
            step = 'leave';
            return menuNumber(screen, /^Authenticator app: Unlink/);
          }
          return menuNumber(screen, /^Leave settings$/);
        },
      },
      { prompt: /code:$/i, answer: () => totpCode(secret) },
      { prompt: /Type "yes" to continue:$/, answer: 'no' },
    ],
    /KRATOS-CLI-EXIT:/,
  );
  await finish(settings);
  expect(screens.at(-1)).toContain('Your changes have been saved');
  expect(screens.at(-1)).toContain('Not confirmed; nothing was sent.');
  expect(screens.at(-1)!.replace(/\n/g, '')).toContain(
    'Unlink the authenticator app? Codes from your authenticator app',
  );

  // 4. Sign out from the terminal.
  const logout = await cli('logout');
  await finish(logout);
  await checkpoints.signedOut?.();

  // 5. Sign in again: password, then the second factor from the authenticator app.
  const login = await cli('login');
  await answerPrompts(
    login,
    [
      { prompt: /^Email( \[.*\])?:$|^ID( \[.*\])?:$/, answer: journeyEmail },
      { prompt: /^Password:$/, answer: password },
      { prompt: /^Choose/, answer: (screen) => pick(screen, /^Password: |^Authenticator app: /) },
      secondFactor,
    ],
    /KRATOS-CLI-EXIT:/,
  );
  await finish(login);
  expect(screens.at(-1)).toContain('Second step: confirm it is you');
  await checkpoints.signedInWithSecondFactor?.();

  // 6. `login` while signed in asks before starting over; "no" keeps the sign-in.
  const loginAgain = await cli('login');
  const question = await loginAgain.waitFor('Type "yes" to continue:');
  expect(question.replace(/\n/g, '')).toContain(
    `You are already signed in to ${url} as ${journeyEmail}. Sign in again?`,
  );
  await loginAgain.type('no');
  expect(await loginAgain.exitStatus()).toBe(1);
  expect(await loginAgain.screen()).toContain('Not confirmed; you stay signed in as before.');

  // 7. Sessions: listed with this one marked, also as JSON; the others signed out after --yes.
  const sessions = await cli('sessions');
  await finish(sessions);
  expect(screens.at(-1)).toContain('* this session');
  const sessionsJson = await cli('sessions --json');
  await finish(sessionsJson);
  const jsonScreen = screens.at(-1)!;
  const listed = JSON.parse(jsonScreen.slice(jsonScreen.indexOf('['), jsonScreen.lastIndexOf(']') + 1)) as {
    current: boolean;
    aal: string;
  }[];
  expect(listed.filter((session) => session.current)).toEqual([expect.objectContaining({ aal: 'aal2' })]);
  const revoke = await cli('sessions revoke --others --yes');
  await finish(revoke);

  // 8. Recovery: the emailed code signs the person in; the second factor, then a new password.
  const recover = await cli('recover');
  let passwordChanged = false;
  await answerPrompts(
    recover,
    [
      { prompt: /^Email( \[.*\])?:$/, answer: journeyEmail },
      { prompt: /^Recovery code:$|^Code:$/, answer: () => options.mailedCode(journeyEmail, 'recovery') },
      {
        prompt: /^Choose/,
        answer: (screen) => {
          // The code step offers "Resend code" beside the submit; settings offer "Leave settings" once saved.
          if (!/^ {2}\d+\. Password: /m.test(screen.slice(screen.lastIndexOf('== '))))
            return pick(screen, /^$/);
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
  await finish(recover);
  expect(passwordChanged).toBe(true);
  await checkpoints.recovered?.();

  // 9. Signed out, the new password signs in (the second factor again).
  await finish(await cli('logout'));
  const again = await cli('login');
  await answerPrompts(
    again,
    [
      { prompt: /^Email( \[.*\])?:$|^ID( \[.*\])?:$/, answer: journeyEmail },
      { prompt: /^Password:$/, answer: newPassword },
      { prompt: /^Choose/, answer: (screen) => pick(screen, /^Password: |^Authenticator app: /) },
      secondFactor,
    ],
    /KRATOS-CLI-EXIT:/,
  );
  await finish(again);
  expect(screens.at(-1)).toContain(`as ${journeyEmail}`);

  // Nothing any screen showed was a session token.
  for (const screen of screens) expect(screen).not.toMatch(sessionTokenPattern);
}

/**
 * The current menu's entry matching `preferred`, else its first entry that moves forward (not "Resend
 * code", not "Back", not a social provider: this journey is the password one).
 */
function pick(screen: string, preferred: RegExp): string {
  const current = screen.slice(screen.lastIndexOf('== '));
  const entries = [...current.matchAll(/^ {2}(\d+)\. (.*)$/gm)];
  const chosen =
    entries.find((entry) => preferred.test(entry[2] ?? '')) ??
    entries.find((entry) => !/Resend|Back|Leave|^Social sign-in:/i.test(entry[2] ?? ''));
  if (!chosen) throw new Error(`Nothing to choose. The screen:\n${screen}`);
  return chosen[1]!;
}
