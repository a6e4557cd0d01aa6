import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import {
  call,
  emulatorForSuite,
  login,
  nodeNamed,
  PASSWORD,
  register,
  tokenHeader,
  uniqueEmail,
  withUncheckedEmulator,
} from '../helpers';

const clock = createManualClock(new Date('2026-01-01T00:00:00Z'));
const suite = emulatorForSuite(clock);

describe('GET /self-service/login/api', () => {
  it('creates a native (api) flow whose action posts back to the emulator', async () => {
    const res = await call('GET', `${suite.url}/self-service/login/api`);
    expect(res.status).toBe(200);
    const flow = res.body;
    expect(flow).toMatchObject({
      type: 'api',
      refresh: false,
      requested_aal: 'aal1',
      state: 'choose_method',
    });
    expect(flow.ui).toMatchObject({
      action: `${suite.url}/self-service/login?flow=${flow.id}`,
      method: 'POST',
    });
    expect(flow.request_url).toBe(`${suite.url}/self-service/login/api`);
    expect(new Date(flow.expires_at).getTime() - new Date(flow.issued_at).getTime()).toBe(60 * 60 * 1000);
    // API flows carry a csrf_token node with an empty value.
    expect(nodeNamed(flow, 'csrf_token')?.attributes).toEqual({
      name: 'csrf_token',
      type: 'hidden',
      value: '',
      required: true,
      disabled: false,
      node_type: 'input',
    });
    expect(nodeNamed(flow, 'identifier')).toMatchObject({
      group: 'default',
      meta: { label: { id: 1070002, text: 'E-Mail' } },
    });
    expect(nodeNamed(flow, 'password')?.attributes).toMatchObject({
      type: 'password',
      autocomplete: 'current-password',
    });
    expect(flow.ui.nodes.at(-1)).toMatchObject({
      attributes: { name: 'method', type: 'submit', value: 'password' },
      meta: { label: { id: 1010022, text: 'Sign in with password' } },
    });
  });

  it('is fetched again with GET /self-service/login/flows?id=', async () => {
    const created = await call('GET', `${suite.url}/self-service/login/api`);
    const fetched = await call('GET', `${suite.url}/self-service/login/flows?id=${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('answers 404 for an unknown or malformed flow id', async () => {
    for (const id of ['6a5c1d5e-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await call('GET', `${suite.url}/self-service/login/flows?id=${id}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' },
      });
    }
  });

  it('answers a submit without a usable ?flow= with 400 (flow.GetFlowID), not 404', async () => {
    await withUncheckedEmulator(async ({ url }) => {
      for (const query of ['', '?flow=', '?flow=not-a-uuid', '?flow=00000000-0000-0000-0000-000000000000']) {
        const res = await call('POST', `${url}/self-service/login${query}`, {
          json: { method: 'password', identifier: 'a@example.org', password: 'x' },
        });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          error: {
            code: 400,
            status: 'Bad Request',
            reason: 'The flow query parameter is missing or malformed.',
            message: 'The request was malformed or contained invalid parameters',
          },
        });
      }
    });
  });

  it('answers a submit to an unknown flow id with 404', async () => {
    const unknown = await call(
      'POST',
      `${suite.url}/self-service/login?flow=6a5c1d5e-0000-4000-8000-000000000000`,
      {
        json: { method: 'password', identifier: 'a@example.org', password: 'x' },
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' },
    });
  });

  it('refuses a session holder with 400 session_already_available and the Ory-Error-Id header', async () => {
    const { token } = await register(suite.url);
    const res = await call('GET', `${suite.url}/self-service/login/api`, { headers: tokenHeader(token) });
    expect(res.status).toBe(400);
    expect(res.headers['ory-error-id']).toBe('session_already_available');
    expect(res.body.error).toMatchObject({
      id: 'session_already_available',
      code: 400,
      reason:
        'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
    });
  });

  it('drops refresh=true silently without a session, and refuses aal2 without one (401 session_aal1_required)', async () => {
    const refresh = await call('GET', `${suite.url}/self-service/login/api?refresh=true`);
    expect(refresh.body.refresh).toBe(false);
    const aal2 = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`);
    expect(aal2.status).toBe(401);
    expect(aal2.body.error.id).toBe('session_aal1_required');
    expect(aal2.headers['ory-error-id']).toBe('session_aal1_required');
  });

  it('rejects an unknown aal with 400', async () => {
    const res = await call('GET', `${suite.url}/self-service/login/api?aal=aal7`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(400);
  });

  it('answers aal2 for an identity without a second factor with a flow that has nothing to fill in', async () => {
    const { token } = await register(suite.url);
    const res = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, {
      headers: tokenHeader(token),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ requested_aal: 'aal2', state: 'choose_method' });
    expect(res.body.ui.nodes).toEqual([]);
    expect(res.body.ui.messages).toEqual([
      { id: 1010004, text: 'Please complete the second authentication challenge.', type: 'info' },
    ]);
  });
});

describe('POST /self-service/login?flow= with method=password', () => {
  it('signs in: session token ory_st_ + 32 alphanumerics and a complete aal1 session', async () => {
    const { email } = await register(suite.url, uniqueEmail(), PASSWORD, 'Ada');
    const res = await login(suite.url, email.toUpperCase(), PASSWORD, { 'User-Agent': 'KratosDesktop/1.0' });
    expect(res.status).toBe(200);
    expect(res.body.session_token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/);
    expect(res.body.continue_with).toBeNull();
    const session = res.body.session;
    expect(session).toMatchObject({
      active: true,
      authenticator_assurance_level: 'aal1',
      authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: clock.now().toISOString() }],
      authenticated_at: clock.now().toISOString(),
      issued_at: clock.now().toISOString(),
      expires_at: new Date(clock.now().getTime() + 24 * 3600 * 1000).toISOString(),
      identity: { traits: { email, name: 'Ada' }, schema_id: 'default', state: 'active' },
      devices: [{ ip_address: '127.0.0.1', user_agent: 'KratosDesktop/1.0', location: '' }],
    });
    expect(session.identity).not.toHaveProperty('credentials');
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
  });

  it('answers a wrong password with the flow: 400, message 4000006, identifier kept, password cleared', async () => {
    const { email } = await register(suite.url);
    const res = await login(suite.url, email, 'wrong password!!');
    expect(res.status).toBe(400);
    expect(res.body.ui.messages).toEqual([
      {
        id: 4000006,
        text: 'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
        type: 'error',
      },
    ]);
    expect(nodeNamed(res.body, 'identifier')?.attributes).toMatchObject({ value: email });
    expect(nodeNamed(res.body, 'password')?.attributes).not.toHaveProperty('value');
    // The flow is stored with its messages: fetching it shows the same state.
    const fetched = await call('GET', `${suite.url}/self-service/login/flows?id=${res.body.id}`);
    expect(fetched.body.ui.messages[0].id).toBe(4000006);
  });

  it('answers an unknown identifier exactly like a wrong password', async () => {
    const res = await login(suite.url, 'nobody@example.org', PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([4000006]);
  });

  it('marks missing fields with 4000002 on their nodes', async () => {
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    const res = await call('POST', flow.body.ui.action, { json: { method: 'password' } });
    expect(res.status).toBe(400);
    expect(nodeNamed(res.body, 'identifier')?.messages).toEqual([
      {
        id: 4000002,
        text: 'Property identifier is missing.',
        type: 'error',
        context: { property: 'identifier' },
      },
    ]);
    expect(nodeNamed(res.body, 'password')?.messages[0]).toMatchObject({
      id: 4000002,
      text: 'Property password is missing.',
    });
  });

  it('answers an unknown method with 4010002', async () => {
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    const res = await call('POST', flow.body.ui.action, { json: { method: 'passkey' } });
    expect(res.status).toBe(400);
    expect(res.body.ui.messages[0]).toMatchObject({ id: 4010002, type: 'error' });
  });

  it('folds session_already_available into the flow (400, 4000001) when a token is sent to a plain login', async () => {
    const { email, token } = await register(suite.url);
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
      headers: tokenHeader(token),
    });
    expect(res.status).toBe(400);
    expect(res.body.ui.messages).toEqual([
      {
        id: 4000001,
        text: 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
        type: 'error',
        context: {
          reason:
            'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
        },
      },
    ]);
  });

  it('refresh=true keeps the same session and token and resets authenticated_at and expires_at', async () => {
    const { email, token, body } = await register(suite.url);
    clock.advance(30 * 60 * 1000);
    const flow = await call('GET', `${suite.url}/self-service/login/api?refresh=true`, {
      headers: tokenHeader(token),
    });
    expect(flow.body.refresh).toBe(true);
    expect(flow.body.ui.messages).toEqual([
      { id: 1010003, text: 'Please confirm this action by verifying that it is you.', type: 'info' },
    ]);
    expect(nodeNamed(flow.body, 'identifier')?.attributes).toMatchObject({ type: 'hidden', value: email });
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
      headers: tokenHeader(token),
    });
    expect(res.status).toBe(200);
    expect(res.body.session_token).toBe(token);
    expect(res.body.session.id).toBe(body.session.id);
    expect(res.body.session.authenticated_at).toBe(clock.now().toISOString());
    expect(res.body.session.expires_at).toBe(
      new Date(clock.now().getTime() + 24 * 3600 * 1000).toISOString(),
    );
    expect(res.body.session.authentication_methods).toHaveLength(2);
  });
});

describe('expired login flows', () => {
  it('GET flows?id= answers 410 self_service_flow_expired with details.api', async () => {
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    clock.advance(60 * 60 * 1000 + 1);
    const res = await call('GET', `${suite.url}/self-service/login/flows?id=${flow.body.id}`);
    expect(res.status).toBe(410);
    expect(res.headers['ory-error-id']).toBe('self_service_flow_expired');
    expect(res.body.error).toMatchObject({
      id: 'self_service_flow_expired',
      code: 410,
      status: 'Gone',
      reason:
        'The login flow has expired. Call the login flow init API endpoint to initialize a new login flow.',
      details: { api: `${suite.url}/self-service/login/api` },
    });
  });

  it('submit answers 410 with use_flow_id of a fresh flow that explains the expiry (4010001)', async () => {
    const { email } = await register(suite.url);
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    clock.advance(60 * 60 * 1000 + 5 * 60 * 1000);
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
    });
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({
      error: {
        id: 'self_service_flow_expired',
        code: 410,
        reason: 'The self-service flow expired 5.00 minutes ago, initialize a new one.',
        message: 'self-service flow expired',
      },
      expired_at: flow.body.expires_at,
      since: 5 * 60 * 1e9,
    });
    const replacement = await call('GET', `${suite.url}/self-service/login/flows?id=${res.body.use_flow_id}`);
    expect(replacement.status).toBe(200);
    expect(replacement.body.ui.messages[0]).toMatchObject({
      id: 4010001,
      text: 'The login flow expired 5.00 minutes ago, please try again.',
    });
    const retried = await call('POST', replacement.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
    });
    expect(retried.status).toBe(200);
  });
});
