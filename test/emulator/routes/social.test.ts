/**
 * Social sign-in on the emulator: the `oidc` method, its demo identity provider ("Example IdP") and the
 * session token exchange (docs/social-sign-in.md). The "browser" here is raw HTTP that follows the pages and
 * redirects by hand, so every hop is visible: Kratos's 422 → the IdP page → the IdP's 303 to Kratos's
 * callback → Kratos's 303 to `return_to?code=…` → GET /sessions/token-exchange.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { totpCode } from '../../../emulator/domain/totp';
import { keepGrant, MAX_GRANTS, type IdpGrant } from '../../../emulator/routes/example-idp';
import { startTestEmulator } from '../../support/emulator';
import { EXAMPLE_IDP_PASSWORD } from '../../support/example-idp';
import {
  call,
  emulatorForSuite,
  ENDPOINT_DISABLED,
  nodeNamed,
  nodeNames,
  register,
  settingsFlow,
  tokenHeader,
  totpSecretOf,
  uniqueEmail,
} from '../helpers';
import oidcNodesFixture from '../../fixtures/flows/login-nodes-oidc.json' with { type: 'json' };

const clock = createManualClock(new Date('2026-05-01T00:00:00Z'));
const suite = emulatorForSuite(clock);

const CALLBACK = 'kratos-desktop://auth/callback';
const exchangeQuery = `return_session_token_exchange_code=true&return_to=${encodeURIComponent(CALLBACK)}`;

type Kind = 'login' | 'registration';

/** A flow created for social sign-in, with its init code. */
async function socialFlow(baseUrl: string, kind: Kind = 'login') {
  const res = await call('GET', `${baseUrl}/self-service/${kind}/api?${exchangeQuery}`);
  expect(res.status).toBe(200);
  return { flow: res.body, initCode: res.body.session_token_exchange_code as string };
}

/** Presses the provider button: the 422's `redirect_browser_to`. */
async function pressProvider(flow: { ui: { action: string } }, provider = 'example'): Promise<string> {
  const res = await call('POST', flow.ui.action, { json: { method: 'oidc', provider } });
  expect(res.status).toBe(422);
  return res.body.redirect_browser_to as string;
}

