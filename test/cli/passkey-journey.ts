/**
 * Passkeys from the terminal, as a person does it, on any server (the emulator: test/cli/passkey.test.ts;
 * real Kratos v26.2.0: test/kratos/cli-passkey.test.ts): kratos-desktop-cli in a real terminal (tmux) offers
 * the passkey buttons in its menus; its `$BROWSER` only records the address, and Chromium with a virtual
 * authenticator plays the person's browser at the passkey page, which hands the passkey back to the CLI's
 * loopback listener (`http://127.0.0.1:<port>/auth/passkey`). Proves: sign up with a passkey, then sign in
 * with it in another run, with no token, credential or flow id on screen.
 */
import { expect } from 'vitest';
import { freePort } from '../support/real-kratos';
import type { SystemBrowser } from '../support/system-browser';
import { TerminalPane } from '../support/tmux';
import { answerPrompts, cliEnvironment, menuNumber, recordingBrowser, sessionTokenPattern } from './support';

export interface TerminalPasskeyServer {
  /** The passkey page the CLI must open (learned from its environment or its operator's configuration). */
  pageUrl: string;
  person: SystemBrowser;
  /** The command that starts the CLI on the server, without its command and `--callback-port`. */
  command: string;
  /** The CLI's environment beyond `$BROWSER` (cliEnvironment's fresh HOME is added). */
  env: Record<string, string>;
  /** Each pane started, for the test to stop afterwards. */
  panes: TerminalPane[];
}

/** The CLI on the server with a recording `$BROWSER` and a loopback listener of its own. */
async function cli(server: TerminalPasskeyServer, command: 'register' | 'login') {
  const port = await freePort();
  const launcher = recordingBrowser();
  const pane = await TerminalPane.start(`${server.command} ${command} --callback-port ${port}`, {
    env: cliEnvironment({ ...server.env, ...launcher.env }),
  });
  server.panes.push(pane);
  return { pane, port, openedUrl: () => launcher.opened(() => pane.screen()) };
}

/**
 * The person at the passkey page the CLI opened: "Continue", and the page leaves for the listener; then the
 * CLI ends signed in as `email`, with nothing secret on its screen.
 */
async function atThePageSignedIn(
  server: TerminalPasskeyServer,
  run: Awaited<ReturnType<typeof cli>>,
  email: string,
): Promise<void> {
  const url = await run.openedUrl();
  expect(url.startsWith(`${server.pageUrl}#`)).toBe(true);
  await server.person.openExternal(url);
  const back = await server.person.atPasskeyPage('continue', { returnsTo: 'loopback' });
  expect(back.startsWith(`http://127.0.0.1:${run.port}/auth/passkey?`)).toBe(true);
  expect(await run.pane.exitStatus()).toBe(0);
  const screen = await run.pane.screen();
  expect(screen).toContain(`as ${email}`);
  expect(screen).not.toMatch(sessionTokenPattern);
  const credential = new URL(back).searchParams.get('credential') ?? '';
  expect(credential).not.toBe('');
  expect(screen).not.toContain(credential.slice(0, 24));
}

export async function terminalPasskeyJourney(server: TerminalPasskeyServer): Promise<void> {
  const email = `terminal-passkey-${Date.now()}@example.org`;
  const signUp = await cli(server, 'register');
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
  await atThePageSignedIn(server, signUp, email);

  const signIn = await cli(server, 'login');
  const menu = await signIn.pane.waitFor(/Choose 1–\d+( \[\d+\])?:$/m);
  // The preset (Enter) is never the browser: the passkey is a choice of its own.
  const preset = /Choose 1–\d+ \[(\d+)\]:/.exec(menu)?.[1];
  expect(preset).not.toBe(menuNumber(menu, /Sign in with passkey/));
  await answerPrompts(
    signIn.pane,
    [{ prompt: /^Choose/, answer: (screen) => menuNumber(screen, /Sign in with passkey/) }],
    /Waiting for the browser/,
  );
  await atThePageSignedIn(server, signIn, email);
}
