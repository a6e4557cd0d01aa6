/**
 * One-time codes as a second factor (`selfservice.methods.code.mfa_enabled`): the identity's code address is
 * a second factor, so the password alone is aal1 and whoami asks for aal2; when that address is the only
 * second factor the aal2 flow arrives with the code sent (v26.2.0's fast login), else it offers "Send code to
 * <address>" beside the other factors; the code completes aal2. Shapes measured on real Kratos v26.2.0 and
 * v1.3.1 (the parity suite's "mfa-code" scenario compares the rest step by step).
 */
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { totpCode } from '../../../emulator/domain/totp';
import {
  call,
  emulatorForSuite,
  lastCode,
  login,
  nodeNamed,
  nodeNames,
  register,
  settingsFlow,
  tokenHeader,
  totpSecretOf,
  withoutSocialSignIn,
} from '../helpers';

const clock = createManualClock(new Date('2026-03-01T00:00:00Z'));
const suite = emulatorForSuite(clock, { ...withoutSocialSignIn, codeMfa: true });
const withoutMfa = emulatorForSuite(clock, withoutSocialSignIn);

const lastCodeFor = (to: string) => lastCode(suite.emulator, to, 'login_code');
const loginCodesSentTo = (to: string) =>
  suite.emulator.outbox().filter((m) => m.to === to && m.template === 'login_code');

/** The label of the node that names where a code goes: 1010023 "Send code to <address>". */
const sendCodeTo = (address: string) => ({
  id: 1010023,
  text: `Send code to ${address}`,
  type: 'info',
  context: { address, channel: 'email' },
});

/** The "enter the code" step: the chosen address (hidden), the code field, Continue, "Resend code". */
const CODE_SENT = ['code:identifier', 'code:method', 'code:code', 'code:method', 'code:resend'];

/** The aal2 flow of a session, and a way to submit it with the session's token. */
async function aal2Flow(token: string) {
  const flow = await call('GET', `${suite.url}/self-service/login/api?aal=aal2`, {
    headers: tokenHeader(token),
  });
  const submit = (json: Record<string, unknown>) =>
    call('POST', flow.body.ui.action, { json, headers: tokenHeader(token) });
  return { created: flow, flow: flow.body, submit };
}

/** A person whose only second factor is the code, signed in with the password only: the fast flow. */
async function atAal1() {
  const { email, token } = await register(suite.url);
  return { email, token, ...(await aal2Flow(token)) };
}

/**
 * A person with TOTP besides the code address, signed in with the password only: the flow offers both, so
 * nothing is sent before the person chooses.
 */
async function withTotpAtAal1() {
  const { email, token: first } = await register(suite.url);
  const fast = await aal2Flow(first);
  await fast.submit({ method: 'code', identifier: email, code: lastCodeFor(email) });
  const settings = await settingsFlow(suite.url, first);
  const linked = await call('POST', settings.ui.action, {
    json: { method: 'totp', totp_code: await totpCode(totpSecretOf(settings), clock.now()) },
    headers: tokenHeader(first),
  });
  expect(linked.status).toBe(200);
  const token = (await login(suite.url, email)).body.session_token as string;
  return { email, token, ...(await aal2Flow(token)) };
}

