/**
 * The renderer's own behaviour, against a scripted main process: the harness's `handle` answers each IPC
 * call from the test, so every screen state and every failure can be produced on demand. (The e2e scenarios
 * in ../app.spec.ts run the same renderer against the real main handlers and the emulator.)
 *
 * With `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` it also refreshes docs/screenshots/sign-in.png, the README's
 * picture of the sign-in screen.
 */
import { expect, test } from '@playwright/test';
import type { UiNode } from '../../../shared/kratos-wire';
import type {
  ActionResponse,
  FlowResponse,
  IpcResult,
  SessionListResponse,
  SessionView,
} from '../../../shared/ipc-contract';
import { screenshot } from '../support/person';
import {
  base,
  later,
  loginFlow,
  ok,
  open,
  pendingAnswer,
  signedIn,
  signedOut,
  signInScript,
  submits,
} from './scripted';

test.describe('sign-in form', () => {
  test('submits the pressed button with its group and the typed values, nested as JSON', async ({
    browser,
  }) => {
    const app = await open(
      browser,
      signInScript({ 'kratos:submitFlow': ok<FlowResponse>({ kind: 'done' }) }),
    );
    const { page } = app;
    await page.getByTestId('field/identifier').fill('ada@example.com');
    await page.getByTestId('field/password').fill('secret password');
    await page.getByTestId('field/method/password').click();
    await expect.poll(() => submits(app).length).toBe(1);
    expect(submits(app)[0]!.args).toEqual([
      {
        flowId: 'flow-1',
        values: { identifier: 'ada@example.com', password: 'secret password', method: 'password' },
      },
    ]);
    expect(app.consoleErrors).toEqual([]);
    await app.close();
  });

  test('Enter in the password field presses the primary submit of its group, not social sign-in', async ({
    browser,
  }) => {
    const app = await open(
      browser,
      signInScript({ 'kratos:submitFlow': ok<FlowResponse>({ kind: 'done' }) }),
    );
    await app.page.getByTestId('field/identifier').fill('ada@example.com');
    await app.page.getByTestId('field/password').fill('pw');
    await app.page.getByTestId('field/password').press('Enter');
    await expect.poll(() => submits(app).length).toBe(1);
    expect(submits(app)[0]!.args[0]).toMatchObject({ values: { method: 'password' } });
    await app.close();
  });

  test('a social sign-in button is not blocked by empty password fields and sends only its own value', async ({
    browser,
  }) => {
    const app = await open(
      browser,
      signInScript({ 'kratos:submitFlow': ok<FlowResponse>({ kind: 'done' }) }),
    );
    await app.page.getByTestId('field/identifier').fill('ada@example.com');
    await app.page.getByTestId('field/provider/google').click();
    await expect.poll(() => submits(app).length).toBe(1);
    expect(submits(app)[0]!.args[0]).toEqual({
      flowId: 'flow-1',
      values: { identifier: 'ada@example.com', provider: 'google' },
    });
    await app.close();
  });

  test('required fields are checked before sending and the focus goes to the first missing one', async ({
    browser,
  }) => {
    const app = await open(browser, signInScript());
    await app.page.getByTestId('field/method/password').click();
    await expect(app.page.getByTestId('field/identifier/invalid')).toBeVisible();
    await expect(app.page.getByTestId('field/identifier')).toBeFocused();
    expect(submits(app)).toEqual([]);
    await app.close();
  });

  test('shows progress while waiting, then the Kratos error in human words with the focus on it', async ({
    browser,
  }) => {
    const submit = pendingAnswer<FlowResponse>();
    const withError = loginFlow({
      messages: [{ id: 4000006, text: 'The provided credentials are invalid, …', type: 'error' }],
    });
    const app = await open(browser, signInScript({ 'kratos:submitFlow': submit.promise }));
    const { page } = app;
    await page.getByTestId('field/identifier').fill('ada@example.com');
    await page.getByTestId('field/password').fill('wrong');
    await page.getByTestId('field/method/password').click();
    await expect(page.getByTestId('progress')).toHaveText('Signing in…');
    await expect(page.getByTestId('field/identifier')).toBeDisabled();
    submit.answer(ok({ kind: 'flow', flow: withError }));
    const message = page.getByTestId('ui/message/4000006');
    await expect(message).toHaveText(
      /^The password is wrong, or no account uses that email address, phone number or user name\. Check both for typing mistakes\.$/,
    );
    await expect(message).toHaveAttribute('data-message-type', 'error');
    await expect(message).toBeFocused();
    await expect(page.getByTestId('progress')).toHaveCount(0);
    await app.close();
  });

  test('a failed IPC call is shown as text and keeps what the user typed', async ({ browser }) => {
    const app = await open(
      browser,
      signInScript({
        'kratos:submitFlow': {
          ok: false,
          error: { code: 'invalid-payload', message: 'The form data was refused.' },
        },
      }),
    );
    const { page } = app;
    await page.getByTestId('field/identifier').fill('ada@example.com');
    await page.getByTestId('field/password').fill('pw');
    await page.getByTestId('field/method/password').click();
    await expect(page.getByTestId('flow/error')).toHaveText('The form data was refused.');
    await expect(page.getByTestId('field/identifier')).toHaveValue('ada@example.com');
    await expect(page.getByTestId('field/password')).toHaveValue('pw');
    await app.close();
  });

  test('a flow that cannot start says why and offers to try again', async ({ browser }) => {
    let attempts = 0;
    const app = await open(
      browser,
      signInScript({
        'kratos:startFlow': () => {
          attempts += 1;
          return attempts === 1
            ? ok<FlowResponse>({ kind: 'error', message: 'The server could not be reached.' })
            : ok<FlowResponse>({ kind: 'flow', flow: loginFlow() });
        },
      }),
    );
    await expect(app.page.getByTestId('flow/error')).toHaveText('The server could not be reached.');
    await app.page.getByTestId('flow/restart').click();
    await expect(app.page.getByTestId('flow/login')).toBeVisible();
    await app.close();
  });

  test('links in a flow open through main, only for http(s)', async ({ browser }) => {
    const flow = loginFlow();
    flow.ui.nodes.push({
      type: 'a',
      group: 'default',
      attributes: { href: 'https://example.com/help', id: 'help', node_type: 'a', title: null },
      messages: [],
      meta: {},
    } as unknown as UiNode);
    const app = await open(
      browser,
      signInScript({
        'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow }),
        'kratos:openExternal': ok({ kind: 'ok' }),
      }),
    );
    await app.page.getByTestId('field/help/a').click();
    await expect
      .poll(() => app.invocations.filter((call) => call.channel === 'kratos:openExternal'))
      .toEqual([{ channel: 'kratos:openExternal', args: ['https://example.com/help'] }]);
    await app.close();
  });

  test('the sign-in screen (README screenshot)', async ({ browser }, testInfo) => {
    const app = await open(browser, signInScript(), { viewport: { width: 900, height: 720 } });
    await expect(app.page.getByTestId('flow/login')).toBeVisible();
    await app.page.getByTestId('field/identifier').fill('ada@example.com');
    await screenshot(app.page, 'sign-in', (name) => testInfo.outputPath(name), 'sign-in');
    expect(app.consoleErrors).toEqual([]);
    await app.close();
  });
});

