/**
 * The window's frame around the screens, against a scripted main (harness/scripted.ts): the keychain
 * banner (one sentence, the rest on demand, interrupting only when it is news), the last known session
 * kept on screen while the server is away, who is signed in in the top bar, and the note after signing
 * out; dark mode following the system. Every window is audited with axe when it closes (in the colour
 * scheme it shows). With `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` it refreshes docs/screenshots/offline.png and
 * dark.png.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ActionResponse, FlowResponse, SessionView } from '../../../shared/ipc-contract';
import {
  base,
  later,
  loginFlow,
  ok,
  open,
  pendingAnswer,
  settingsScript,
  signedIn,
  signedOut,
  signInScript,
} from '../harness/scripted';
import { luminance, parseColor } from '../support/colour';
import { screenshot } from '../support/person';

const memoryKeychain = {
  kind: 'memory',
  reason: 'No keyring service (such as GNOME Keyring or KWallet) is running in your desktop session.',
  hint: 'Install and start GNOME Keyring, then try the keychain again.',
} as const;

/** The nearest element at or above `element` whose changes a screen reader announces, described; else null. */
const liveRegionAround = (element: Locator) =>
  element.evaluate((node) => {
    const region = node.closest('[role=alert], [role=status], [role=log], [role=timer], [aria-live]');
    return region === null ? null : region.outerHTML.slice(0, 120);
  });

const occurrences = (text: string, part: string) => text.split(part).length - 1;

const unfocus = (page: Page) =>
  page
    .locator('body')
    .evaluate((body) => (body.ownerDocument.activeElement as unknown as { blur(): void } | null)?.blur());

test.describe('the keychain banner', () => {
  test('one sentence and its button; why and how to fix it only on demand; a problem from the start is not an alert', async ({
    browser,
  }) => {
    const app = await open(
      browser,
      signInScript({
        'kratos:getState': ok<SessionView>({ ...signedOut, keychain: memoryKeychain }),
        'kratos:retryKeychain': ok<ActionResponse>({
          kind: 'error',
          message: 'The keychain still cannot be used.',
        }),
      }),
    );
    const { page } = app;
    const banner = page.getByTestId('banner/keychain');
    await expect(banner).toHaveAttribute('role', 'status');
    await expect(banner).toContainText(
      'Your sign-in is not saved: you will have to sign in again after a restart.',
    );
    // The details are folded: the reason and the hint are not on screen until asked for.
    await expect(banner.getByText(memoryKeychain.reason)).toBeHidden();
    await expect(banner.getByText(memoryKeychain.hint)).toBeHidden();
    // Small: one line and a disclosure, not a wall of text above every screen.
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(110);

    await banner.getByText('Why, and how to fix it').click();
    await expect(banner.getByText(memoryKeychain.reason)).toBeVisible();
    await expect(banner.getByText(memoryKeychain.hint)).toBeVisible();

    // The hint says "try the keychain again": that is the button's name.
    await banner.getByRole('button', { name: 'Try the keychain again' }).click();
    await expect(banner.getByRole('alert')).toHaveText('The keychain still cannot be used.');
    // Nothing said twice after the retry.
    const text = (await banner.textContent()) ?? '';
    expect(occurrences(text, memoryKeychain.reason)).toBe(1);
    expect(occurrences(text, memoryKeychain.hint)).toBe(1);
    expect(occurrences(text, 'sign in again')).toBe(1);
    await app.close();
  });

  test('the keychain stopping while the app runs is announced (alert), and the banner goes once it works', async ({
    browser,
  }) => {
    const app = await open(browser, signInScript());
    const { page } = app;
    await expect(page.getByTestId('flow/login')).toBeVisible();
    await expect(page.getByTestId('banner/keychain')).toHaveCount(0);
    await app.send('kratos:state', { ...signedOut, keychain: memoryKeychain });
    await expect(page.getByTestId('banner/keychain')).toHaveAttribute('role', 'alert');
    await app.send('kratos:state', signedOut);
    await expect(page.getByTestId('banner/keychain')).toHaveCount(0);
    await app.close();
  });
});