/** A browser request that does not follow redirects. */
async function browse(url: string, form?: Record<string, string>) {
  const res = await request(url, {
    method: form ? 'POST' : 'GET',
    headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/**
 * The person at the IdP: opens the page, signs in as `email` (or denies), and the browser follows the IdP's
 * redirect to Kratos's callback. Returns Kratos's answer to the callback.
 */
async function atTheIdp(redirectBrowserTo: string, choice: { email: string } | 'deny') {
  const page = await browse(redirectBrowserTo);
  expect(page.status).toBe(200);
  const state = new URL(redirectBrowserTo).searchParams.get('state')!;
  const form: Record<string, string> =
    choice === 'deny'
      ? { state, decision: 'deny' }
      : { state, email: choice.email, password: EXAMPLE_IDP_PASSWORD };
  const idp = await browse(redirectBrowserTo.split('?')[0]!, form);
  expect(idp.status).toBe(303);
  return browse(String(idp.headers.location));
}

/** The whole browser part: the code the app's deep link carries. */
/** Presses the provider button and acts at the IdP: where the browser is sent back to the app. */
async function linkBack(flow: { ui: { action: string } }, choice: { email: string } | 'deny') {
  const callback = await atTheIdp(await pressProvider(flow), choice);
  expect(callback.status).toBe(303);
  const location = new URL(String(callback.headers.location));
  expect(`${location.protocol}//${location.host}${location.pathname}`).toBe(CALLBACK);
  return location;
}

async function signInThroughIdp(flow: { ui: { action: string } }, choice: { email: string } | 'deny') {
  return (await linkBack(flow, choice)).searchParams.get('code')!;
}

const exchange = (baseUrl: string, initCode: string, returnToCode: string) =>
  call(
    'GET',
    `${baseUrl}/sessions/token-exchange?init_code=${encodeURIComponent(initCode)}&return_to_code=${encodeURIComponent(returnToCode)}`,
  );

describe('flow creation for social sign-in', () => {
  it('gives a login flow without a session its exchange code, in the creation answer only', async () => {
    const { flow, initCode } = await socialFlow(suite.url);
    expect(initCode).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(flow.return_to).toBe(CALLBACK);
    const fetched = await call('GET', `${suite.url}/self-service/login/flows?id=${flow.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).not.toHaveProperty('session_token_exchange_code');
    expect(fetched.body.return_to).toBe(CALLBACK);
  });

  it('gives registration flows one too', async () => {
    const { flow, initCode } = await socialFlow(suite.url, 'registration');
    expect(initCode).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(flow.return_to).toBe(CALLBACK);
  });

  it('gives no code to a flow created with a session (a re-authentication)', async () => {
    const { token } = await register(suite.url);
    const res = await call('GET', `${suite.url}/self-service/login/api?refresh=true&${exchangeQuery}`, {
      headers: tokenHeader(token),
    });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('session_token_exchange_code');
  });

  it('gives no code unless asked', async () => {
    const res = await call('GET', `${suite.url}/self-service/login/api`);
    expect(res.body).not.toHaveProperty('session_token_exchange_code');
    expect(res.body).not.toHaveProperty('return_to');
  });

  it.each([
    'kratos-desktop://auth.evil/callback',
    'kratos-desktop://evil/callback',
    'other-app://auth/callback',
    'https://evil.example/',
  ])('refuses return_to=%s, which selfservice.allowed_return_urls does not allow', async (returnTo) => {
    for (const kind of ['login', 'registration']) {
      const res = await call(
        'GET',
        `${suite.url}/self-service/${kind}/api?return_to=${encodeURIComponent(returnTo)}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers['ory-error-id']).toBe('self_service_flow_return_to_forbidden');
      expect(res.body.error).toMatchObject({
        id: 'self_service_flow_return_to_forbidden',
        code: 400,
        reason: `Requested return_to URL "${returnTo}" is not allowed.`,
      });
    }
  });

  it('matches allowed return URLs by scheme, host (with *. wildcards) and path prefix', async () => {
    const emulator = await startTestEmulator({
      config: { allowedReturnUrls: ['https://app.example/done', 'https://*.example.org'] },
    });
    try {
      const status = async (returnTo: string) =>
        (
          await call(
            'GET',
            `${emulator.url}/self-service/login/api?return_to=${encodeURIComponent(returnTo)}`,
          )
        ).status;
      expect(await status('https://app.example/done/now')).toBe(200);
      expect(await status('https://app.example/elsewhere')).toBe(400);
      expect(await status('http://app.example/done')).toBe(400);
      expect(await status('https://eu.example.org/x')).toBe(200);
      expect(await status(CALLBACK)).toBe(400);
    } finally {
      await emulator.stop();
    }
  });
});

describe('the oidc nodes', () => {
  it('are provider submit buttons in group oidc, shaped as real Kratos renders them', async () => {
    const { flow } = await socialFlow(suite.url);
    const fixture = oidcNodesFixture.ui.nodes.find((n) => n.group === 'oidc')!;
    expect(nodeNamed(flow, 'provider')).toEqual({
      ...fixture,
      attributes: { ...fixture.attributes, value: 'example' },
      meta: {
        label: {
          id: 1010002,
          text: 'Sign in with Example IdP',
          type: 'info',
          context: { provider: 'Example IdP', provider_id: 'example' },
        },
      },
    });
    // Provider buttons first, then default and password (real Kratos v1.3.1, the parity suite's social scenario).
    expect(nodeNames(flow)).toEqual([
      'oidc:provider',
      'default:csrf_token',
      'default:identifier',
      'password:password',
      'password:method',
    ]);
  });

  it('say "Sign up with" on registration flows, ahead of the traits', async () => {
    const { flow } = await socialFlow(suite.url, 'registration');
    expect(flow.ui.nodes[0]).toMatchObject({
      group: 'oidc',
      attributes: { name: 'provider', type: 'submit', value: 'example' },
      meta: { label: { id: 1040002, text: 'Sign up with Example IdP' } },
    });
  });

  it("are absent when the oidc method is off, and a provider submit gets Kratos's 404", async () => {
    const emulator = await startTestEmulator({
      config: {
        methods: { password: true, totp: true, lookup_secret: true, code: true, oidc: false, passkey: false },
      },
    });
    try {
      for (const kind of ['login', 'registration']) {
        const flow = await call('GET', `${emulator.url}/self-service/${kind}/api`);
        expect(nodeNamed(flow.body, 'provider')).toBeUndefined();
        const submitted = await call('POST', flow.body.ui.action, {
          json: { method: 'oidc', provider: 'example' },
        });
        expect(submitted.status).toBe(404);
        expect(submitted.body).toEqual(ENDPOINT_DISABLED);
      }
    } finally {
      await emulator.stop();
    }
  });
});

describe('POST {method: oidc, provider}', () => {
  it('answers 422 browser_location_change_required with the provider page', async () => {
    const { flow } = await socialFlow(suite.url);
    const res = await call('POST', flow.ui.action, { json: { method: 'oidc', provider: 'example' } });
    expect(res.status).toBe(422);
    expect(res.headers['ory-error-id']).toBe('browser_location_change_required');
    const to = new URL(res.body.redirect_browser_to);
    expect(res.body.error).toEqual({
      id: 'browser_location_change_required',
      code: 422,
      status: 'Unprocessable Entity',
      reason: `In order to complete this flow please redirect the browser to: ${to.href}`,
      message: 'browser location change required',
    });
    expect(`${to.origin}${to.pathname}`).toBe(`${suite.url}/example-idp/example/authorize`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'kratos',
      redirect_uri: `${suite.url}/self-service/methods/oidc/callback/example`,
      response_type: 'code',
      state: expect.stringMatching(/^[A-Za-z0-9]{64}$/),
    });
  });

  it('takes a provider button sent without a method, as Kratos does (its oidc nodes carry none)', async () => {
    for (const kind of ['login', 'registration'] as const) {
      const { flow } = await socialFlow(suite.url, kind);
      const res = await call('POST', flow.ui.action, { json: { provider: 'example' } });
      expect(res.status).toBe(422);
      expect(res.body.error.id).toBe('browser_location_change_required');
    }
  });

  it('answers 404 for a provider that is not configured', async () => {
    const { flow } = await socialFlow(suite.url);
    const res = await call('POST', flow.ui.action, { json: { method: 'oidc', provider: 'nope' } });
    expect(res.status).toBe(404);
    expect(res.body.error.reason).toBe(
      'OpenID Connect Provider "nope" is unknown or has not been configured',
    );
  });
});

describe('the token exchange', () => {
  it('signs up a new person through the IdP: 404 before the browser returns, then the session', async () => {
    const { flow, initCode } = await socialFlow(suite.url);
    const email = uniqueEmail();
    const redirect = await pressProvider(flow);

    // The person has not come back yet: any code is unknown.
    expect((await exchange(suite.url, initCode, 'x'.repeat(64))).status).toBe(404);

    const callback = await atTheIdp(redirect, { email });
    const returnToCode = new URL(String(callback.headers.location)).searchParams.get('code')!;
    expect(returnToCode).toMatch(/^[A-Za-z0-9]{64}$/);

    const wrong = await exchange(suite.url, initCode, `${returnToCode.slice(1)}x`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toMatchObject({ code: 404, reason: 'no session yet for this "code"' });

    const res = await exchange(suite.url, initCode, returnToCode);
    expect(res.status).toBe(200);
    expect(res.body.session_token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/);
    expect(res.body.session).toMatchObject({
      active: true,
      authenticator_assurance_level: 'aal1',
      authentication_methods: [{ method: 'oidc', aal: 'aal1', provider: 'example' }],
      identity: { traits: { email } },
    });
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, {
      headers: tokenHeader(res.body.session_token),
    });
    expect(whoami.status).toBe(200);

    // Like Kratos, the codes are not consumed: they are secrets until the flow is cleaned up.
    expect((await exchange(suite.url, initCode, returnToCode)).body.session_token).toBe(
      res.body.session_token,
    );
  });

  it('signs a returning person in to the same identity, from a login or a registration flow', async () => {
    const email = uniqueEmail();
    const first = await socialFlow(suite.url);
    const firstSession = await exchange(
      suite.url,
      first.initCode,
      await signInThroughIdp(first.flow, { email }),
    );
    for (const kind of ['login', 'registration'] as const) {
      const again = await socialFlow(suite.url, kind);
      const res = await exchange(suite.url, again.initCode, await signInThroughIdp(again.flow, { email }));
      expect(res.status).toBe(200);
      expect(res.body.session.identity.id).toBe(firstSession.body.session.identity.id);
      expect(res.body.session_token).not.toBe(firstSession.body.session_token);
    }
  });

  it('leaves an identity with a second factor at aal1, for the app to finish with the second factor', async () => {
    const email = uniqueEmail();
    const first = await socialFlow(suite.url);
    const { session_token: token } = (
      await exchange(suite.url, first.initCode, await signInThroughIdp(first.flow, { email }))
    ).body;
    const settings = await settingsFlow(suite.url, token);
    const linked = await call('POST', settings.ui.action, {
      headers: tokenHeader(token),
      json: { method: 'totp', totp_code: await totpCode(totpSecretOf(settings), clock.now()) },
    });
    expect(linked.status).toBe(200);

    const again = await socialFlow(suite.url);
    const res = await exchange(suite.url, again.initCode, await signInThroughIdp(again.flow, { email }));
    expect(res.status).toBe(200);
    expect(res.body.session.authenticator_assurance_level).toBe('aal1');
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, {
      headers: tokenHeader(res.body.session_token),
    });
    expect(whoami.status).toBe(403);
    expect(whoami.body.error.id).toBe('session_aal2_required');
    const secondFactor = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, {
      headers: tokenHeader(res.body.session_token),
    });
    expect(nodeNamed(secondFactor.body, 'totp_code')).toBeDefined();
  });

  it('sends the browser back without a code when the person denies, and writes the error into the flow', async () => {
    const { flow, initCode } = await socialFlow(suite.url);
    const link = await linkBack(flow, 'deny');
    // login/error.go: an API flow with an exchange code goes to the bare return_to (measured on v1.3.1).
    expect(link.href).toBe(CALLBACK);
    const waiting = await call('GET', `${suite.url}/self-service/login/flows?id=${flow.id}`);
    expect(waiting.body.active).toBe('oidc');
    expect(waiting.body.ui.messages).toEqual([
      {
        id: 4000001,
        type: 'error',
        text: 'Unable to complete OpenID Connect flow because the OpenID Provider returned error "access_denied": The resource owner or authorization server denied the request.',
        context: {
          reason:
            'Unable to complete OpenID Connect flow because the OpenID Provider returned error "access_denied": The resource owner or authorization server denied the request.',
        },
      },
    ]);
    // Nothing to exchange, and the same flow (with its code) can be tried again.
    expect((await exchange(suite.url, initCode, 'A'.repeat(64))).status).toBe(404);
    const again = await signInThroughIdp(flow, { email: `again-${Date.now()}@example.org` });
    expect((await exchange(suite.url, initCode, again)).status).toBe(200);
  });

  it('offers to link the provider to a password account that uses the address (1010016)', async () => {
    const { email, password } = await register(suite.url);
    const { flow, initCode } = await socialFlow(suite.url);
    const link = await linkBack(flow, { email });
    expect([...link.searchParams.keys()]).toEqual(['flow', 'no_org_ui']);
    expect(link.searchParams.get('no_org_ui')).toBe('true');
    const linking = await call(
      'GET',
      `${suite.url}/self-service/login/flows?id=${link.searchParams.get('flow')}`,
    );
    expect(linking.status).toBe(200);
    expect(linking.body).toMatchObject({
      type: 'api',
      return_to: CALLBACK,
      active: 'oidc',
      state: 'choose_method',
    });
    expect(linking.body.ui.messages).toEqual([
      expect.objectContaining({
        id: 1010016,
        type: 'info',
        context: expect.objectContaining({ duplicate_identifier: email, provider: 'Example IdP' }),
      }),
    ]);
    // The sign-in form of that account: its address filled in and hidden, no provider button.
    expect(nodeNames(linking.body)).toEqual([
      'default:csrf_token',
      'default:identifier',
      'password:password',
      'password:method',
    ]);
    expect(nodeNamed(linking.body, 'identifier')?.attributes).toMatchObject({ type: 'hidden', value: email });
    // The exchange code moved to the new flow: the old one has nothing to hand out.
    expect((await exchange(suite.url, initCode, 'A'.repeat(64))).status).toBe(404);

    const signedIn = await call('POST', linking.body.ui.action, {
      json: { method: 'password', identifier: email, password },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session.authentication_methods).toEqual([
      expect.objectContaining({ method: 'password', aal: 'aal1' }),
      expect.objectContaining({ method: 'oidc', aal: 'aal1', provider: 'example' }),
    ]);
    // From now on the provider alone signs in to that account.
    const next = await socialFlow(suite.url);
    const returned = await exchange(suite.url, next.initCode, await signInThroughIdp(next.flow, { email }));
    expect(returned.status).toBe(200);
    expect(returned.body.session.identity.id).toBe(signedIn.body.session.identity.id);
  });

  it('settings draw the oidc group as v26.2.0: Link for a provider not linked, Unlink while another way to sign in remains', async () => {
    const { email, password, token } = await register(suite.url);
    const headers = tokenHeader(token);
    const oidcNodes = (flow: { ui: { nodes: Array<{ group: string }> } }) =>
      flow.ui.nodes.filter((node) => node.group === 'oidc');
    const before = await call('GET', `${suite.url}/self-service/settings/api`, { headers });
    expect(oidcNodes(before.body)).toEqual([
      {
        type: 'input',
        group: 'oidc',
        attributes: { name: 'link', type: 'submit', value: 'example', disabled: false, node_type: 'input' },
        messages: [],
        meta: {
          label: {
            id: 1050002,
            text: 'Link Example IdP',
            type: 'info',
            context: { provider: 'Example IdP' },
          },
        },
      },
    ]);
    // Right after password and before the second factors (settings/sort.go).
    expect(
      nodeNames(before.body).filter((name) => /^(password|oidc|lookup_secret|totp):/.test(name))[2],
    ).toBe('oidc:link');
    // Link answers with the provider's page (422); nothing is linked by it.
    const linkPressed = await call('POST', before.body.ui.action, {
      json: { method: 'oidc', link: 'example' },
      headers,
    });
    expect(linkPressed.status).toBe(422);
    expect(linkPressed.body.error.id).toBe('browser_location_change_required');

    // Linked through the account-linking sign-in: now Unlink, and no Link.
    const { flow } = await socialFlow(suite.url);
    const back = await linkBack(flow, { email });
    const linking = await call(
      'GET',
      `${suite.url}/self-service/login/flows?id=${back.searchParams.get('flow')}`,
    );
    const signedIn = await call('POST', linking.body.ui.action, {
      json: { method: 'password', identifier: email, password },
    });
    const linkedHeaders = tokenHeader(signedIn.body.session_token);
    const after = await call('GET', `${suite.url}/self-service/settings/api`, { headers: linkedHeaders });
    expect(oidcNodes(after.body)).toEqual([
      expect.objectContaining({
        attributes: expect.objectContaining({ name: 'unlink', value: 'example' }),
        meta: { label: expect.objectContaining({ id: 1050003, text: 'Unlink Example IdP' }) },
      }),
    ]);
    const unlinked = await call('POST', after.body.ui.action, {
      json: { method: 'oidc', unlink: 'example' },
      headers: linkedHeaders,
    });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toMatchObject({ state: 'success', ui: { messages: [{ id: 1050001 }] } });
    expect(unlinked.body.continue_with).toBeUndefined();
    expect(oidcNodes(unlinked.body)).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ name: 'link', value: 'example' }) }),
    ]);
  });

  it("settings refuse to unlink a provider that is the account's only way to sign in (4000001)", async () => {
    const { flow, initCode } = await socialFlow(suite.url);
    const token = (
      await exchange(
        suite.url,
        initCode,
        await signInThroughIdp(flow, { email: `only-${Date.now()}@example.org` }),
      )
    ).body.session_token as string;
    const headers = tokenHeader(token);
    const settings = await call('GET', `${suite.url}/self-service/settings/api`, { headers });
    expect(settings.body.ui.nodes.filter((node: { group: string }) => node.group === 'oidc')).toEqual([]);
    const refused = await call('POST', settings.body.ui.action, {
      json: { method: 'oidc', unlink: 'example' },
      headers,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.ui.messages).toEqual([
      expect.objectContaining({
        id: 4000001,
        text: 'can not unlink OpenID Connect connection because it is the last remaining first factor credential',
      }),
    ]);
  });

  it('links nothing when the linking flow signs in to another account', async () => {
    const owner = await register(suite.url);
    const other = await register(suite.url);
    const { flow } = await socialFlow(suite.url);
    const link = await linkBack(flow, { email: owner.email });
    const linking = await call(
      'GET',
      `${suite.url}/self-service/login/flows?id=${link.searchParams.get('flow')}`,
    );
    const signedIn = await call('POST', linking.body.ui.action, {
      json: { method: 'password', identifier: other.email, password: other.password },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session.authentication_methods).toEqual([
      expect.objectContaining({ method: 'password' }),
    ]);
  });

  it('answers 400 without both codes', async () => {
    const res = await call('GET', `${suite.url}/sessions/token-exchange?init_code=abc`);
    expect(res.status).toBe(400);
    expect(res.body.error.reason).toBe('"init_code" and "return_to_code" query params must be set');
  });

  it('creates the account but sends no code back without the session hook after oidc', async () => {
    const emulator = await startTestEmulator({ config: { registrationSessionHook: false } });
    try {
      const { flow } = await socialFlow(emulator.url);
      const email = uniqueEmail();
      const callback = await atTheIdp(await pressProvider(flow), { email });
      expect(callback.status).toBe(303);
      expect(callback.headers.location).toBe(CALLBACK);
      expect(emulator.identities()).toEqual([expect.objectContaining({ traits: { email } })]);
    } finally {
      await emulator.stop();
    }
  });
});

