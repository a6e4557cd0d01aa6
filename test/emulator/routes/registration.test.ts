import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { startTestEmulator } from '../../support/emulator';
import {
  call,
  emulatorForSuite,
  nodeNamed,
  nodeNames,
  otherCode,
  PASSWORD,
  register,
  tokenHeader,
  uniqueEmail,
  withoutSocialSignIn,
} from '../helpers';

const clock = createManualClock(new Date('2026-02-01T00:00:00Z'));
// Node orders measured on real Kratos configured by test/kratos/kratos.yml (no social sign-in).
const suite = emulatorForSuite(clock, withoutSocialSignIn);

/** A new registration flow on `baseUrl` (the suite's emulator by default), answered with `json`. */
async function submit(json: unknown, baseUrl = suite.url) {
  const flow = await call('GET', `${baseUrl}/self-service/registration/api`);
  return call('POST', flow.body.ui.action, { json });
}

describe('GET /self-service/registration/api', () => {
  it('asks for the traits first (two-step, Kratos ≥ 1.3), derived from the identity schema', async () => {
    const res = await call('GET', `${suite.url}/self-service/registration/api`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'api', state: 'choose_method', organization_id: null });
    expect(res.body.ui.action).toBe(`${suite.url}/self-service/registration?flow=${res.body.id}`);
    // Kratos v26.2.0's order: csrf_token first (v1.3.1 put it after the traits).
    expect(nodeNames(res.body)).toEqual([
      'default:csrf_token',
      'default:traits.email',
      'default:traits.name',
      'profile:method',
    ]);
    expect(nodeNamed(res.body, 'traits.email')).toEqual({
      type: 'input',
      group: 'default',
      attributes: {
        name: 'traits.email',
        type: 'email',
        required: true,
        autocomplete: 'email',
        disabled: false,
        node_type: 'input',
      },
      messages: [],
      meta: {
        label: {
          id: 1070002,
          text: 'E-Mail',
          type: 'info',
          context: { name: 'traits.email', title: 'E-Mail' },
        },
      },
    });
    expect(nodeNamed(res.body, 'traits.name')?.attributes).toEqual({
      name: 'traits.name',
      type: 'text',
      disabled: false,
      node_type: 'input',
    });
    expect(nodeNamed(res.body, 'password')).toBeUndefined();
    expect(res.body.ui.nodes.at(-1)).toMatchObject({
      attributes: { name: 'method', type: 'submit', value: 'profile' },
      meta: { label: { id: 1040001, text: 'Sign up', type: 'info' } },
    });
  });

  it('offers traits and password on one form with enable_legacy_one_step', async () => {
    const oneStep = await startTestEmulator({
      config: { ...withoutSocialSignIn, registrationOneStep: true },
    });
    try {
      const res = await call('GET', `${oneStep.url}/self-service/registration/api`);
      expect(nodeNames(res.body)).toEqual([
        'default:csrf_token',
        'default:traits.email',
        'password:password',
        'default:traits.name',
        'password:method',
      ]);
      expect(nodeNamed(res.body, 'password')?.attributes).toMatchObject({
        autocomplete: 'new-password',
        required: true,
      });
      // The profile step does not exist in this style.
      const profile = await call('POST', res.body.ui.action, {
        json: { method: 'profile', traits: { email: uniqueEmail() } },
      });
      expect(profile.status).toBe(400);
      expect(profile.body.ui.messages[0]).toMatchObject({ id: 4010003 });
    } finally {
      await oneStep.stop();
    }
  });

  it('refuses a session holder with 400 session_already_available', async () => {
    const { token } = await register(suite.url);
    const res = await call('GET', `${suite.url}/self-service/registration/api`, {
      headers: tokenHeader(token),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      id: 'session_already_available',
      reason: 'A valid session was detected and thus registration is not possible.',
    });
  });
});

