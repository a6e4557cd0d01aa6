import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { startTestEmulator } from '../../support/emulator';
import { totpCode } from '../../../emulator/domain/totp';
import {
  call,
  emulatorForSuite,
  ENDPOINT_DISABLED,
  login,
  nodeNamed,
  PASSWORD,
  register,
  settingsFlow,
  tokenHeader,
  totpSecretOf,
  withUncheckedEmulator,
} from '../helpers';

const clock = createManualClock(new Date('2026-04-01T00:00:00Z'));
const suite = emulatorForSuite(clock);

/**
 * Fetching or submitting a settings flow without a session (settings/strategy_helper.go OnUnauthenticated):
 * Kratos's own answer, no error id, measured on v26.2.0.
 */
const CREDENTIALS_MISSING = {
  error: {
    code: 401,
    status: 'Unauthorized',
    reason: 'A valid Ory Session Cookie or Ory Session Token is missing.',
    message: 'The request could not be authorized',
  },
};

const submit = (flow: { ui: { action: string } }, token: string, json: unknown) =>
  call('POST', flow.ui.action, { json, headers: tokenHeader(token) });

describe('GET /self-service/settings/api', () => {
  it('answers 401 session_inactive without a session', async () => {
    const res = await call('GET', `${suite.url}/self-service/settings/api`);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      id: 'session_inactive',
      // IsAuthenticated's reason (measured on v26.2.0).
      reason: 'This endpoint can only be accessed with a valid session. Please log in and try again.',
      message: 'request does not have a valid authentication session',
    });
  });

  it('offers profile (schema traits with values), password, social accounts, TOTP setup and lookup secrets', async () => {
    const { token, email } = await register(suite.url, undefined, PASSWORD, 'Lin');
    const flow = await settingsFlow(suite.url, token);
    expect(flow).toMatchObject({
      type: 'api',
      state: 'show_form',
      identity: { traits: { email, name: 'Lin' } },
    });
    expect(flow.ui.action).toBe(`${suite.url}/self-service/settings?flow=${flow.id}`);
    expect(nodeNamed(flow, 'traits.email')).toMatchObject({
      group: 'profile',
      attributes: { value: email, type: 'email' },
    });
    expect(nodeNamed(flow, 'traits.name')).toMatchObject({ group: 'profile', attributes: { value: 'Lin' } });
    const groups = flow.ui.nodes.map((n: { group: string; attributes: { name?: string; id?: string } }) => [
      n.group,
      n.attributes.name ?? n.attributes.id,
    ]);
    expect(groups).toEqual([
      ['default', 'csrf_token'],
      ['profile', 'traits.email'],
      ['profile', 'traits.name'],
      ['profile', 'method'],
      ['password', 'password'],
      ['password', 'method'],
      ['oidc', 'link'],
      ['lookup_secret', 'lookup_secret_regenerate'],
      ['totp', 'totp_qr'],
      ['totp', 'totp_secret_key'],
      ['totp', 'totp_code'],
      ['totp', 'method'],
    ]);
    const qr = flow.ui.nodes.find((n: { attributes: { id?: string } }) => n.attributes.id === 'totp_qr');
    expect(qr.attributes).toMatchObject({ width: 256, height: 256, node_type: 'img' });
    expect(qr.attributes.src).toMatch(/^data:image\/png;base64,/);
    expect(totpSecretOf(flow)).toMatch(/^[A-Z2-7]{16,}$/);
  });
});