describe('one-time codes as a second factor (mfa_enabled)', () => {
  it('asks for the second factor after registration: whoami and settings are 403 session_aal2_required', async () => {
    const { token } = await register(suite.url);
    for (const path of ['/sessions/whoami', '/self-service/settings/api']) {
      const answer = await call('GET', `${suite.url}${path}`, { headers: tokenHeader(token) });
      expect(answer.status).toBe(403);
      expect(answer.body.error.id).toBe('session_aal2_required');
    }
    // Without the option the same person is done after the password.
    const plain = await register(withoutMfa.url);
    const whoami = await call('GET', `${withoutMfa.url}/sessions/whoami`, {
      headers: tokenHeader(plain.token),
    });
    expect(whoami.status).toBe(200);
  });

  it('signs in with the password at aal1 without the identity, and offers no code on the first factor', async () => {
    const { email } = await register(suite.url);
    const signedIn = await login(suite.url, email);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session).toMatchObject({ authenticator_assurance_level: 'aal1', identity: null });
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    expect(nodeNames(flow.body)).not.toContain('code:method');
  });

  it('the code as the only second factor: the new aal2 flow comes with the code sent (200 sent_email, 1010014)', async () => {
    const { email, created, flow } = await atAal1();
    expect(created.status).toBe(200);
    expect(flow).toMatchObject({ requested_aal: 'aal2', state: 'sent_email', active: 'code' });
    expect(flow.ui.messages.map((m: { id: number }) => m.id)).toEqual([1010014]);
    expect(nodeNames(flow)).toEqual(CODE_SENT);
    expect(nodeNamed(flow, 'identifier')).toEqual({
      type: 'input',
      group: 'code',
      attributes: { name: 'identifier', type: 'hidden', value: email, disabled: false, node_type: 'input' },
      messages: [],
      meta: { label: sendCodeTo(email) },
    });
    expect(loginCodesSentTo(email)).toHaveLength(1);
    // Fetching the flow sends nothing more.
    await call('GET', `${suite.url}/self-service/login/flows?id=${flow.id}`);
    expect(loginCodesSentTo(email)).toHaveLength(1);
  });

  it('with TOTP too: offers "Send code to <address>" beside TOTP, message 1010004, nothing sent', async () => {
    const { email, flow } = await withTotpAtAal1();
    expect(flow).toMatchObject({ requested_aal: 'aal2', state: 'choose_method' });
    expect(flow.ui.messages.map((m: { id: number }) => m.id)).toEqual([1010004]);
    expect(nodeNames(flow)).toEqual(['default:csrf_token', 'code:address', 'totp:totp_code', 'totp:method']);
    expect(nodeNamed(flow, 'address')).toEqual({
      type: 'input',
      group: 'code',
      attributes: { name: 'address', type: 'submit', value: email, disabled: false, node_type: 'input' },
      messages: [],
      meta: { label: sendCodeTo(email) },
    });
    expect(loginCodesSentTo(email)).toHaveLength(1);
  });

  it('sends the chosen address a code (400 sent_email, 1010014) and completes aal2 with it on the same session', async () => {
    const { email, token, submit } = await withTotpAtAal1();
    const sent = await submit({ method: 'code', address: email });
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ state: 'sent_email', active: 'code', transient_payload: {} });
    expect(sent.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([1010014]);
    expect(nodeNames(sent.body)).toEqual(CODE_SENT);
    expect(nodeNamed(sent.body, 'identifier')).toMatchObject({
      attributes: { type: 'hidden', value: email },
      meta: { label: { id: 1010023 } },
    });

    const done = await submit({ method: 'code', identifier: email, code: lastCodeFor(email) });
    expect(done.status).toBe(200);
    expect(done.body.session_token).toBe(token);
    expect(done.body.session).toMatchObject({
      authenticator_assurance_level: 'aal2',
      authentication_methods: [
        { method: 'password', aal: 'aal1' },
        { method: 'code', aal: 'aal2' },
      ],
      identity: { traits: { email } },
    });
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(whoami.status).toBe(200);
  });

  it('the fast flow: resends keeping the hidden address, and the code completes aal2', async () => {
    const { email, token, submit } = await atAal1();
    const first = lastCodeFor(email);
    const resent = await submit({ method: 'code', identifier: email, resend: 'code' });
    expect(resent.status).toBe(400);
    expect(nodeNames(resent.body)).toEqual(CODE_SENT);
    expect(resent.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([1010014]);
    expect(lastCodeFor(email)).not.toBe(first);
    expect((await submit({ method: 'code', identifier: email, code: first })).status).toBe(400);
    const done = await submit({ method: 'code', identifier: email, code: lastCodeFor(email) });
    expect(done.status).toBe(200);
    expect(done.body.session_token).toBe(token);
    expect(done.body.session.authenticator_assurance_level).toBe('aal2');
  });

  it('takes the button alone ({address}, no method), and resends keeping the hidden address', async () => {
    const { email, submit } = await withTotpAtAal1();
    expect((await submit({ address: email })).body.state).toBe('sent_email');
    const first = lastCodeFor(email);
    const resent = await submit({ method: 'code', identifier: email, resend: 'code' });
    expect(resent.status).toBe(400);
    expect(nodeNames(resent.body)).toEqual(CODE_SENT);
    expect(lastCodeFor(email)).not.toBe(first);
    expect((await submit({ method: 'code', identifier: email, code: first })).status).toBe(400);
  });

  it('refuses a missing or foreign address with the buttons kept', async () => {
    const { email, submit } = await withTotpAtAal1();
    const missing = await submit({ method: 'code' });
    expect(missing.status).toBe(400);
    expect(nodeNames(missing.body)).toEqual([
      'default:csrf_token',
      'default:identifier',
      'code:address',
      'totp:totp_code',
      'totp:method',
    ]);
    expect(nodeNamed(missing.body, 'identifier').messages.map((m: { id: number }) => m.id)).toEqual([
      4000002,
    ]);
    expect(missing.body.ui.messages ?? []).toEqual([]);

    const foreign = await submit({ method: 'code', address: 'someone-else@example.org' });
    expect(foreign.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([4000035]);
    expect(suite.emulator.outbox().some((m) => m.to === 'someone-else@example.org')).toBe(false);
    // Still possible to pick the right one afterwards.
    expect((await submit({ method: 'code', address: email })).body.state).toBe('sent_email');
  });

  it('refuses a missing code (4000002, not an attempt) and a wrong one (4010008); the sixth code is refused', async () => {
    const { email, submit } = await atAal1();
    const empty = await submit({ method: 'code', identifier: email, code: '' });
    expect(nodeNamed(empty.body, 'code').messages.map((m: { id: number }) => m.id)).toEqual([4000002]);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await submit({ method: 'code', identifier: email, code: '000000' });
      expect(wrong.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([4010008]);
      expect(nodeNames(wrong.body)).toEqual([
        'default:csrf_token',
        'default:identifier',
        'code:code',
        'code:resend',
        'code:method',
        'code:method',
      ]);
    }
    const sixth = await submit({ method: 'code', identifier: email, code: lastCodeFor(email) });
    expect(sixth.status).toBe(400);
    expect(sixth.body.ui.messages).toEqual([
      expect.objectContaining({
        id: 4000001,
        text: 'The request was submitted too often. Please request another code.',
      }),
    ]);
  });

  it('needs the session: the code method is not a first factor here', async () => {
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    const answer = await call('POST', flow.body.ui.action, {
      json: { method: 'code', identifier: 'a@example.org' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.ui.messages.map((m: { id: number }) => m.id)).toEqual([4010002]);
  });
});