describe('POST /self-service/registration?flow= with method=password', () => {
  it('creates the identity and, with the session hook, signs in (token + set_ory_session_token)', async () => {
    const email = uniqueEmail();
    const res = await submit({ method: 'password', traits: { email, name: 'Grace' }, password: PASSWORD });
    expect(res.status).toBe(200);
    const { session_token: token, session, identity, continue_with: continueWith } = res.body;
    expect(token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/);
    expect(continueWith).toEqual([{ action: 'set_ory_session_token', ory_session_token: token }]);
    expect(identity).toMatchObject({
      schema_id: 'default',
      schema_url: `${suite.url}/schemas/ZGVmYXVsdA`,
      traits: { email, name: 'Grace' },
      // Kratos's verification hook sent a code to the address right away.
      verifiable_addresses: [{ value: email, verified: false, via: 'email', status: 'sent' }],
      recovery_addresses: [{ value: email, via: 'email' }],
    });
    expect(identity).not.toHaveProperty('credentials');
    expect(suite.emulator.outbox().filter((m) => m.to === email)).toEqual([
      expect.objectContaining({ template: 'verification_code' }),
    ]);
    expect(session).toMatchObject({
      active: true,
      authenticator_assurance_level: 'aal1',
      identity: { id: identity.id },
    });
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(whoami.status).toBe(200);
  });

  it('accepts dotted field names as Kratos does ({"traits.email": ...})', async () => {
    const email = uniqueEmail();
    const res = await submit({ method: 'password', 'traits.email': email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.identity.traits).toEqual({ email });
  });

  it('marks missing email and password with 4000002 on their nodes', async () => {
    const res = await submit({ method: 'password', traits: {} });
    expect(res.status).toBe(400);
    expect(nodeNamed(res.body, 'traits.email')?.messages).toEqual([
      { id: 4000002, text: 'Property email is missing.', type: 'error', context: { property: 'email' } },
    ]);
    expect(nodeNamed(res.body, 'password')?.messages).toEqual([
      {
        id: 4000002,
        text: 'Property password is missing.',
        type: 'error',
        context: { property: 'password' },
      },
    ]);
  });

  it('enforces the minimum length with 4000032 and keeps the submitted traits', async () => {
    const email = uniqueEmail();
    const res = await submit({ method: 'password', traits: { email }, password: 'abcd' });
    expect(res.status).toBe(400);
    expect(nodeNamed(res.body, 'password')?.messages).toEqual([
      {
        id: 4000032,
        text: 'The password must be at least 8 characters long, but got 4.',
        type: 'error',
        context: { min_length: 8, actual_length: 4 },
      },
    ]);
    expect(nodeNamed(res.body, 'traits.email')?.attributes.value).toBe(email);
    expect(nodeNamed(res.body, 'password')?.attributes).not.toHaveProperty('value');
  });

  it('refuses a password too similar to the identifier with 4000031', async () => {
    const res = await submit({
      method: 'password',
      traits: { email: 'marie.curie@example.org' },
      password: 'marie.curie@example',
    });
    expect(res.status).toBe(400);
    expect(nodeNamed(res.body, 'password')?.messages).toEqual([
      {
        id: 4000031,
        text: 'The password can not be used because it is too similar to the identifier.',
        type: 'error',
      },
    ]);
  });

  it('flags an invalid email on its node', async () => {
    const res = await submit({ method: 'password', traits: { email: 'not-an-email' }, password: PASSWORD });
    expect(res.status).toBe(400);
    expect(nodeNamed(res.body, 'traits.email')?.messages[0]).toMatchObject({
      type: 'error',
      text: expect.stringContaining('email'),
    });
  });

  it('refuses a duplicate email (case-insensitive) with 4000007', async () => {
    const email = uniqueEmail();
    await register(suite.url, email);
    const res = await submit({
      method: 'password',
      traits: { email: email.toUpperCase() },
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body.ui.messages).toEqual([
      {
        id: 4000007,
        text: 'An account with the same identifier (email, phone, username, ...) exists already.',
        type: 'error',
      },
    ]);
  });

  it('answers an unsupported method with 4010003', async () => {
    const res = await submit({ method: 'webauthn', traits: { email: uniqueEmail() } });
    expect(res.status).toBe(400);
    expect(res.body.ui.messages[0]).toMatchObject({ id: 4010003 });
  });

  it('answers an expired flow with 410 and a replacement flow carrying 4040001', async () => {
    const flow = await call('GET', `${suite.url}/self-service/registration/api`);
    clock.advance(61 * 60 * 1000);
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', traits: { email: uniqueEmail() }, password: PASSWORD },
    });
    expect(res.status).toBe(410);
    expect(res.body.error.id).toBe('self_service_flow_expired');
    const replacement = await call(
      'GET',
      `${suite.url}/self-service/registration/flows?id=${res.body.use_flow_id}`,
    );
    expect(replacement.body.ui.messages[0]).toMatchObject({
      id: 4040001,
      text: 'The registration flow expired 1.00 minutes ago, please try again.',
    });
  });
});