describe('the demo identity provider', () => {
  it('serves a script-free page whose forms may only lead to itself and the app', async () => {
    const { flow } = await socialFlow(suite.url);
    const page = await browse(await pressProvider(flow));
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' kratos-desktop:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.text).toContain('<h1>Sign in to Example IdP</h1>');
    expect(page.text).toContain('value="deny"');
    expect(page.text).not.toContain('<script');
  });

  // Issue 21: the page listed every address that had used it and asked no password, so a local process
  // signed in to those accounts as their owner (and then set a password on them).
  it('lists no address, and signs nobody in to an account without the password it signed up with', async () => {
    const email = uniqueEmail();
    const first = await socialFlow(suite.url);
    await signInThroughIdp(first.flow, { email });

    const { flow } = await socialFlow(suite.url);
    const redirect = await pressProvider(flow);
    const page = await browse(redirect);
    expect(page.text).not.toContain(email);
    const state = new URL(redirect).searchParams.get('state')!;
    const target = redirect.split('?')[0]!;
    for (const password of ['', 'guessed', EXAMPLE_IDP_PASSWORD.toUpperCase()]) {
      const refused = await browse(target, { state, email, password });
      expect(refused.status, `password "${password}"`).toBe(400);
      expect(refused.headers.location).toBeUndefined();
    }
    const refused = await browse(target, { state, email: email.toUpperCase(), password: 'guessed' });
    expect(refused.text).toContain('The password is not the one this address signed up with');
    const owner = await browse(target, { state, email, password: EXAMPLE_IDP_PASSWORD });
    expect(owner.status).toBe(303);
  });

  it('escapes what it shows', async () => {
    const emulator = await startTestEmulator({
      config: { oidcProviders: [{ id: 'example', label: '"><script>alert(1)</script>' }] },
    });
    try {
      const { flow } = await socialFlow(emulator.url);
      const page = await browse(await pressProvider(flow));
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('<script>');
      expect(page.text).toContain('Sign in to &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    } finally {
      await emulator.stop();
    }
  });

  it('asks again for an address that is not one', async () => {
    const { flow } = await socialFlow(suite.url);
    const redirect = await pressProvider(flow);
    const state = new URL(redirect).searchParams.get('state')!;
    const res = await browse(redirect.split('?')[0]!, { state, email: 'not an address' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter an email address.');
  });

  it('refuses a page or a sign-in not opened by a sign-in, and a callback whose state is unknown or used', async () => {
    expect((await browse(`${suite.url}/example-idp/example/authorize?state=abc`)).status).toBe(400);
    const stranger = { state: 'abc', email: uniqueEmail(), password: EXAMPLE_IDP_PASSWORD };
    expect((await browse(`${suite.url}/example-idp/example/authorize`, stranger)).status).toBe(400);
    const { flow } = await socialFlow(suite.url);
    const redirect = await pressProvider(flow);
    const callback = await atTheIdp(redirect, { email: uniqueEmail() });
    expect(callback.status).toBe(303);
    const state = new URL(redirect).searchParams.get('state')!;
    const replay = await browse(
      `${suite.url}/self-service/methods/oidc/callback/example?code=whatever&state=${state}`,
    );
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('does not belong to a sign-in in progress');
  });

  // Issue 21: the provider's codes were never swept, and anyone can ask for one.
  it(`sweeps expired codes and keeps at most ${MAX_GRANTS}, the newest`, () => {
    const idpClock = createManualClock(new Date('2026-05-01T00:00:00Z'));
    const idp = { clock: idpClock, idpGrants: new Map<string, IdpGrant>() };
    const grant = (lifetimeMs: number): IdpGrant => ({
      provider: 'example',
      email: 'a@example.org',
      expiresAt: idpClock.now().getTime() + lifetimeMs,
    });
    keepGrant(idp, 'expired', grant(1_000));
    idpClock.advance(2_000);
    keepGrant(idp, 'fresh', grant(60_000));
    expect([...idp.idpGrants.keys()]).toEqual(['fresh']);
    for (let i = 0; i < MAX_GRANTS + 10; i++) keepGrant(idp, `code ${i}`, grant(60_000));
    expect(idp.idpGrants.size).toBe(MAX_GRANTS);
    expect(idp.idpGrants.has(`code ${MAX_GRANTS + 9}`)).toBe(true);
    expect(idp.idpGrants.has('fresh')).toBe(false);
  });

  it('answers only requests addressed to the emulator (Host rule)', async () => {
    const res = await request(`${suite.url}/example-idp/example/authorize?state=abc`, {
      headers: { host: 'rebound.example' },
    });
    await res.body.text();
    expect(res.statusCode).toBe(421);
  });
});

describe('what the data file keeps', () => {
  it('holds neither exchange code nor the session token, only hashes', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-social-'));
    const emulator = await startTestEmulator({ dataDir });
    try {
      const { flow, initCode } = await socialFlow(emulator.url);
      const returnToCode = await signInThroughIdp(flow, { email: uniqueEmail() });
      const { session_token: token } = (await exchange(emulator.url, initCode, returnToCode)).body;
      const file = await readFile(path.join(dataDir, 'kratos-emulator.json'), 'utf8');
      for (const secret of [initCode, returnToCode, token]) expect(file).not.toContain(secret);
    } finally {
      await emulator.stop();
    }
  });
});
