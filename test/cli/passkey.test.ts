/**
 * Passkeys from the terminal, as a person does it: kratos-desktop-cli in a real terminal (tmux) offers the
 * passkey buttons in its menus; its `$BROWSER` only records the address, and Chromium with a virtual
 * authenticator plays the person's browser at the passkey page (the emulator's own), which hands the passkey
 * back to the CLI's loopback listener (`http://127.0.0.1:<port>/auth/passkey`). Proves: sign up with a
 * passkey, then sign in with it in another run, with no token, credential or flow id on screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../emulator/index';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { freePort } from '../support/real-kratos';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';
import { TerminalPane } from '../support/tmux';
import {
  answerPrompts,
  buildCli,
  cliBundle,
  cliEnvironment,
  menuNumber,
  recordingBrowser,
  sessionTokenPattern,
} from './support';

let emulator: TestEmulator;
let person: SystemBrowser;
const panes: TerminalPane[] = [];

beforeAll(async () => {
  buildCli();
  emulator = await startTestEmulator({ config: { methods: { ...defaultConfig.methods, passkey: true } } });
  person = await launchSystemBrowser({ passkeys: true });
}, 60_000);
afterAll(async () => {
  await person?.close();
  await emulator?.stop();
});
afterEach(async () => {
  await Promise.all(panes.splice(0).map((pane) => pane.stop()));
});

/** The CLI on the emulator, told its passkey page as an operator would, with a recording `$BROWSER`. */
async function cli(args: string) {
  const port = await freePort();
  const launcher = recordingBrowser();
  const page = `http://localhost:${new URL(emulator.url).port}/passkey`;
  const pane = await TerminalPane.start(
    `node ${cliBundle} ${args} --endpoint ${emulator.url} --callback-port ${port}`,
    { env: cliEnvironment({ ...launcher.env, KRATOS_PASSKEY_PAGE_URL: page }) },
  );
  panes.push(pane);
  return { pane, port, openedUrl: () => launcher.opened(() => pane.screen()) };
}

/** The person at the passkey page the CLI opened: "Continue", and the page leaves for the listener. */
async function atThePage(openedUrl: () => Promise<string>, port: number): Promise<string> {
  const url = await openedUrl();
  expect(url.startsWith(`http://localhost:${new URL(emulator.url).port}/passkey#`)).toBe(true);
  await person.openExternal(url);
  const back = await person.atPasskeyPage('continue', { returnsTo: 'loopback' });
  expect(back.startsWith(`http://127.0.0.1:${port}/auth/passkey?`)).toBe(true);
  return back;
}

function expectNothingSecret(screen: string, back: string) {
  expect(screen).not.toMatch(sessionTokenPattern);
  const credential = new URL(back).searchParams.get('credential') ?? '';
  expect(credential).not.toBe('');
  expect(screen).not.toContain(credential.slice(0, 24));
}

describe('passkeys from the terminal', { timeout: 90_000 }, () => {
  it('signs up with a passkey, then signs in with it in another run', async () => {
    const email = `terminal-passkey-${Date.now()}@example.org`;
    const signUp = await cli('register');
    await answerPrompts(
      signUp.pane,
      [
        { prompt: /E-?mail/i, answer: email },
        { prompt: /^Name/, answer: 'Terminal Person' },
        // Step 1 (the address), then the passkey on step 2.
        {
          prompt: /^Choose/,
          answer: (screen) =>
            /Sign up with passkey/.test(screen.slice(screen.lastIndexOf('Step ')))
              ? menuNumber(screen, /Sign up with passkey/)
              : menuNumber(screen, /Continue/),
        },
      ],
      /Waiting for the browser/,
    );
    const created = await atThePage(signUp.openedUrl, signUp.port);
    expect(await signUp.pane.exitStatus()).toBe(0);
    const signUpScreen = await signUp.pane.screen();
    expect(signUpScreen).toContain(`as ${email}`);
    expectNothingSecret(signUpScreen, created);

    const signIn = await cli('login');
    const menu = await signIn.pane.waitFor(/Choose 1–\d+( \[\d+\])?:$/m);
    // The preset (Enter) is never the browser: the passkey is a choice of its own.
    const preset = /Choose 1–\d+ \[(\d+)\]:/.exec(menu)?.[1];
    expect(preset).not.toBe(menuNumber(menu, /Sign in with passkey/));
    await answerPrompts(
      signIn.pane,
      [{ prompt: /^Choose/, answer: (screen) => menuNumber(screen, /Sign in with passkey/) }],
      /Waiting for the browser/,
    );
    const used = await atThePage(signIn.openedUrl, signIn.port);
    expect(await signIn.pane.exitStatus()).toBe(0);
    const signInScreen = await signIn.pane.screen();
    expect(signInScreen).toContain(`as ${email}`);
    expectNothingSecret(signInScreen, used);
  });
});
