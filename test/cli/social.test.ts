/**
 * Social sign-in from the terminal, as a person does it: kratos-desktop-cli runs in a real terminal (tmux),
 * its `$BROWSER` is a stand-in launcher that only records the address (as xdg-open would receive it), and
 * Chromium plays the person's browser at that address — the emulator's "Example IdP", whose redirects end at
 * the CLI's loopback listener. Proves: signed in through the browser with no token on screen, Ctrl-C while
 * waiting cancels, a provider's "Deny" comes back in words, and a server that does not allow the listener's
 * address gets the line its operator must add.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../emulator/index';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { EXAMPLE_IDP_PASSWORD } from '../support/example-idp';
import { TerminalPane } from '../support/tmux';
import { freePort } from '../support/real-kratos';
import {
  answerPrompts,
  buildCli,
  chooseExampleProvider,
  cliBundle,
  cliEnvironment,
  recordingBrowser,
  sessionTokenPattern,
} from './support';

let browser: Browser;
const panes: TerminalPane[] = [];
const emulators: TestEmulator[] = [];

beforeAll(async () => {
  buildCli();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});
afterAll(() => browser.close());
afterEach(async () => {
  await Promise.all(panes.splice(0).map((pane) => pane.stop()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.stop()));
});

/** An emulator that allows `http://127.0.0.1:<allowedPort>/auth` as a return address. */
async function emulatorAllowing(allowedPort: number): Promise<TestEmulator> {
  const emulator = await startTestEmulator({
    config: {
      allowedReturnUrls: [...defaultConfig.allowedReturnUrls, `http://127.0.0.1:${allowedPort}/auth`],
    },
  });
  emulators.push(emulator);
  return emulator;
}

/** The CLI, with a `$BROWSER` that records the address instead of opening anything. */
async function cli(emulator: TestEmulator, args: string, callbackPort: number) {
  const browserLauncher = recordingBrowser();
  const pane = await TerminalPane.start(
    `node ${cliBundle} ${args} --endpoint ${emulator.url} --callback-port ${callbackPort}`,
    { env: cliEnvironment(browserLauncher.env) },
  );
  panes.push(pane);
  return { pane, openedUrl: () => browserLauncher.opened(() => pane.screen()) };
}

/** The person at the IdP's page in their browser: picks an address (or denies); returns the last page. */
async function atIdp(url: string, decision: { email: string } | 'deny'): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  if (decision === 'deny') await page.getByRole('button', { name: 'Deny' }).click();
  else {
    await page.getByLabel(/e-?mail/i).fill(decision.email);
    await page.getByLabel('Password').fill(EXAMPLE_IDP_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  await page.waitForLoadState();
  return page;
}

describe('social sign-in from the terminal', { timeout: 60_000 }, () => {
  it('opens the browser at the provider, comes back on the loopback callback, and is signed in', async () => {
    const port = await freePort();
    const emulator = await emulatorAllowing(port);
    const { pane, openedUrl } = await cli(emulator, 'login', port);
    await answerPrompts(pane, [chooseExampleProvider], /Waiting for the browser/);
    const url = await openedUrl();
    expect(url.startsWith(`${emulator.url}/`)).toBe(true);
    expect(await pane.screen()).toContain(url); // printed too, for a browser the CLI could not start

    const page = await atIdp(url, { email: 'terminal-social@example.com' });
    expect(page.url()).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/auth/callback\\?s=[\\w-]{32}&code=`),
    ); // this sign-in's own value first (issue 21 item 2)
    await expect.poll(() => page.textContent('body')).toContain('return to the terminal');
    expect(await pane.exitStatus()).toBe(0);
    const screen = await pane.screen();
    expect(screen).toContain('as terminal-social@example.com');
    expect(screen).not.toMatch(sessionTokenPattern);
    // The return code was in the browser's address bar only, never on the terminal.
    expect(screen).not.toContain(new URL(page.url()).searchParams.get('code'));
    await page.close();
  });

  it('Ctrl-C while waiting for the browser cancels: status 130, and the listener is gone', async () => {
    const port = await freePort();
    const emulator = await emulatorAllowing(port);
    const { pane, openedUrl } = await cli(emulator, 'login', port);
    await answerPrompts(pane, [chooseExampleProvider], /Waiting for the browser/);
    await openedUrl();
    await pane.press('C-c');
    expect(await pane.exitStatus()).toBe(130);
    expect(await pane.screen()).toContain('Cancelled; nothing more was sent.');
    await expect(fetch(`http://127.0.0.1:${port}/auth/callback?code=${'a'.repeat(32)}`)).rejects.toThrow();
  });

  it("the provider's Deny comes back as the sign-in form with the reason in words", async () => {
    const port = await freePort();
    const emulator = await emulatorAllowing(port);
    const { pane, openedUrl } = await cli(emulator, 'login', port);
    await answerPrompts(pane, [chooseExampleProvider], /Waiting for the browser/);
    const page = await atIdp(await openedUrl(), 'deny');
    await page.close();
    const screen = await pane.waitFor(/Choose 1–\d+( \[\d+\])?:$/m);
    expect(screen.slice(screen.indexOf('Waiting for the browser'))).toMatch(
      /^! The sign-in at the provider was declined/m,
    );
    await pane.press('C-c');
    expect(await pane.exitStatus()).toBe(130);
  });

  it('a server that does not allow the listener: password sign-in still offered, the provider names the line to add', async () => {
    const port = await freePort();
    const emulator = await emulatorAllowing(port);
    const { pane } = await cli(emulator, 'login', port + 1 === 65_536 ? port - 1 : port + 1);
    const screen = await answerPrompts(pane, [chooseExampleProvider], /KRATOS-CLI-EXIT:/);
    expect(screen).toMatch(/add `http:\/\/127\.0\.0\.1:\d+\/auth` to `selfservice\.allowed_return_urls`/);
    expect(await pane.exitStatus()).toBe(1);
  });
});