describe('POST /self-service/settings?flow=', () => {
  it('updates the profile: 200, state success, 1050001, new values shown', async () => {
    const { token } = await register(suite.url);
    const flow = await settingsFlow(suite.url, token);
    const email = nodeNamed(flow, 'traits.email').attributes.value;
    const res = await submit(flow, token, { method: 'profile', traits: { email, name: 'New Name' } });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('success');
    expect(res.body.ui.messages).toEqual([
      { id: 1050001, text: 'Your changes have been saved!', type: 'success' },
    ]);
    expect(nodeNamed(res.body, 'traits.name').attributes.value).toBe('New Name');
    expect(res.body).not.toHaveProperty('session_token');
  });

  it('changes the password (login works with the new one only)', async () => {
    const { token, email } = await register(suite.url);
    const flow = await settingsFlow(suite.url, token);
    const res = await submit(flow, token, { method: 'password', password: 'a whole new passphrase' });
    expect(res.status).toBe(200);
    expect((await login(suite.url, email, 'a whole new passphrase')).status).toBe(200);
    expect((await login(suite.url, email, PASSWORD)).status).toBe(400);
  });

  it('applies the password policy (400 with 4000032 on the node)', async () => {
    const { token } = await register(suite.url);
    const res = await submit(await settingsFlow(suite.url, token), token, {
      method: 'password',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(nodeNamed(res.body, 'password').messages[0]).toMatchObject({ id: 4000032 });
  });

  it('requires a recent login for sensitive changes: 403 session_refresh_required, then refresh and resubmit', async () => {
    const { token, email } = await register(suite.url);
    clock.advance(61 * 60 * 1000);
    const flow = await settingsFlow(suite.url, token);
    const refused = await submit(flow, token, { method: 'password', password: 'another fine passphrase' });
    expect(refused.status).toBe(403);
    expect(refused.headers['ory-error-id']).toBe('session_refresh_required');
    expect(refused.body.error).toMatchObject({
      id: 'session_refresh_required',
      reason:
        'The login session is too old and thus not allowed to update these fields. Please re-authenticate.',
    });
    expect(refused.body.redirect_browser_to).toContain('/self-service/login/browser?refresh=true');

    const refresh = await call('GET', `${suite.url}/self-service/login/api?refresh=true`, {
      headers: tokenHeader(token),
    });
    const relogin = await call('POST', refresh.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
      headers: tokenHeader(token),
    });
    expect(relogin.body.session_token).toBe(token);
    const retried = await submit(flow, token, { method: 'password', password: 'another fine passphrase' });
    expect(retried.status).toBe(200);
  });

  it('after the privileged age refuses even a name-only profile change of an identity with an address (v26.2.0)', async () => {
    const { token, email } = await register(suite.url);
    const early = await submit(await settingsFlow(suite.url, token), token, {
      method: 'profile',
      traits: { email, name: 'Early Change' },
    });
    expect(early.status).toBe(200);
    clock.advance(61 * 60 * 1000);
    const late = await submit(await settingsFlow(suite.url, token), token, {
      method: 'profile',
      traits: { email, name: 'Late Change' },
    });
    expect(late.status).toBe(403);
    expect(late.body.error).toMatchObject({ id: 'session_refresh_required' });
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(whoami.body.identity.traits.name).toBe('Early Change');
  });

  it('links TOTP: wrong code → 4000008; right code → success and an aal2 session', async () => {
    const { token } = await register(suite.url);
    const flow = await settingsFlow(suite.url, token);
    const wrong = await submit(flow, token, { method: 'totp', totp_code: '000000' });
    expect(wrong.status).toBe(400);
    expect(nodeNamed(wrong.body, 'totp_code').messages).toEqual([
      { id: 4000008, text: 'The provided authentication code is invalid, please try again.', type: 'error' },
    ]);
    const code = await totpCode(totpSecretOf(flow), clock.now());
    const linked = await submit(flow, token, { method: 'totp', totp_code: code });
    expect(linked.status).toBe(200);
    expect(linked.body.state).toBe('success');
    expect(nodeNamed(linked.body, 'totp_unlink').attributes).toMatchObject({ type: 'submit', value: 'true' });
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(whoami.body.authenticator_assurance_level).toBe('aal2');
    expect(
      whoami.body.authentication_methods.map((m: { method: string; aal: string }) => [m.method, m.aal]),
    ).toEqual([
      ['password', 'aal1'],
      ['totp', 'aal2'],
    ]);

    const unlinked = await submit(await settingsFlow(suite.url, token), token, {
      method: 'totp',
      totp_unlink: true,
    });
    expect(unlinked.status).toBe(200);
    expect(nodeNamed(unlinked.body, 'totp_code')).toBeDefined();
  });

  it('lookup secrets: regenerate (not saved) → confirm → reveal → disable', async () => {
    const { token } = await register(suite.url);
    const flow = await settingsFlow(suite.url, token);
    const generated = await submit(flow, token, { method: 'lookup_secret', lookup_secret_regenerate: true });
    expect(generated.status).toBe(200);
    const codesNode = generated.body.ui.nodes.find(
      (n: { attributes: { id?: string } }) => n.attributes.id === 'lookup_secret_codes',
    );
    expect(codesNode.attributes.text.id).toBe(1050015);
    expect(codesNode.attributes.text.context.secrets).toHaveLength(12);
    expect(nodeNamed(generated.body, 'lookup_secret_confirm')).toBeDefined();
    // Not saved before confirm: a new settings flow still offers to generate.
    expect(nodeNamed(await settingsFlow(suite.url, token), 'lookup_secret_regenerate')).toBeDefined();

    const confirmed = await submit(generated.body, token, {
      method: 'lookup_secret',
      lookup_secret_confirm: true,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.state).toBe('success');
    // Once codes are saved, they can be revealed or the method disabled (real Kratos offers both).
    expect(nodeNamed(confirmed.body, 'lookup_secret_reveal')).toBeDefined();
    expect(nodeNamed(confirmed.body, 'lookup_secret_disable')).toBeDefined();

    const revealed = await submit(await settingsFlow(suite.url, token), token, {
      method: 'lookup_secret',
      lookup_secret_reveal: true,
    });
    const shown = revealed.body.ui.nodes.find(
      (n: { attributes: { id?: string } }) => n.attributes.id === 'lookup_secret_codes',
    );
    expect(shown.attributes.text.text.split(', ')).toEqual(
      codesNode.attributes.text.context.secrets.map((s: { text: string }) => s.text),
    );

    const disabled = await submit(revealed.body, token, {
      method: 'lookup_secret',
      lookup_secret_disable: true,
    });
    expect(disabled.status).toBe(200);
    expect(nodeNamed(disabled.body, 'lookup_secret_regenerate')).toBeDefined();
  });

  it('accepts the lookup and unlink buttons without `method`, as Kratos does (only the pressed button sent)', async () => {
    const { token } = await register(suite.url);
    const generated = await submit(await settingsFlow(suite.url, token), token, {
      lookup_secret_regenerate: true,
    });
    expect(generated.status).toBe(200);
    expect(nodeNamed(generated.body, 'lookup_secret_confirm')).toBeDefined();
    const confirmed = await submit(generated.body, token, { lookup_secret_confirm: true });
    expect(confirmed.body.state).toBe('success');

    const flow = await settingsFlow(suite.url, token);
    const linked = await submit(flow, token, {
      method: 'totp',
      totp_code: await totpCode(totpSecretOf(flow), clock.now()),
    });
    expect(linked.body.state).toBe('success');
    const unlinked = await submit(await settingsFlow(suite.url, token), token, { totp_unlink: true });
    expect(unlinked.status).toBe(200);
    expect(nodeNamed(unlinked.body, 'totp_code')).toBeDefined();

    // Nothing that names a strategy: still Kratos's "no strategy" answer.
    const neither = await submit(await settingsFlow(suite.url, token), token, {
      lookup_secret_confirm: false,
    });
    expect(neither.status).toBe(400);
    expect(neither.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([4010004]);
  });

  it("refuses TOTP, backup codes and password turned off with Kratos's 404 (MethodEnabledAndAllowed)", async () => {
    const off = await startTestEmulator({
      config: {
        methods: {
          password: false,
          totp: false,
          lookup_secret: false,
          code: true,
          oidc: false,
          passkey: false,
        },
        codePasswordless: true,
      },
    });
    try {
      const email = 'methods-off@example.org';
      const signUp = await call('GET', `${off.url}/self-service/registration/api`);
      const sent = await call('POST', signUp.body.ui.action, {
        json: { method: 'code', traits: { email } },
      });
      const registered = await call('POST', signUp.body.ui.action, {
        json: { method: 'code', traits: { email }, code: off.outbox().at(-1)?.code },
      });
      expect([sent.status, registered.status]).toEqual([400, 200]);
      const token = registered.body.session_token as string;
      for (const json of [
        { method: 'totp', totp_code: '000000' },
        { totp_unlink: true },
        { method: 'lookup_secret', lookup_secret_regenerate: true },
        { lookup_secret_regenerate: true },
        { method: 'password', password: `${PASSWORD}-new` },
      ]) {
        const answer = await submit(await settingsFlow(off.url, token), token, json);
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual(ENDPOINT_DISABLED);
      }
      // The profile method is always on.
      const profile = await submit(await settingsFlow(off.url, token), token, {
        method: 'profile',
        traits: { email, name: 'Still Here' },
      });
      expect(profile.status).toBe(200);
    } finally {
      await off.stop();
    }
  });

  it('folds "confirm without regenerate" and "reveal without codes" into 400 flows (4000001)', async () => {
    const { token } = await register(suite.url);
    const confirm = await submit(await settingsFlow(suite.url, token), token, {
      method: 'lookup_secret',
      lookup_secret_confirm: true,
    });
    expect(confirm.status).toBe(400);
    expect(confirm.body.ui.messages[0]).toMatchObject({
      id: 4000001,
      text: 'You must (re-)generate recovery backup codes before you can save them.',
    });
    const reveal = await submit(await settingsFlow(suite.url, token), token, {
      method: 'lookup_secret',
      lookup_secret_reveal: true,
    });
    expect(reveal.body.ui.messages[0]).toMatchObject({
      id: 4000001,
      text: 'Can not reveal lookup codes because you have none.',
    });
  });

  it("refuses another identity's flow: 403 security_identity_mismatch on fetch, a 400 flow on submit", async () => {
    const alice = await register(suite.url);
    const bob = await register(suite.url);
    const flow = await settingsFlow(suite.url, alice.token);
    const fetched = await call('GET', `${suite.url}/self-service/settings/flows?id=${flow.id}`, {
      headers: tokenHeader(bob.token),
    });
    // settings/handler.go getSettingsFlow: herodot.ErrForbidden with the id and this reason.
    expect(fetched.status).toBe(403);
    expect(fetched.headers['ory-error-id']).toBe('security_identity_mismatch');
    expect(fetched.body).toEqual({
      error: {
        id: 'security_identity_mismatch',
        code: 403,
        status: 'Forbidden',
        reason: 'The request was made for another identity and has been blocked for security reasons.',
        message: 'The requested action was forbidden',
      },
    });
    // settings/flow.go Valid raises a herodot 400, which the settings error handler folds into the flow.
    const submitted = await submit(flow, bob.token, { method: 'profile', traits: { email: bob.email } });
    expect(submitted.status).toBe(400);
    expect(submitted.body.id).toBe(flow.id);
    expect(submitted.body.ui.messages).toEqual([
      {
        id: 4000001,
        text: 'You must restart the flow because the resumable session was initiated by another person.',
        type: 'error',
        context: {
          reason: 'You must restart the flow because the resumable session was initiated by another person.',
        },
      },
    ]);
    // Nothing was changed on Alice's identity.
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(alice.token) });
    expect(whoami.body.identity.traits.email).toBe(alice.email);
  });

  it('checks the session before the flow on submit: 401 without a token, then 400 malformed, 404 unknown', async () => {
    const unknownFlow = `${suite.url}/self-service/settings?flow=6a5c1d5e-0000-4000-8000-000000000000`;
    const profile = { method: 'profile', traits: {} };
    // Kratos wraps the route in IsAuthenticated (measured on v26.2.0 and v1.3.1: test/parity, kratos-defaults).
    const noToken = await call('POST', unknownFlow, { json: profile });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual(CREDENTIALS_MISSING);
    const { token } = await register(suite.url);
    await withUncheckedEmulator(async ({ url }) => {
      const { token: there } = await register(url);
      const malformed = await call('POST', `${url}/self-service/settings?flow=not-a-uuid`, {
        json: profile,
        headers: tokenHeader(there),
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({
        error: {
          code: 400,
          status: 'Bad Request',
          reason: 'The flow query parameter is missing or malformed.',
          message: 'The request was malformed or contained invalid parameters',
        },
      });
    });
    const unknown = await call('POST', unknownFlow, { json: profile, headers: tokenHeader(token) });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: {
        code: 404,
        status: 'Not Found',
        reason: 'The settings request could not be found. Please restart the flow.',
        message: 'The requested resource could not be found',
      },
    });
  });

  it("checks the session before the flow on fetch: Kratos's 401 without a token, 404 for an unknown id with one", async () => {
    const { token } = await register(suite.url);
    const flow = await settingsFlow(suite.url, token);
    for (const id of [flow.id, '6a5c1d5e-0000-4000-8000-000000000000']) {
      const res = await call('GET', `${suite.url}/self-service/settings/flows?id=${id}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(CREDENTIALS_MISSING);
      expect(res.headers['ory-error-id']).toBeUndefined();
    }
    const unknown = await call(
      'GET',
      `${suite.url}/self-service/settings/flows?id=6a5c1d5e-0000-4000-8000-000000000000`,
      { headers: tokenHeader(token) },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Unable to locate the resource');
  });

  it('answers 410 without an error id when fetching an expired settings flow', async () => {
    const { token } = await register(suite.url);
    const flow = await settingsFlow(suite.url, token);
    clock.advance(60 * 60 * 1000 + 1);
    const res = await call('GET', `${suite.url}/self-service/settings/flows?id=${flow.id}`, {
      headers: tokenHeader(token),
    });
    expect(res.status).toBe(410);
    expect(res.body.error).not.toHaveProperty('id');
    expect(res.body.error.details).toEqual({ api: `${suite.url}/self-service/settings/api` });
  });
});