describe('registration without the session hook', () => {
  it('returns the identity only: no token, no session, continue_with null', async () => {
    const plain = await startTestEmulator({ config: { registrationSessionHook: false } });
    try {
      const res = await submit(
        { method: 'password', traits: { email: uniqueEmail() }, password: PASSWORD },
        plain.url,
      );
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['continue_with', 'identity']);
      expect(res.body.continue_with).toBeNull();
    } finally {
      await plain.stop();
    }
  });

  it("still keeps the session Kratos makes at every sign-up: it lists among the person's sessions", async () => {
    const plain = await startTestEmulator({ config: { registrationSessionHook: false } });
    try {
      const email = uniqueEmail();
      await submit({ method: 'password', traits: { email }, password: PASSWORD }, plain.url);
      const flow = await call('GET', `${plain.url}/self-service/login/api`);
      const signedIn = await call('POST', flow.body.ui.action, {
        json: { method: 'password', identifier: email, password: PASSWORD },
      });
      // registration/hook.go persists it (measured on v26.2.0: test/parity, kratos-defaults).
      const others = await call('GET', `${plain.url}/sessions`, {
        headers: tokenHeader(signedIn.body.session_token),
      });
      expect(
        others.body.map((s: { authentication_methods: { method: string }[] }) => s.authentication_methods),
      ).toEqual([[expect.objectContaining({ method: 'password' })]]);
    } finally {
      await plain.stop();
    }
  });
});

/** Sends the traits screen and returns the flow on its credentials screen. */
async function credentialsScreen(baseUrl: string, traits: Record<string, unknown>) {
  const res = await submit({ method: 'profile', traits }, baseUrl);
  expect(res.status).toBe(400);
  return res.body;
}

/** Both screens: the traits `{ email }`, then `password` on the credentials screen, as a generic client sends them. */
async function passwordOnCredentialsScreen(email: string, password: string) {
  const flow = await credentialsScreen(suite.url, { email });
  return call('POST', flow.ui.action, { json: { method: 'password', traits: { email }, password } });
}

describe('two-step registration', () => {
  it('answers valid traits with 400 on the credentials screen: traits hidden, password, Back (v26.2.0 order)', async () => {
    const email = uniqueEmail();
    const flow = await credentialsScreen(suite.url, { email, name: 'Ada' });
    expect(flow).toMatchObject({ state: 'choose_method', transient_payload: {} });
    expect(flow.ui.messages).toEqual([
      { id: 1040009, text: 'Please choose a credential to authenticate yourself with.', type: 'info' },
    ]);
    expect(nodeNames(flow)).toEqual([
      'default:csrf_token',
      'default:traits.email',
      'password:password',
      'default:traits.name',
      'password:method',
      'profile:screen',
    ]);
    expect(nodeNamed(flow, 'traits.email').attributes).toEqual({
      name: 'traits.email',
      type: 'hidden',
      value: email,
      required: true,
      disabled: false,
      node_type: 'input',
    });
    expect(nodeNamed(flow, 'traits.name').attributes).not.toHaveProperty('required');
    expect(nodeNamed(flow, 'screen')).toMatchObject({
      attributes: { type: 'submit', value: 'previous' },
      meta: { label: { id: 1040008, text: 'Back', type: 'info' } },
    });
    // The flow is not done: fetching it shows the same screen (without the transient payload).
    const fetched = await call('GET', `${suite.url}/self-service/registration/flows?id=${flow.id}`);
    expect(nodeNames(fetched.body)).toEqual(nodeNames(flow));
    expect(fetched.body).not.toHaveProperty('transient_payload');
  });

  it('keeps the traits screen with the errors marked when the traits are invalid', async () => {
    const res = await submit({ method: 'profile', traits: {} });
    expect(res.status).toBe(400);
    expect(nodeNames(res.body)).toContain('profile:method');
    expect(nodeNamed(res.body, 'traits.email').messages).toEqual([
      { id: 4000002, text: 'Property email is missing.', type: 'error', context: { property: 'email' } },
    ]);
  });

  it('goes back to the traits with screen=previous, the typed values kept', async () => {
    const email = uniqueEmail();
    const flow = await credentialsScreen(suite.url, { email });
    const back = await call('POST', flow.ui.action, { json: { screen: 'previous', traits: { email } } });
    expect(back.status).toBe(400);
    expect(nodeNames(back.body)).toEqual([
      'default:csrf_token',
      'default:traits.email',
      'default:traits.name',
      'profile:method',
    ]);
    expect(nodeNamed(back.body, 'traits.email').attributes).toMatchObject({ type: 'email', value: email });
    expect(back.body.ui).not.toHaveProperty('messages');
  });

  it('finishes with method=password and the hidden traits, as a generic client sends them', async () => {
    const email = uniqueEmail();
    const done = await passwordOnCredentialsScreen(email, PASSWORD);
    expect(done.status).toBe(200);
    expect(done.body.identity.traits).toEqual({ email });
    expect(done.body.session.authentication_methods).toMatchObject([{ method: 'password', aal: 'aal1' }]);
  });

  it('shows a refused password on the credentials screen again, in the same order', async () => {
    const res = await passwordOnCredentialsScreen(uniqueEmail(), 'short');
    expect(res.status).toBe(400);
    // The name the person left out stays a hidden trait without a value (measured on v26.2.0).
    expect(nodeNames(res.body)).toEqual([
      'default:csrf_token',
      'default:traits.email',
      'password:password',
      'default:traits.name',
      'password:method',
      'profile:screen',
    ]);
    expect(nodeNamed(res.body, 'traits.name').attributes).not.toHaveProperty('value');
    expect(nodeNamed(res.body, 'password').messages[0]).toMatchObject({ id: 4000032 });
  });
});