test.describe('the server away', () => {
  const session = (signedIn(later()) as Extract<SessionView, { status: 'signed-in' }>).session;
  const message = 'Cannot reach the Kratos server at http://127.0.0.1:4433 (connection refused).';
  const unreachable: SessionView = {
    ...base,
    status: 'unreachable',
    message,
    retryAt: new Date(Date.now() + 8_000).toISOString(),
    rateLimited: false,
    lastSession: session,
  };

  test('the last known session stays on screen under the banner, marked as not current; said once', async ({
    browser,
  }) => {
    const app = await open(browser, {
      'kratos:getState': ok(signedIn(later())),
      'kratos:retry': ok(unreachable),
    });
    const { page } = app;
    await expect(page.getByRole('heading', { name: 'Your session' })).toBeVisible();
    await app.send('kratos:state', unreachable);

    const panel = page.getByTestId('session');
    await expect(panel).toHaveAttribute('data-stale', 'true');
    await expect(panel.getByRole('heading', { name: 'Your last known session' })).toBeVisible();
    await expect(panel.getByTestId('session/stale')).toHaveText(
      'Not confirmed by the server right now: this is what it said last time.',
    );
    await expect(panel.getByTestId('session/identity')).toContainText('ada@example.com');
    await expect(page.getByTestId('topbar/identity')).toHaveText('Signed in as ada@example.com');
    await expect(page).toHaveTitle('Your session (not confirmed) – Kratos Desktop');
    await expect(page.getByTestId('nav/settings')).toBeVisible(); // the same screen, not a bare panel
    // The banner says what happened, once (it used to prefix the same sentence with its own).
    const banner = page.getByTestId('banner/unreachable');
    await expect(banner).toContainText(message);
    // Only that sentence interrupts (alert); the countdown that changes every second is in no live region,
    // or a screen reader could read it out again at every tick.
    await expect(banner.getByRole('alert')).toHaveText(message);
    await expect(banner).not.toHaveAttribute('role');
    const countdown = banner.getByTestId('banner/unreachable/countdown');
    await expect(countdown).toContainText(/checks again/);
    expect(await liveRegionAround(countdown)).toBeNull();
    expect(occurrences((await page.locator('body').textContent()) ?? '', 'Cannot reach')).toBe(1);

    // Retry: while main asks again, the same panel stays (with progress), not an empty page.
    const heading = panel.getByRole('heading', { name: 'Your last known session' });
    await heading.evaluate((element) => element.setAttribute('data-marker', 'kept'));
    await app.send('kratos:state', { ...base, status: 'checking', lastSession: session });
    await expect(page.getByTestId('progress')).toHaveText('Checking your session…');
    await expect(heading).toHaveAttribute('data-marker', 'kept');
    await app.send('kratos:state', unreachable);
    await expect(banner).toBeVisible();
    await expect(heading).toHaveAttribute('data-marker', 'kept');
    await app.close();
  });

  test('a failed background check empties no tab: the settings being typed stay, the Session tab says not current', async ({
    browser,
  }) => {
    const app = await open(browser, settingsScript());
    const { page } = app;
    await page.getByTestId('nav/settings').click();
    await page.getByTestId('field/traits.email').fill('ada.lovelace@example.com');
    await page.getByTestId('field/traits.email').focus();

    await app.send('kratos:state', unreachable);
    await expect(page.getByTestId('banner/unreachable')).toBeVisible();
    await expect(page.getByTestId('field/traits.email')).toHaveValue('ada.lovelace@example.com');
    await expect(page.getByTestId('field/traits.email')).toBeFocused(); // not taken by the banner
    await expect(page).toHaveTitle('Account settings (not confirmed) – Kratos Desktop');
    await page.getByTestId('nav/session').click();
    await expect(page.getByTestId('session')).toHaveAttribute('data-stale', 'true');
    expect(app.invocations.filter(({ channel }) => channel === 'kratos:startFlow')).toHaveLength(1);
    await app.close();
  });

  test('picture for docs/app.md: the last known session under the banner', async ({ browser }, testInfo) => {
    const app = await open(browser, { 'kratos:getState': ok(unreachable) });
    await expect(app.page.getByTestId('session')).toHaveAttribute('data-stale', 'true');
    await unfocus(app.page); // the picture shows the screen, not where the focus happened to land
    await screenshot(app.page, 'offline', (name) => testInfo.outputPath(name), 'offline');
    await app.close();
  });

  test('started without the server and no session known: the saved sign-in for that server, claiming no one; sign out here', async ({
    browser,
  }) => {
    const { lastSession: _none, ...noSession } = unreachable as Extract<
      SessionView,
      { status: 'unreachable' }
    >;
    const signedOutNow: SessionView = {
      ...signedOut,
      notice: { level: 'warning', text: 'Signed out on this device.' },
    };
    // Its own retry time: the describe's may be past when a busy machine gets to this test.
    const retryAt = new Date(Date.now() + 120_000).toISOString();
    const app = await open(browser, {
      'kratos:getState': ok<SessionView>({ ...noSession, retryAt }),
      'kratos:logout': ok({ kind: 'ok', message: 'Signed out on this device.' }),
      'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: loginFlow() }),
    });
    const { page } = app;
    await expect(page.getByTestId('banner/unreachable')).toContainText(message);
    await expect(page.getByTestId('banner/unreachable')).toContainText(/checks again in \d/);
    const saved = page.getByTestId('saved-sign-in');
    await expect(saved.getByRole('heading', { name: 'Your saved sign-in' })).toBeVisible();
    await expect(saved).toContainText('This device keeps a sign-in for http://127.0.0.1:4433.');
    await expect(saved).toContainText('only the server can say');
    await expect(page).toHaveTitle('Your saved sign-in (not confirmed) – Kratos Desktop');
    // No one is named: nothing about the session is known in this run.
    await expect(page.getByTestId('session')).toHaveCount(0);
    await expect(page.getByTestId('topbar/identity')).toHaveCount(0);
    expect(occurrences((await page.locator('body').textContent()) ?? '', message)).toBe(1);

    await saved.getByTestId('saved-sign-in/logout').click();
    expect(app.invocations.filter(({ channel }) => channel === 'kratos:logout')).toHaveLength(1);
    await app.send('kratos:state', signedOutNow);
    await expect(page.getByTestId('flow/login')).toBeVisible();
    await app.close();
  });
});