test.describe('session state', () => {
  test('follows pushed state: signed in with AAL badge and a live countdown, subscribed once', async ({
    browser,
  }) => {
    const app = await open(browser, { 'kratos:getState': ok({ ...base, status: 'checking' }) });
    const { page } = app;
    await expect(page.getByTestId('progress')).toHaveText('Checking your session…');
    // The page's clock is stopped at a known instant, so the countdown is exact and moves only when told.
    const now = Date.parse('2026-07-29T12:00:00Z');
    await page.clock.install({ time: now - 1_000 });
    await page.clock.pauseAt(now);
    await app.send('kratos:state', signedIn(new Date(now + 65_000).toISOString()));
    await expect(page.getByTestId('session/aal')).toHaveText('aal2');
    await expect(page.getByTestId('session/aal-words')).toHaveText('Two factors');
    // Words, not Kratos's names: one row per address with its state, no raw trait key, no method ids.
    const identity = page.getByTestId('session/identity');
    await expect(identity.locator('dt')).toHaveText(['Name first', 'Email']);
    await expect(identity.locator('dd')).toHaveText(['Ada', 'ada@example.com (verified)']);
    await expect(page.getByTestId('session/methods')).toHaveText(/^Password at .*Authenticator app at /);
    await expect(page.getByTestId('session/methods')).not.toContainText('totp');
    const countdown = page.getByTestId('session/expires');
    await expect(countdown).toHaveText('1 min 05 sec');
    await page.clock.runFor(1_000);
    await expect(countdown).toHaveText('1 min 04 sec');
    await page.clock.runFor(5_000);
    await expect(countdown).toHaveText('59 sec');
    expect(await app.listenerCount('kratos:state')).toBe(1);
    await page.clock.resume(); // the audit on close runs timers
    await app.close();
  });

  test('second factor required starts an aal2 login flow', async ({ browser }) => {
    const app = await open(browser, {
      'kratos:getState': ok({ ...base, status: 'second-factor-required', methods: ['totp'] }),
      'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: { ...loginFlow(), requestedAal: 'aal2' } }),
    });
    await expect(app.page.getByTestId('second-factor')).toContainText('authenticator app');
    await expect
      .poll(() => app.invocations.find((call) => call.channel === 'kratos:startFlow')?.args)
      .toEqual([{ kind: 'login', aal: 'aal2' }]);
    await app.close();
  });

  test('unreachable: says the session is kept and retries on request', async ({ browser }) => {
    const unreachable: SessionView = {
      ...base,
      status: 'unreachable',
      message: 'Connection refused.',
      retryAt: new Date(Date.now() + 30_000).toISOString(),
      rateLimited: false,
    };
    const app = await open(browser, {
      'kratos:getState': ok(unreachable),
      'kratos:retry': ok(unreachable),
    });
    const banner = app.page.getByTestId('banner/unreachable');
    await expect(banner).toContainText('Connection refused.');
    await expect(banner).toContainText('Your session is kept on this device');
    await app.page.getByTestId('banner/unreachable/retry').click();
    await expect.poll(() => app.invocations.some((call) => call.channel === 'kratos:retry')).toBe(true);
    await app.close();
  });

  test('keychain unavailable: warning with reason, hint and a retry whose failure is shown', async ({
    browser,
  }) => {
    const app = await open(
      browser,
      signInScript({
        'kratos:getState': ok<SessionView>({
          ...signedOut,
          keychain: { kind: 'memory', reason: 'No Secret Service is running.', hint: 'Start gnome-keyring.' },
        }),
        'kratos:retryKeychain': ok({ kind: 'error', message: 'Still no keychain.' }),
      }),
    );
    const banner = app.page.getByTestId('banner/keychain');
    await expect(banner).toContainText('No Secret Service is running.');
    await expect(banner).toContainText('Start gnome-keyring.');
    await banner.getByRole('button', { name: 'Try the keychain again' }).click();
    await expect(banner).toContainText('Still no keychain.');
    await app.close();
  });

  test('endpoint: names the server and where it comes from, and shows the validation error for a bad URL', async ({
    browser,
  }) => {
    const app = await open(
      browser,
      signInScript({
        'kratos:setEndpoint': ok({ kind: 'error', message: 'The URL must start with http:// or https://.' }),
      }),
    );
    const { page } = app;
    await expect(page.getByTestId('endpoint/toggle')).toHaveText('Server: http://127.0.0.1:4433');
    await page.getByTestId('endpoint/toggle').click();
    await expect(page.getByTestId('endpoint/source')).toHaveText(
      'Set by an environment variable when the app was started.',
    );
    await page.getByTestId('endpoint/input').fill('ftp://example.com');
    await page.getByTestId('endpoint/save').click();
    await expect(page.getByTestId('endpoint/result')).toHaveText(
      'The URL must start with http:// or https://.',
    );
    expect(app.invocations.find((call) => call.channel === 'kratos:setEndpoint')?.args).toEqual([
      'ftp://example.com',
    ]);
    await app.close();
  });

  test('signing out shows progress, then a refusal in words, and can be tried again', async ({ browser }) => {
    const logout = pendingAnswer<ActionResponse>();
    const app = await open(browser, {
      'kratos:getState': ok(signedIn(later())),
      'kratos:logout': logout.promise,
    });
    const { page } = app;
    await page.getByTestId('session/logout').click();
    await expect(page.getByTestId('progress')).toHaveText('Signing out…');
    await expect(page.getByTestId('session/logout')).toBeDisabled();
    logout.answer(ok({ kind: 'error', message: 'The keychain refused to forget the session.' }));
    await expect(page.getByTestId('session/error')).toHaveText('The keychain refused to forget the session.');
    await expect(page.getByTestId('progress')).toHaveCount(0);
    await expect(page.getByTestId('session/logout')).toBeEnabled();
    await app.close();
  });

  test('revoking a session shows progress, then the outcome and the list as the server has it', async ({
    browser,
  }) => {
    const item = (id: string, current: boolean) => ({
      id,
      current,
      aal: 'aal1' as const,
      authenticatedAt: '2026-07-29T10:00:00Z',
      expiresAt: later(),
      devices: [],
    });
    const revoke = pendingAnswer<ActionResponse>();
    let lists = 0;
    const app = await open(browser, {
      'kratos:getState': ok(signedIn(later())),
      'kratos:listSessions': (): IpcResult<SessionListResponse> => {
        lists += 1;
        const sessions = [item('session-1', true), ...(lists === 1 ? [item('session-2', false)] : [])];
        return ok({ kind: 'sessions', sessions });
      },
      'kratos:revokeSession': revoke.promise,
    });
    const { page } = app;
    await page.getByTestId('nav/sessions').click();
    // Asked first, in words; Cancel sends nothing.
    await page.getByTestId('sessions/revoke/session-2').click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign out this session?' });
    await expect(dialog).toContainText('This device stays signed in.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('sessions/revoke/session-2')).toBeFocused();
    expect(app.invocations.some((call) => call.channel === 'kratos:revokeSession')).toBe(false);
    await page.getByTestId('sessions/revoke/session-2').click();
    await dialog.getByRole('button', { name: 'Sign out that session' }).click();
    await expect(page.getByTestId('progress')).toHaveText('Signing out…');
    await expect(page.getByTestId('sessions/revoke-others')).toBeDisabled();
    revoke.answer(ok({ kind: 'ok' }));
    await expect(page.getByTestId('sessions/result')).toHaveText('Session revoked.');
    await expect(page.getByTestId('sessions/item/session-2')).toHaveCount(0);
    // The pressed button went with its session: the focus is on the result, not lost to <body>.
    await expect(page.locator('.result')).toBeFocused();
    await expect(page.getByTestId('sessions/list')).toContainText('No other active sessions.');
    expect(app.invocations.find((call) => call.channel === 'kratos:revokeSession')?.args).toEqual([
      'session-2',
    ]);
    await app.close();
  });

  test('unreachable: a retry that cannot be made says why', async ({ browser }) => {
    const app = await open(browser, {
      'kratos:getState': ok<SessionView>({
        ...base,
        status: 'unreachable',
        message: 'Connection refused.',
        retryAt: undefined,
        rateLimited: false,
      }),
      'kratos:retry': { ok: false, error: { code: 'failed', message: 'The app is shutting down.' } },
    });
    const banner = app.page.getByTestId('banner/unreachable');
    await expect(banner).toContainText('checks again soon');
    await app.page.getByTestId('banner/unreachable/retry').click();
    await expect(banner.getByRole('alert').filter({ hasText: 'The app is shutting down.' })).toBeVisible();
    await app.close();
  });
});
