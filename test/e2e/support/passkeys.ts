/**
 * Passkeys in the window, for the e2e specs (test/e2e/passkeys.spec.ts, request-budget.spec.ts): the app on a
 * server that offers passkeys, its passkey page, and the person's browser with a CDP virtual authenticator
 * (test/support/system-browser.ts); the `kratos-desktop://auth/passkey` link the page hands back goes to the
 * app's deep-link entry point, as the OS does. On the emulator the page is its own
 * (http://localhost:<port>/passkey); on real Kratos v26.2.0 a page server of the test's own, whose origin is in
 * `rp.origins`. The session token, the link and the credential in it join the leak check.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { defaultConfig, type Exchange } from '../../../emulator/index';
import { validateOperatorConfig, type OperatorConfig } from '../../../main/app/operator-config';
import { startPasskeyPage } from '../../support/passkey-page';
import { launchSystemBrowser, type SystemBrowser } from '../../support/system-browser';
import { expectAccessible } from './audit';
import { aalBadge, registerInWindow } from './person';
import { serverKind } from './test-server';
import type { ServerOptions } from './test-server';
import type { e2eWorld, Running, World } from './world';

export interface PasskeyApp {
  world: World;
  running: Running;
  page: Page;
  browser: SystemBrowser;
}

/** What a test may set for its passkey app (each absent: as `npm start`'s app on a fresh server). */
export interface PasskeyAppOptions {
  /** Sees every request the server answers (request counts). */
  onExchange?: (exchange: Exchange) => void;
  /** The window's language, as main names it in the page's address (`de-DE`). */
  language?: string;
  /**
   * The server's `privileged_session_max_age`, and the operator's configuration saying it
   * (`privilegedSessionMaxAge`, docs/passkeys.md#re-authentication-first): the app knows the server's age.
   */
  privilegedSessionMaxAgeMs?: number;
}

/**
 * `open(browser)`: the app on a passkey server (a new one per test). Installs the hook that stops the test's
 * system browser and page server after it.
 */
export function passkeyWorld(world: ReturnType<typeof e2eWorld>) {
  const stops: (() => Promise<void>)[] = [];
  test.afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  return {
    async open(
      browser: Browser,
      { onExchange, language, privilegedSessionMaxAgeMs }: PasskeyAppOptions = {},
    ): Promise<PasskeyApp> {
      const page = serverKind() === 'kratos' ? await startPasskeyPage() : undefined;
      if (page) stops.push(() => page.stop());
      const created = await world.create(
        browser,
        startOptions({ pageOrigin: page?.origin, onExchange, privilegedSessionMaxAgeMs }),
      );
      const system = await launchSystemBrowser({ passkeys: true });
      stops.push(() => system.close());
      const pageUrl = page?.url ?? `http://localhost:${new URL(created.server.url).port}/passkey`;
      const running = await created.open({
        openExternal: system.openExternal,
        passkeyPageUrl: pageUrl,
        ...(language === undefined ? {} : { language }),
        ...(privilegedSessionMaxAgeMs === undefined
          ? {}
          : { operator: operatorSaying(created.server.url, privilegedSessionMaxAgeMs) }),
      });
      return { world: created, running, page: running.app.page, browser: system };
    },
  };
}

/** The operator's configuration of `url` naming its privileged age, as `npm run dist` would package it. */
function operatorSaying(url: string, privilegedSessionMaxAgeMs: number): OperatorConfig {
  const checked = validateOperatorConfig({
    kratosPublicUrl: url,
    allowServerChange: true,
    privilegedSessionMaxAge: `${privilegedSessionMaxAgeMs}ms`,
  });
  if (!checked.ok) throw new Error(checked.problems.join('; '));
  return checked.config;
}