describe('a password sent from the traits screen', () => {
  it('is refused on a password field Kratos adds after the identifier, the traits screen kept', async () => {
    const res = await submit({ method: 'password', traits: { email: uniqueEmail() }, password: 'short' });
    expect(res.status).toBe(400);
    expect(nodeNames(res.body)).toEqual([
      'default:csrf_token',
      'default:traits.email',
      'default:password',
      'default:traits.name',
      'profile:method',
    ]);
    expect(nodeNamed(res.body, 'password')).toMatchObject({
      attributes: { type: 'text' },
      messages: [expect.objectContaining({ id: 4000032 })],
    });
  });
});

describe('two-step registration with a one-time code (passwordless_enabled)', () => {
  const passwordless = emulatorForSuite(clock, { ...withoutSocialSignIn, codePasswordless: true });

  it('offers "Send sign up code" next to the password, sends the code, and finishes with it', async () => {
    const email = uniqueEmail();
    const flow = await credentialsScreen(passwordless.url, { email });
    expect(nodeNamed(flow, 'method')).toMatchObject({
      group: 'code',
      attributes: { value: 'code' },
      meta: { label: { id: 1040006, text: 'Send sign up code' } },
    });

    const sent = await call('POST', flow.ui.action, { json: { method: 'code', traits: { email } } });
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ state: 'sent_email', active: 'code' });
    expect(sent.body.ui.messages[0]).toMatchObject({ id: 1040005 });
    expect(nodeNames(sent.body)).toEqual([
      'default:traits.email',
      'code:method',
      'code:code',
      'code:method',
      'code:resend',
      'profile:screen',
    ]);
    const mail = passwordless.emulator.outbox().at(-1)!;
    expect(mail).toMatchObject({ to: email, template: 'registration_code' });

    const wrong = await call('POST', flow.ui.action, {
      json: { method: 'code', traits: { email }, code: otherCode(mail.code) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.ui.messages).toEqual([expect.objectContaining({ id: 4040003, type: 'error' })]);

    const done = await call('POST', flow.ui.action, {
      json: { method: 'code', traits: { email }, code: mail.code },
    });
    expect(done.status).toBe(200);
    expect(done.body.session.authentication_methods).toMatchObject([{ method: 'code', aal: 'aal1' }]);
    // The code proved the address: it is verified and no verification code is sent.
    expect(done.body.identity.verifiable_addresses[0]).toMatchObject({ verified: true, status: 'completed' });
    expect(passwordless.emulator.outbox().filter((m) => m.to === email)).toHaveLength(1);
  });
});
