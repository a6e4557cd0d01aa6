/**
 * Social sign-in (main/flows/social-sign-in.ts), through the flow service's public face: a provider button,
 * the browser, the link back and everything that can go wrong in between.
 */
import { describe, expect, it } from 'vitest';
import { BASE_URL, TOKEN, aLoginFlow, aSession, kratosError, ok, settle } from '../session/fakes';
import { reopenIntervalMs } from '../../../main/flows/browser-sign-in';
import { registrationFlow, sentNonce, settingsFlow, setup } from './world';

describe('social sign-in through the system browser', () => {
  const INIT = 'init-code-secret-0123456789';
  const RETURN = 'return-code-secret-0123456789';
  const providerUrl = 'https://idp.example/auth?client_id=kratos&state=s1';
  const browserNeeded = {
    kind: 'error',
    status: 422,
    error: {
      id: 'browser_location_change_required',
      code: 422,
      message: 'browser location change required',
    },
    redirectBrowserTo: providerUrl,
  } as const;
  const oidc = { method: 'oidc', provider: 'example' };
  const code = (returnToCode: string) => ({ kind: 'code', returnToCode, nonce: sentNonce() }) as const;
  const LINKING = '8a0c6a4e-2f4e-4c58-9a4f-0d4f7c1e2b3a';
  /** Kratos v1.3.1's account-linking login flow (measured), back to this app. */
  const linkingFlow = (overrides: Partial<ReturnType<typeof aLoginFlow>> = {}) => {
    const flow = aLoginFlow({ id: LINKING });
    const message = { id: 1010016, type: 'info' as const, text: 'You tried to sign in with…' };
    return {
      ...flow,
      return_to: `kratos-desktop://auth/callback?s=${sentNonce()}`,
      ui: { ...flow.ui, messages: [message] },
      ...overrides,
    };
  };

  /** A signed-out app showing a login flow created with an exchange code, its provider button pressed. */
  async function pressProvider(options: { kind?: 'login' | 'registration'; returnTo?: string } = {}) {
    const world = await setup(options.returnTo === undefined ? {} : { returnTo: options.returnTo });
    const { api, flows } = world;
    const kind = options.kind ?? 'login';
    if (kind === 'login') {
      api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
      api.submitLoginFlow.mockResolvedValue(browserNeeded);
    } else {
      api.createRegistrationFlow.mockResolvedValue(
        ok({ ...registrationFlow('login-1'), session_token_exchange_code: INIT }),
      );
      api.submitRegistrationFlow.mockResolvedValue(browserNeeded);
    }
    // After an exchange the app asks whoami which step comes next (the exchange's session cannot say).
    api.whoami.mockResolvedValue(ok(aSession()));
    const started = await flows.start({ kind });
    expect(JSON.stringify(started)).not.toContain(INIT);
    const waiting = flows.submit({ flowId: 'login-1', values: oidc });
    await settle();
    return { ...world, waiting };
  }

  /** The provider sends the person back with the right code, and Kratos's exchange answers with a session. */
  async function backSignedIn({ api, flows }: Pick<Awaited<ReturnType<typeof setup>>, 'api' | 'flows'>) {
    api.exchangeSessionToken.mockResolvedValue(ok({ session_token: TOKEN, session: aSession() }));
    await flows.browserCallback(code(RETURN));
  }

  it('opens exactly the provider URL Kratos sent, in the browser, and waits', async () => {
    const { api, browser, waiting } = await pressProvider();
    expect(api.submitLoginFlow).toHaveBeenCalledWith('login-1', oidc, undefined);
    expect(browser.opened).toEqual([providerUrl]);
    expect(await Promise.race([waiting, settle().then(() => 'still waiting')])).toBe('still waiting');
  });

  it("redeems the callback with the flow's init code: signed in, token in the store, not in any answer", async () => {
    const { api, store, session, flows, waiting } = await pressProvider();
    api.exchangeSessionToken.mockResolvedValue(ok({ session_token: TOKEN, session: aSession() }));

    expect(await flows.browserCallback(code(RETURN))).toBeUndefined();
    expect(api.exchangeSessionToken).toHaveBeenCalledWith(INIT, RETURN);
    const response = await waiting;
    expect(response).toEqual({ kind: 'done', message: 'Signed in.' });
    expect(session.view().status).toBe('signed-in');
    expect(await store.get(BASE_URL)).toBe(TOKEN);
    for (const secret of [TOKEN, INIT, RETURN]) expect(JSON.stringify(response)).not.toContain(secret);
  });

  it('a registration through the provider signs in too', async () => {
    const { api, session, flows, waiting } = await pressProvider({ kind: 'registration' });
    expect(api.createRegistrationFlow).toHaveBeenCalledWith({
      exchange: { returnTo: expect.stringMatching(/^kratos-desktop:\/\/auth\/callback\?s=[\w-]{32}$/) },
    });
    await backSignedIn({ api, flows });
    expect(await waiting).toEqual({
      kind: 'done',
      message: 'Your account was created and you are signed in.',
    });
    expect(session.view().status).toBe('signed-in');
  });

  /** The exchange's session, its identity created at `createdAt` (the flows here are issued at 12:00). */
  const exchanged = (createdAt: string) => {
    const session = aSession();
    return ok({
      session_token: TOKEN,
      session: { ...session, identity: { ...session.identity!, created_at: createdAt } },
    });
  };

  it.each([
    [
      'the sign-in screen, an account made by this sign-in',
      'login',
      '2026-08-01T12:00:07.5Z',
      'Your account was created and you are signed in.',
    ],
    ['the sign-up screen, an account made before', 'registration', '2026-07-01T09:00:00Z', 'Signed in.'],
    ['the sign-in screen, an account made before', 'login', '2026-08-01T11:59:59.999Z', 'Signed in.'],
    [
      'the sign-up screen, an account made by this sign-in',
      'registration',
      '2026-08-01T12:00:00Z',
      'Your account was created and you are signed in.',
    ],
  ] as const)('a provider pressed on %s: the app says so', async (_what, kind, createdAt, message) => {
    const { api, session, flows, waiting } = await pressProvider({ kind });
    api.exchangeSessionToken.mockResolvedValue(exchanged(createdAt));
    await flows.browserCallback(code(RETURN));
    expect(await waiting).toEqual({ kind: 'done', message });
    expect(session.view().status).toBe('signed-in');
  });

  it('an identity with a second factor continues with the aal2 step after the exchange', async () => {
    const { api, session, flows, waiting } = await pressProvider();
    // Kratos v1.3.1 (measured): the exchange's session carries the identity even at aal1; whoami says
    // a second factor is required.
    api.exchangeSessionToken.mockResolvedValue(ok({ session_token: TOKEN, session: aSession() }));
    api.whoami.mockResolvedValue(kratosError(403, 'session_aal2_required'));
    api.createLoginFlow.mockResolvedValue(ok(aLoginFlow({ id: 'aal2-1', aal: 'aal2', groups: ['totp'] })));
    await flows.browserCallback(code(RETURN));
    expect(await waiting).toMatchObject({ kind: 'done', next: { id: 'aal2-1', requestedAal: 'aal2' } });
    expect(session.view().status).toBe('second-factor-required');
  });

  it("a failed sign-in (bare callback) shows the flow with Kratos's message, and the code stays for a retry", async () => {
    const { api, browser, flows, waiting } = await pressProvider();
    const withError = {
      ...aLoginFlow(),
      ui: { ...aLoginFlow().ui, messages: [{ id: 4000001, text: 'denied', type: 'error' as const }] },
    };
    api.getLoginFlow.mockResolvedValue(ok(withError));
    expect(await flows.browserCallback({ kind: 'failed', nonce: sentNonce() })).toBeUndefined();
    expect(api.getLoginFlow).toHaveBeenCalledWith('login-1');
    expect(api.exchangeSessionToken).not.toHaveBeenCalled();
    expect(await waiting).toMatchObject({
      kind: 'flow',
      flow: { id: 'login-1', ui: { messages: [{ id: 4000001 }] } },
    });

    // Pressing the provider again on the same flow opens the browser again with the same init code.
    const again = flows.submit({ flowId: 'login-1', values: oidc });
    await settle();
    expect(browser.opened).toHaveLength(2);
    await backSignedIn({ api, flows });
    expect(api.exchangeSessionToken).toHaveBeenLastCalledWith(INIT, RETURN);
    expect(await again).toEqual({ kind: 'done', message: 'Signed in.' });
  });

  it('a bare callback while the flow shows no failure (a page opened the link) is ignored; the wait goes on', async () => {
    const { api, flows, waiting } = await pressProvider();
    api.getLoginFlow.mockResolvedValue(ok(aLoginFlow()));
    expect((await flows.browserCallback({ kind: 'failed', nonce: sentNonce() }))?.text).toMatch(
      /does not finish this sign-in/,
    );
    await backSignedIn({ api, flows });
    expect(await waiting).toEqual({ kind: 'done', message: 'Signed in.' });
  });

  it('an existing account (?flow=…, 1010016): the linking login flow is shown and keeps the exchange code', async () => {
    const { api, browser, flows, waiting } = await pressProvider();
    api.getLoginFlow.mockResolvedValue(ok(linkingFlow()));
    expect(
      await flows.browserCallback({ kind: 'link-account', flowId: LINKING, nonce: sentNonce() }),
    ).toBeUndefined();
    expect(api.getLoginFlow).toHaveBeenCalledWith(LINKING);
    expect(await waiting).toMatchObject({
      kind: 'flow',
      flow: { id: LINKING, ui: { messages: [{ id: 1010016 }] } },
    });

    // Another provider offered on the linking flow continues in the browser with the moved exchange code.
    const again = flows.submit({ flowId: LINKING, values: oidc });
    await settle();
    expect(browser.opened).toHaveLength(2);
    await backSignedIn({ api, flows });
    expect(api.exchangeSessionToken).toHaveBeenLastCalledWith(INIT, RETURN);
    expect(await again).toEqual({ kind: 'done', message: 'Signed in.' });
  });

  it.each([
    ['a plain login flow', { ui: aLoginFlow({ id: LINKING }).ui }],
    ['a flow back to another app', { return_to: 'https://evil.example/' }],
    ['a browser flow', { type: 'browser' as const }],
  ])('a ?flow=… link naming %s is ignored; the wait goes on', async (_what, overrides) => {
    const { api, flows, waiting } = await pressProvider();
    api.getLoginFlow.mockResolvedValue(ok(linkingFlow(overrides)));
    expect(
      (await flows.browserCallback({ kind: 'link-account', flowId: LINKING, nonce: sentNonce() }))?.text,
    ).toMatch(/does not finish this sign-in/);
    expect(await Promise.race([waiting, settle().then(() => 'still waiting')])).toBe('still waiting');
  });

  it('a code Kratos has no session for is ignored with a note, and the real one still works', async () => {
    const { api, flows, waiting } = await pressProvider();
    api.exchangeSessionToken.mockResolvedValueOnce(kratosError(404));
    const note = await flows.browserCallback(code('stale-code-0123456789'));
    expect(note?.text).toMatch(/does not finish this sign-in/);
    await backSignedIn({ api, flows });
    expect(await waiting).toEqual({ kind: 'done', message: 'Signed in.' });
  });

  it('Cancel shows the form again; a callback after it is ignored and nothing is signed in', async () => {
    const { api, session, flows, waiting } = await pressProvider();
    api.getLoginFlow.mockResolvedValue(ok(aLoginFlow()));
    expect(await flows.browserAction('login-1', 'cancel')).toEqual({ kind: 'ok' });
    expect(await waiting).toMatchObject({ kind: 'flow', flow: { id: 'login-1' } });
    const note = await flows.browserCallback(code(RETURN));
    expect(note?.text).toMatch(/after you cancelled/);
    expect(api.exchangeSessionToken).not.toHaveBeenCalled();
    expect(session.view().status).toBe('signed-out');
    expect(await flows.browserAction('login-1', 'cancel')).toMatchObject({ kind: 'error' });
  });

  it('"Open the browser again" opens the same provider page while waiting, and only then', async () => {
    const { browser, flows } = await pressProvider();
    expect(await flows.browserAction('login-1', 'reopen')).toEqual({ kind: 'ok' });
    expect(browser.opened).toEqual([providerUrl, providerUrl]);
    expect(await flows.browserAction('other-flow', 'reopen')).toMatchObject({ kind: 'error' });
  });

  // Issue 21: a compromised page could ask "open the browser again" without limit.
  it(`opens the browser again at most once per ${reopenIntervalMs / 1000} s, however often it is asked`, async () => {
    const { browser, clock, flows } = await pressProvider();
    for (let i = 0; i < 50; i++)
      expect(await flows.browserAction('login-1', 'reopen')).toEqual({ kind: 'ok' });
    expect(browser.opened).toEqual([providerUrl, providerUrl]);
    await clock.advance(reopenIntervalMs);
    for (let i = 0; i < 50; i++) await flows.browserAction('login-1', 'reopen');
    expect(browser.opened).toEqual([providerUrl, providerUrl, providerUrl]);
  });

  // Issue 21: a hostile server answered any submit, the password button included, with a browser redirect.
  it('opens the browser after the window’s own provider submit, the button’s value alone', async () => {
    const { api, browser, flows } = await setup();
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    api.submitLoginFlow.mockResolvedValue(browserNeeded);
    await flows.start({ kind: 'login' });
    void flows.submit({ flowId: 'login-1', values: { provider: 'example' } });
    await settle();
    expect(browser.opened).toEqual([providerUrl]);
  });

  it('opens no browser when the server answers a password submit with a redirect_browser_to', async () => {
    const { api, browser, flows } = await setup();
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    api.submitLoginFlow.mockResolvedValue({ ...browserNeeded, redirectBrowserTo: 'https://evil.example/' });
    await flows.start({ kind: 'login' });
    const answer = await flows.submit({
      flowId: 'login-1',
      values: { method: 'password', identifier: 'ada@example.com', password: 'secret secret' },
    });
    expect(answer).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/only a sign-in provider button/),
    });
    expect(browser.opened).toEqual([]);
  });

  it.each([
    'http://127.0.0.1:9000/admin',
    'https://localhost:8443/',
    'http://[::1]/x',
    'http://app.localhost/',
  ])('a server elsewhere cannot send the browser to this computer (%s)', async (local) => {
    const { api, browser, flows } = await setup({ endpointUrl: 'https://kratos.example' });
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    api.submitLoginFlow.mockResolvedValue({ ...browserNeeded, redirectBrowserTo: local });
    await flows.start({ kind: 'login' });
    const answer = await flows.submit({ flowId: 'login-1', values: oidc });
    expect(answer).toMatchObject({ kind: 'error', message: expect.stringMatching(/on this computer/) });
    expect(browser.opened).toEqual([]);
  });

  it('stops waiting after 10 minutes; a late callback is ignored', async () => {
    const { api, clock, flows, waiting } = await pressProvider();
    await clock.advance(10 * 60_000);
    expect(await waiting).toEqual({ kind: 'error', message: expect.stringMatching(/10 minutes/) });
    expect((await flows.browserCallback(code(RETURN)))?.text).toMatch(/timed out/);
    expect(api.exchangeSessionToken).not.toHaveBeenCalled();
  });

  it('a callback with nothing pending is ignored with a note', async () => {
    const { flows } = await setup();
    expect((await flows.browserCallback(code(RETURN)))?.text).toMatch(/no sign-in through the browser/);
  });

  it('refuses to open anything but a secure web page', async () => {
    const { api, browser, flows } = await setup();
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    api.submitLoginFlow.mockResolvedValue({ ...browserNeeded, redirectBrowserTo: 'file:///etc/passwd' });
    await flows.start({ kind: 'login' });
    const response = await flows.submit({ flowId: 'login-1', values: oidc });
    expect(response).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/not a secure web page/),
    });
    expect(browser.opened).toEqual([]);
  });

  it('a link that comes back before the OS reports the browser open (a remembering provider) signs in', async () => {
    const { api, flows, browser } = await setup();
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    api.submitLoginFlow.mockResolvedValue(browserNeeded);
    api.exchangeSessionToken.mockResolvedValue(ok({ session_token: TOKEN, session: aSession() }));
    api.whoami.mockResolvedValue(ok(aSession()));
    await flows.start({ kind: 'login' });
    browser.whileOpening = () => flows.browserCallback(code(RETURN));
    expect(await flows.submit({ flowId: 'login-1', values: oidc })).toEqual({
      kind: 'done',
      message: 'Signed in.',
    });
    expect(api.exchangeSessionToken).toHaveBeenCalledWith(INIT, RETURN);
  });

  it('a browser that cannot be opened is an error, not a wait', async () => {
    const { api, browser, flows } = await setup();
    browser.fails = true;
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    api.submitLoginFlow.mockResolvedValue(browserNeeded);
    await flows.start({ kind: 'login' });
    expect(await flows.submit({ flowId: 'login-1', values: oidc })).toEqual({
      kind: 'error',
      message: 'The app could not open your web browser.',
    });
  });

  it("an expired flow (410) is replaced by a new flow, which brings its own exchange code and Kratos's message", async () => {
    const { api, flows } = await setup();
    api.createLoginFlow.mockResolvedValue(ok({ ...aLoginFlow(), session_token_exchange_code: INIT }));
    await flows.start({ kind: 'login' });
    api.submitLoginFlow.mockResolvedValueOnce({
      kind: 'expired',
      status: 410,
      error: { code: 410, message: 'expired', id: 'self_service_flow_expired' },
      useFlowId: 'replacement',
    });
    api.createLoginFlow.mockResolvedValue(
      ok({ ...aLoginFlow({ id: 'login-2' }), session_token_exchange_code: 'second-init-code-0123' }),
    );
    const expiredMessage = { id: 4010001, type: 'error' as const, text: 'The login flow expired…' };
    api.getLoginFlow.mockResolvedValue(
      ok({ ...aLoginFlow({ id: 'replacement' }), ui: { ...aLoginFlow().ui, messages: [expiredMessage] } }),
    );
    // The new flow, with Kratos's "expired" message of the replacement: the person learns why.
    expect(await flows.submit({ flowId: 'login-1', values: oidc })).toMatchObject({
      kind: 'flow',
      flow: { id: 'login-2', ui: { messages: [{ id: 4010001 }] } },
    });
    expect(api.getLoginFlow).toHaveBeenCalledWith('replacement');
    api.submitLoginFlow.mockResolvedValue(browserNeeded);
    void flows.submit({ flowId: 'login-2', values: oidc });
    await settle();
    await backSignedIn({ api, flows });
    expect(api.exchangeSessionToken).toHaveBeenCalledWith('second-init-code-0123', RETURN);
  });

  it('a flow without an exchange code (a step-up) cannot continue in the browser', async () => {
    const { api, browser, flows } = await setup({ signedIn: true });
    api.createLoginFlow.mockResolvedValue(ok(aLoginFlow({ aal: 'aal2' })));
    await flows.start({ kind: 'login', refresh: true });
    api.submitLoginFlow.mockResolvedValue(browserNeeded);
    expect(await flows.submit({ flowId: 'login-1', values: oidc })).toMatchObject({ kind: 'error' });
    expect(browser.opened).toEqual([]);
  });

  it('a server that refuses the return URL still signs people in: flows are created without the exchange, once asked', async () => {
    const { api, browser, flows } = await setup();
    const refused = kratosError(400, 'self_service_flow_return_to_forbidden');
    api.createLoginFlow.mockImplementation(async ({ exchange } = {}) =>
      exchange === undefined ? ok(aLoginFlow()) : refused,
    );
    api.createRegistrationFlow.mockImplementation(async ({ exchange } = {}) =>
      exchange === undefined ? ok(registrationFlow()) : refused,
    );
    expect(await flows.start({ kind: 'login' })).toMatchObject({ kind: 'flow', flow: { id: 'login-1' } });
    // Asked with the exchange once, then without; every later flow goes straight to the one that works.
    expect(api.createLoginFlow.mock.calls.map(([options]) => options?.exchange)).toEqual([
      { returnTo: expect.stringMatching(/^kratos-desktop:\/\/auth\/callback\?s=[\w-]{32}$/) },
      undefined,
    ]);
    expect(await flows.start({ kind: 'registration' })).toMatchObject({ kind: 'flow' });
    await flows.start({ kind: 'login' });
    expect(api.createRegistrationFlow).toHaveBeenCalledTimes(1);
    expect(api.createLoginFlow).toHaveBeenCalledTimes(3);

    // A provider button says what the operator would add, and opens nothing.
    api.submitLoginFlow.mockResolvedValue(browserNeeded);
    const response = await flows.submit({ flowId: 'login-1', values: oidc });
    expect(response).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('`kratos-desktop://auth` to `selfservice.allowed_return_urls`'),
    });
    expect(browser.opened).toEqual([]);
  });

  it('the return URL is the one the client is configured with (the terminal client listens on loopback)', async () => {
    const { api, flows } = await setup({ returnTo: 'http://127.0.0.1:8765/auth/callback' });
    api.createLoginFlow.mockResolvedValue(ok(aLoginFlow()));
    await flows.start({ kind: 'login' });
    expect(api.createLoginFlow).toHaveBeenCalledWith({
      exchange: {
        returnTo: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8765\/auth\/callback\?s=[\w-]{32}$/),
      },
    });
  });

  // Issue 21: each flow's return_to carries a value of its own, so a link back is this sign-in's or nobody's.
  it('gives every flow a return_to value of its own', async () => {
    const { api, flows } = await setup();
    api.createLoginFlow.mockResolvedValue(ok(aLoginFlow()));
    await flows.start({ kind: 'login' });
    await flows.start({ kind: 'login' });
    const values = api.createLoginFlow.mock.calls.map(([options]) =>
      new URL(options!.exchange!.returnTo).searchParams.get('s'),
    );
    expect(new Set(values).size).toBe(2);
  });

  // Issue 21, item 2: the terminal refused its own genuine linking link (it required the window's return
  // URL) and accepted a linking flow an attacker made with the window's return URL, delivered by any web page.
  describe('account linking in the terminal (return_to on loopback)', () => {
    const loopback = 'http://127.0.0.1:8765/auth/callback';

    const terminalPressesProvider = () => pressProvider({ returnTo: loopback });

    it("believes Kratos's genuine linking flow, back to this sign-in's loopback return_to", async () => {
      const { api, flows, waiting } = await terminalPressesProvider();
      api.getLoginFlow.mockResolvedValue(ok(linkingFlow({ return_to: `${loopback}?s=${sentNonce()}` })));
      const link = { kind: 'link-account', flowId: LINKING, nonce: sentNonce() } as const;
      expect(await flows.browserCallback(link)).toBeUndefined();
      expect(await waiting).toMatchObject({ kind: 'flow', flow: { id: LINKING } });
    });

    it.each([
      ["the window's return URL", () => 'kratos-desktop://auth/callback'],
      ['the loopback URL without a value', () => loopback],
      ['the loopback URL with another value', () => `${loopback}?s=another-sign-ins-value-012345678`],
    ])('ignores an attacker’s linking flow made with %s', async (_what, returnTo) => {
      const { api, flows, waiting } = await terminalPressesProvider();
      api.getLoginFlow.mockResolvedValue(ok(linkingFlow({ return_to: returnTo() })));
      const link = { kind: 'link-account', flowId: LINKING, nonce: sentNonce() } as const;
      expect((await flows.browserCallback(link))?.text).toMatch(/does not finish this sign-in/);
      expect(await Promise.race([waiting, settle().then(() => 'still waiting')])).toBe('still waiting');
    });

    it('ignores any link without this sign-in’s value, and asks Kratos nothing about it', async () => {
      const { api, flows, waiting } = await terminalPressesProvider();
      const nonce = 'a-web-page-cannot-know-the-value';
      for (const link of [
        { kind: 'link-account', flowId: LINKING, nonce },
        { kind: 'failed', nonce },
        { kind: 'code', returnToCode: RETURN, nonce },
      ] as const) {
        expect((await flows.browserCallback(link))?.text).toMatch(/belongs to no sign-in this app started/);
      }
      expect(api.getLoginFlow).not.toHaveBeenCalled();
      expect(api.exchangeSessionToken).not.toHaveBeenCalled();
      expect(await Promise.race([waiting, settle().then(() => 'still waiting')])).toBe('still waiting');
    });
  });

  // Issue 21, item 5: while a bare link was being checked, the real ?code= link was refused as busy and lost.
  it('a link that arrives while another is checked waits its turn instead of being dropped', async () => {
    const { api, flows, waiting } = await pressProvider();
    let answerFetch: (value: unknown) => void = () => undefined;
    api.getLoginFlow.mockImplementation(() => new Promise((resolve) => (answerFetch = resolve)) as never);
    api.exchangeSessionToken.mockResolvedValue(ok({ session_token: TOKEN, session: aSession() }));
    const bare = flows.browserCallback({ kind: 'failed', nonce: sentNonce() });
    await settle();
    const real = flows.browserCallback(code(RETURN));
    await settle();
    answerFetch(ok(aLoginFlow()));
    expect((await bare)?.text).toMatch(/does not finish this sign-in/);
    expect(await real).toBeUndefined();
    expect(api.exchangeSessionToken).toHaveBeenCalledWith(INIT, RETURN);
    expect(await waiting).toEqual({ kind: 'done', message: 'Signed in.' });
  });

  it('a check that fails unexpectedly leaves the sign-in waiting for the real link, not stuck in its check', async () => {
    const { api, flows, waiting } = await pressProvider();
    api.exchangeSessionToken.mockRejectedValueOnce(new Error('socket hang up'));
    await expect(flows.browserCallback(code('first'))).rejects.toThrow('socket hang up');
    await backSignedIn({ api, flows });
    expect(await waiting).toEqual({ kind: 'done', message: 'Signed in.' });
  });

  describe('a retry after a failed sign-in (issue 21, item 5)', () => {
    const denied = {
      ...aLoginFlow(),
      ui: { ...aLoginFlow().ui, messages: [{ id: 4000001, text: 'denied', type: 'error' as const }] },
    };

    /** The first try failed (Kratos wrote its error into the flow and sent the bare link); pressed again. */
    async function retryAfterFailure() {
      const world = await pressProvider();
      world.api.getLoginFlow.mockResolvedValue(ok(denied));
      await world.flows.browserCallback({ kind: 'failed', nonce: sentNonce() });
      expect(await world.waiting).toMatchObject({
        kind: 'flow',
        flow: { ui: { messages: [{ id: 4000001 }] } },
      });
      world.api.getLoginFlow.mockClear();
      // The flow keeps its old error while the second try is under way (Kratos does not clear it).
      const again = world.flows.submit({ flowId: 'login-1', values: oidc });
      await settle();
      return { ...world, again };
    }

    // The attack: any web page opens the bare link while the person retries, and the flow's old error
    // used to end the new try at once. The page cannot know this sign-in's value.
    it.each([
      ['a made-up value', 'made-up-value-0123456789abcdefgh'],
      ['another sign-in’s value', 'AnotherSignInsValue_0123456789ab'],
    ])(
      'a page’s bare link with %s is ignored before Kratos is asked, and the retry goes on',
      async (_what, nonce) => {
        const { api, flows, again } = await retryAfterFailure();
        expect((await flows.browserCallback({ kind: 'failed', nonce }))?.text).toMatch(
          /belongs to no sign-in/,
        );
        expect(api.getLoginFlow).not.toHaveBeenCalled();
        expect(await Promise.race([again, settle().then(() => 'still waiting')])).toBe('still waiting');
        await backSignedIn({ api, flows });
        expect(await again).toEqual({ kind: 'done', message: 'Signed in.' });
      },
    );

    // Known limit (docs/security.md): this sign-in's own earlier bare link, opened again by the person's own
    // browser (history, a restored tab), carries the right value and finds the old error, which cannot be
    // told from a new identical one without a request per try. It ends the retry with that error; nothing
    // is signed in or linked, and the person presses the provider again.
    it('known limit: the first try’s own bare link, replayed, ends the retry with the old error', async () => {
      const { api, flows, session, again } = await retryAfterFailure();
      expect(await flows.browserCallback({ kind: 'failed', nonce: sentNonce() })).toBeUndefined();
      expect(await again).toMatchObject({ kind: 'flow', flow: { ui: { messages: [{ id: 4000001 }] } } });
      expect(api.exchangeSessionToken).not.toHaveBeenCalled();
      expect(session.view().status).toBe('signed-out');
    });
  });

  it('connecting a provider in settings says what to do instead of opening a browser', async () => {
    const { api, browser, flows } = await setup({ signedIn: true });
    api.createSettingsFlow.mockResolvedValue(ok(settingsFlow()));
    await flows.start({ kind: 'settings' });
    api.submitSettingsFlow.mockResolvedValue(browserNeeded);
    const response = await flows.submit({ flowId: 'set-1', values: { method: 'oidc', link: 'example' } });
    expect(response).toMatchObject({ kind: 'error', message: expect.stringMatching(/web browser/) });
    expect(browser.opened).toEqual([]);
  });
});
