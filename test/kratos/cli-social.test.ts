/**
 * Social sign-in from the terminal on a real Ory Kratos v1.3.1 with a real OpenID Provider (oidc-provider,
 * test/support/test-idp.ts): kratos-desktop-cli runs in tmux, its `$BROWSER` only records the provider's
 * address, and Chromium plays the person's browser there (test/support/system-browser.ts) through the IdP's
 * login and consent pages, after which Kratos sends it to the CLI's loopback listener. The server allows
 * exactly that listener (`selfservice.allowed_return_urls`), as docs/terminal-client.md tells operators to.
 */
import type { Page } from '@playwright/test';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { freePort, type RealKratos } from '../support/real-kratos';
import { type SystemBrowser } from '../support/system-browser';
import { TerminalPane } from '../support/tmux';
import {
  answerPrompts,
  buildCli,
  chooseExampleProvider,
  cliBundle,
  cliEnvironment,
  recordingBrowser,
  sessionTokenPattern,
} from '../cli/support';
import { kratosWithIdpForSuite } from './idp-suite';

let kratos: RealKratos;
let browser: SystemBrowser;
let callbackPort: number;
const panes: TerminalPane[] = [];

beforeAll(() => buildCli());
kratosWithIdpForSuite(
  async () => {
    callbackPort = await freePort();
    return { allowedReturnUrls: ['kratos-desktop://auth', `http://127.0.0.1:${callbackPort}/auth`] };
  },
  (running) => ({ kratos, browser } = running),
);
afterEach(async () => {
  await Promise.all(panes.splice(0).map((pane) => pane.stop()));
  await browser.reset();
});

/** `kratos-desktop-cli login`, its provider chosen; resolves with the tab the person's browser opened. */
async function loginThroughProvider(): Promise<{ pane: TerminalPane; tab: Page }> {
  const browserLauncher = recordingBrowser();
  const pane = await TerminalPane.start(
    `node ${cliBundle} login --endpoint ${kratos.url} --callback-port ${callbackPort}`,
    { env: cliEnvironment(browserLauncher.env) },
  );
  panes.push(pane);
  await answerPrompts(pane, [chooseExampleProvider], /Waiting for the browser/);
  const opened = await browserLauncher.opened(() => pane.screen());
  await browser.openExternal(opened);
  return { pane, tab: await browser.page() };
}

/** The IdP's development pages: any password; then "Continue" (grant) or "[ Cancel ]" (deny). */
async function atIdp(tab: Page, login: string, consent: 'grant' | 'deny'): Promise<void> {
  await tab.fill('input[name=login]', login);
  await tab.fill('input[name=password]', 'any password: the IdP is a test double for the person');
  await tab.click('button[type=submit]');
  const grant = tab.getByRole('button', { name: 'Continue' });
  await grant.waitFor({ timeout: 20_000 });
  if (consent === 'grant') await grant.click();
  else await tab.getByRole('link', { name: '[ Cancel ]' }).click();
}

it('signs a new person in through the real IdP and the loopback callback, nothing secret on screen', async () => {
  const email = `terminal-social-${Date.now()}@example.org`;
  const { pane, tab } = await loginThroughProvider();
  await atIdp(tab, email, 'grant');
  await expect
    .poll(() => tab.url(), { timeout: 20_000 })
    // Kratos keeps the sign-in's value (s) of the return_to the terminal created the flow with (issue 21).
    .toMatch(
      new RegExp(
        `^http://127\\.0\\.0\\.1:${callbackPort}/auth/callback\\?(?=.*\\bcode=)(?=.*\\bs=[\\w-]{32}(&|$))`,
      ),
    );
  expect(await pane.exitStatus(30_000)).toBe(0);
  const screen = await pane.screen();
  expect(screen).toContain(`as ${email}`);
  expect(screen).not.toMatch(sessionTokenPattern);
  expect(screen).not.toContain(new URL(tab.url()).searchParams.get('code'));
  await expect.poll(() => tab.textContent('body')).toContain('return to the terminal');
}, 90_000);

it("the person's refusal at the IdP comes back to the terminal as the sign-in form with the reason", async () => {
  const { pane, tab } = await loginThroughProvider();
  await atIdp(tab, `terminal-refuses-${Date.now()}@example.org`, 'deny');
  const screen = await pane.waitFor(/Choose 1–\d+( \[\d+\])?:$/m, { timeoutMs: 30_000 });
  expect(screen.slice(screen.indexOf('Waiting for the browser'))).toMatch(
    /^! The sign-in at the provider was declined/m,
  );
  await pane.press('C-c');
  expect(await pane.exitStatus()).toBe(130);
}, 90_000);