test('the top bar names who is signed in; after signing out it does not, a note says so and the focus is on the sign-in form', async ({
  browser,
}) => {
  const app = await open(
    browser,
    signInScript({
      'kratos:getState': ok(signedIn(later())),
      'kratos:logout': ok<ActionResponse>({ kind: 'ok', message: 'Signed out.' }),
    }),
  );
  const { page } = app;
  await expect(page.getByTestId('topbar/identity')).toHaveText('Signed in as ada@example.com');
  await page.getByTestId('session/logout').click();
  await app.send('kratos:state', {
    ...signedOut,
    notice: { level: 'info', text: 'You are signed out.' },
  });
  await expect(page.getByTestId('notice')).toHaveText('You are signed out.');
  await expect(page.getByTestId('notice')).toHaveAttribute('role', 'status');
  // Where the next step is: the sign-in form's first field (the note is announced politely meanwhile).
  await expect(page.getByTestId('field/identifier')).toBeFocused();
  await expect(page.getByTestId('topbar/identity')).toHaveCount(0);
  await expect(page).toHaveTitle('Sign in – Kratos Desktop');
  // The note belongs to the screen it came with: on the next screen it is not repeated, nor when coming back.
  await page.getByTestId('nav/registration').click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByTestId('nav/login').click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // A new note is shown again.
  await app.send('kratos:state', { ...signedOut, notice: { level: 'info', text: 'Your session ended.' } });
  await expect(page.getByTestId('notice')).toHaveText('Your session ended.');
  await app.close();
});

test('before main first answers, "Starting…" is centred in the window in the type of the page', async ({
  browser,
}) => {
  const first = pendingAnswer<SessionView>();
  const app = await open(browser, signInScript({ 'kratos:getState': first.promise }));
  const { page } = app;
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveText('Starting…');
  const placed = await progress.evaluate((element) => {
    const view = element.ownerDocument.defaultView!;
    const box = element.getBoundingClientRect();
    return {
      centreX: Math.abs(box.left + box.width / 2 - view.innerWidth / 2),
      centreY: Math.abs(box.top + box.height / 2 - view.innerHeight / 2),
      font: view.getComputedStyle(element).fontFamily,
      pageFont: view.getComputedStyle(element.ownerDocument.body).fontFamily,
    };
  });
  expect(placed.centreX).toBeLessThan(40);
  expect(placed.centreY).toBeLessThan(40);
  expect(placed.font).toBe(placed.pageFont);
  first.answer(ok(signedOut));
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await app.close();
});

test('dark mode follows the system: dark page, light text, axe clean with the banners', async ({
  browser,
}, testInfo) => {
  const app = await open(browser, {
    'kratos:getState': ok<SessionView>({ ...signedIn(later()), keychain: memoryKeychain }),
  });
  const { page } = app;
  await expect(page.getByTestId('session')).toBeVisible();
  const colours = () =>
    page.locator('html').evaluate((root) => {
      const view = root.ownerDocument.defaultView!;
      const card = root.ownerDocument.querySelector('[data-testid="session"]')!;
      const style = view.getComputedStyle(root);
      return {
        page: style.backgroundColor,
        ink: style.color,
        card: view.getComputedStyle(card).backgroundColor,
      };
    });
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours();
  expect(luminance(parseColor(light.page))).toBeGreaterThan(0.8);

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours();
  expect(luminance(parseColor(dark.page))).toBeLessThan(0.05);
  expect(luminance(parseColor(dark.card))).toBeLessThan(0.05);
  expect(luminance(parseColor(dark.ink))).toBeGreaterThan(0.6);
  await unfocus(page);
  await screenshot(page, 'dark', (name) => testInfo.outputPath(name), 'dark');
  await app.close(); // axe, in dark

  // The error banner and the not-current session in dark as well.
  const offline = await open(browser, {
    'kratos:getState': ok<SessionView>({
      ...base,
      status: 'unreachable',
      message: 'Cannot reach the Kratos server at http://127.0.0.1:4433 (connection refused).',
      retryAt: undefined,
      rateLimited: false,
      lastSession: (signedIn(later()) as Extract<SessionView, { status: 'signed-in' }>).session,
    }),
  });
  await offline.page.emulateMedia({ colorScheme: 'dark' });
  await expect(offline.page.getByTestId('session')).toHaveAttribute('data-stale', 'true');
  await offline.close();
});