function startOptions({
  pageOrigin,
  onExchange,
  privilegedSessionMaxAgeMs,
}: {
  pageOrigin: string | undefined;
} & Pick<PasskeyAppOptions, 'onExchange' | 'privilegedSessionMaxAgeMs'>): ServerOptions {
  const age = privilegedSessionMaxAgeMs === undefined ? {} : { privilegedSessionMaxAgeMs };
  // The emulator turns the method on; real Kratos is configured for passkeys with the page's origin.
  return {
    ...(pageOrigin
      ? { kratos: { passkeyOrigins: [pageOrigin] }, config: age }
      : { config: { methods: { ...defaultConfig.methods, passkey: true }, ...age } }),
    ...(onExchange ? { onExchange } : {}),
  };
}

/** Presses the passkey button named `name` and checks the waiting screen. */
export async function pressPasskey(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  const wait = page.getByTestId('flow/browser-wait');
  await expect(wait).toBeVisible();
  await expect(wait.getByRole('heading', { name: 'Continue in your browser…' })).toBeFocused();
  await expect(wait.getByTestId('progress')).toContainText('Waiting for your passkey in your browser');
  await expectAccessible(page, 'the "Continue in your browser" screen for a passkey');
}

/**
 * The person at the passkey page; the link it hands back goes to the app as the OS hands it over. Resolves
 * with that link (in the leak watch, with its credential).
 */
export async function atThePage(
  app: PasskeyApp,
  choice: 'continue' | 'cancel' = 'continue',
): Promise<string> {
  const link = await app.browser.atPasskeyPage(choice);
  app.world.watch.addToken(link);
  const credential = new URL(link).searchParams.get('credential');
  if (credential) app.world.watch.addToken(credential);
  await app.running.main.core.followDeepLink(link).settled;
  return link;
}

/** Sign-up's first step: the address; Kratos answers with the step that offers the passkey button. */
export async function enterSignUpAddress(page: Page, email: string): Promise<void> {
  await page.getByTestId('nav/registration').click();
  const form = page.getByTestId('flow/registration');
  await form.getByTestId('field/traits.email').fill(email);
  await form.getByTestId('field/method/profile').click();
}

/** Sign-up: the address first, then "Sign up with passkey" on the screen Kratos answers with. */
export async function signUpWithPasskey(app: PasskeyApp, email: string): Promise<void> {
  const { page } = app;
  await enterSignUpAddress(page, email);
  await pressPasskey(page, 'Sign up with passkey');
  await atThePage(app);
  await signedInAs(app, email);
}

export async function signedInAs(app: PasskeyApp, email: string): Promise<void> {
  await expect(aalBadge(app.page)).toHaveText('aal1');
  await expect(app.page.getByTestId('topbar/identity')).toContainText(email);
  app.world.watch.addToken(await app.running.main.keychain.store.get(app.world.server.url));
}

export const uniqueEmail = (who: string) =>
  `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`;

/**
 * A short privileged age for the server and the operator's setting alike, passed by waiting (real Kratos
 * cannot be moved in time): docs/passkeys.md#re-authentication-first.
 */
export const shortPrivilegedAgeMs = 3_000;

/** Signs up with a password in the window, then waits until that session is past the privileged age. */
export async function oldPasswordSession(app: PasskeyApp, email: string): Promise<void> {
  await registerInWindow(app.page, email);
  await signedInAs(app, email);
  await new Promise((resolve) => setTimeout(resolve, shortPrivilegedAgeMs + 500));
}

/** "Confirm it's you" shown for "Add passkey": the account, the password field in focus, no page opened. */
export async function confirmBeforeThePage(app: PasskeyApp, email: string): Promise<void> {
  const { page } = app;
  const confirm = page.getByTestId('flow/confirm-identity');
  await expect(confirm.locator('h3').first()).toHaveText("Confirm it's you");
  await expect(confirm.getByTestId('confirm-identity/account')).toHaveText(`Signed in as ${email}`);
  await expect(page.getByTestId('flow/login').getByTestId('field/password')).toBeFocused();
  await expect(page.getByTestId('flow/browser-wait')).toHaveCount(0);
  expect(app.running.main.opened, 'no page before the person is confirmed').toEqual([]);
}
