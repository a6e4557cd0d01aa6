import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { totpCode } from '../../../emulator/domain/totp';
import { startTestEmulator } from '../../support/emulator';
import {
  call,
  emulatorForSuite,
  login,
  nodeNamed,
  register,
  settingsFlow,
  tokenHeader,
  totpSecretOf,
} from '../helpers';

const clock = createManualClock(new Date('2026-05-01T00:00:00Z'));
const suite = emulatorForSuite(clock);

/** Registers, links TOTP and returns what a later sign-in needs. */
async function identityWithTotp(baseUrl = suite.url) {
  const { email, token } = await register(baseUrl);
  const flow = await settingsFlow(baseUrl, token);
  const secret = totpSecretOf(flow);
  const linked = await call('POST', flow.ui.action, {
    json: { method: 'totp', totp_code: await totpCode(secret, clock.now()) },
    headers: tokenHeader(token),
  });
  expect(linked.status).toBe(200);
  return { email, secret };
}

describe('an identity with TOTP under whoami required_aal highest_available (default)', () => {
  it('password login returns an aal1 token with session.identity null; whoami and /sessions answer 403 aal2', async () => {
    const { email } = await identityWithTotp();
    const res = await login(suite.url, email);
    expect(res.status).toBe(200);
    expect(res.body.session.authenticator_assurance_level).toBe('aal1');
    expect(res.body.session.identity).toBeNull();
    const token = res.body.session_token;

    for (const path of ['/sessions/whoami', '/sessions']) {
      const denied = await call('GET', `${suite.url}${path}`, { headers: tokenHeader(token) });
      expect(denied.status).toBe(403);
      expect(denied.headers['ory-error-id']).toBe('session_aal2_required');
      expect(denied.body).toEqual({
        error: {
          id: 'session_aal2_required',
          code: 403,
          status: 'Forbidden',
          reason:
            'An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.',
          details: { redirect_browser_to: `${suite.url}/self-service/login/browser?aal=aal2` },
          message: 'Session does not fulfill the requested Authenticator Assurance Level',
        },
        redirect_browser_to: `${suite.url}/self-service/login/browser?aal=aal2`,
      });
    }
    const settings = await call('GET', `${suite.url}/self-service/settings/api`, {
      headers: tokenHeader(token),
    });
    expect(settings.status).toBe(403);
    expect(settings.body.error.id).toBe('session_aal2_required');
  });

  it('aal=aal2 upgrades the same session and token with a TOTP code', async () => {
    const { email, secret } = await identityWithTotp();
    const first = await login(suite.url, email);
    const token = first.body.session_token;

    const flow = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, {
      headers: tokenHeader(token),
    });
    expect(flow.status).toBe(200);
    expect(flow.body).toMatchObject({ requested_aal: 'aal2', refresh: false });
    expect(flow.body.ui.messages).toEqual([
      { id: 1010004, text: 'Please complete the second authentication challenge.', type: 'info' },
    ]);
    expect(nodeNamed(flow.body, 'totp_code')).toMatchObject({
      group: 'totp',
      meta: { label: { id: 1010006 } },
    });
    expect(nodeNamed(flow.body, 'identifier')).toBeUndefined();

    const withoutToken = await call('POST', flow.body.ui.action, {
      json: { method: 'totp', totp_code: '123456' },
    });
    expect(withoutToken.status).toBe(401);
    expect(withoutToken.body.error.id).toBe('session_aal1_required');

    const wrong = await call('POST', flow.body.ui.action, {
      json: { method: 'totp', totp_code: '000000' },
      headers: tokenHeader(token),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.ui.messages).toEqual([
      { id: 4000008, text: 'The provided authentication code is invalid, please try again.', type: 'error' },
    ]);
    // strategy/totp/login.go handleLoginError resets the node: no `value` key (fixture ...-4000008.json).
    expect(nodeNamed(wrong.body, 'totp_code').attributes).not.toHaveProperty('value');

    const upgraded = await call('POST', flow.body.ui.action, {
      json: { method: 'totp', totp_code: await totpCode(secret, clock.now()) },
      headers: tokenHeader(token),
    });
    expect(upgraded.status).toBe(200);
    expect(upgraded.body.session_token).toBe(token);
    expect(upgraded.body.session.id).toBe(first.body.session.id);
    expect(upgraded.body.session.authenticator_assurance_level).toBe('aal2');
    expect(upgraded.body.session.identity.traits.email).toBe(email);
    expect((await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) })).status).toBe(
      200,
    );

    // Asking for aal2 again with an aal2 session: already signed in (login/handler.go, requested <= session AAL).
    const again = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, {
      headers: tokenHeader(token),
    });
    expect(again.status).toBe(400);
    expect(again.body.error.id).toBe('session_already_available');
  });

  it('lookup secrets sign in at aal2 once: invalid → 4000016, reused → 4000012', async () => {
    const { email, token } = await register(suite.url);
    const generated = await call('POST', (await settingsFlow(suite.url, token)).ui.action, {
      json: { method: 'lookup_secret', lookup_secret_regenerate: true },
      headers: tokenHeader(token),
    });
    const codes: string[] = generated.body.ui.nodes
      .find((n: { attributes: { id?: string } }) => n.attributes.id === 'lookup_secret_codes')
      .attributes.text.context.secrets.map((s: { context: { secret: string } }) => s.context.secret);
    await call('POST', generated.body.ui.action, {
      json: { method: 'lookup_secret', lookup_secret_confirm: true },
      headers: tokenHeader(token),
    });

    const aal1 = (await login(suite.url, email)).body.session_token;
    const aal2Flow = async () =>
      (await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, { headers: tokenHeader(aal1) }))
        .body;
    const submitCode = async (code: string) =>
      call('POST', (await aal2Flow()).ui.action, {
        json: { method: 'lookup_secret', lookup_secret: code },
        headers: tokenHeader(aal1),
      });

    const invalid = await submitCode('nope0000');
    expect(invalid.status).toBe(400);
    expect(invalid.body.ui.messages).toEqual([
      { id: 4000016, text: 'The backup recovery code is not valid.', type: 'error' },
    ]);
    // strategy/lookup/login.go handleLoginError resets the node: no `value` key (fixture ...-4000016.json).
    expect(nodeNamed(invalid.body, 'lookup_secret').attributes).not.toHaveProperty('value');
    const ok = await submitCode(codes[0]!);
    expect(ok.status).toBe(200);
    expect(ok.body.session.authentication_methods.at(-1)).toMatchObject({
      method: 'lookup_secret',
      aal: 'aal2',
    });
    // The session is now aal2, so a new aal2 flow is refused; use a fresh aal1 session to try the same code.
    const other = (await login(suite.url, email)).body.session_token;
    const flow = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, {
      headers: tokenHeader(other),
    });
    const reused = await call('POST', flow.body.ui.action, {
      json: { method: 'lookup_secret', lookup_secret: codes[0] },
      headers: tokenHeader(other),
    });
    expect(reused.status).toBe(400);
    expect(reused.body.ui.messages).toEqual([
      { id: 4000012, text: 'This backup recovery code has already been used.', type: 'error' },
    ]);
  });
});

describe('whoami required_aal aal1', () => {
  it('accepts an aal1 session of an identity with TOTP, and the login response keeps the identity', async () => {
    const relaxed = await startTestEmulator({
      clock,
      config: { whoamiRequiredAal: 'aal1', settingsRequiredAal: 'aal1' },
    });
    try {
      const { email } = await identityWithTotp(relaxed.url);
      const res = await login(relaxed.url, email);
      expect(res.body.session.identity.traits.email).toBe(email);
      const whoami = await call('GET', `${relaxed.url}/sessions/whoami`, {
        headers: tokenHeader(res.body.session_token),
      });
      expect(whoami.status).toBe(200);
      expect(whoami.body.authenticator_assurance_level).toBe('aal1');
    } finally {
      await relaxed.stop();
    }
  });
});
