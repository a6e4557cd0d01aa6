import { CODES_SENT_TOO_OFTEN, MAX_CODES_SENT } from '../../../emulator/routes/code-method';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { startTestEmulator } from '../../support/emulator';
import {
  call,
  emulatorForSuite,
  nodeNamed,
  nodeNames,
  lastCode,
  otherCode,
  register,
  tokenHeader,
  uniqueEmail,
  withoutSocialSignIn,
} from '../helpers';

const clock = createManualClock(new Date('2026-03-01T00:00:00Z'));
// Node orders measured on real Kratos configured by test/kratos/kratos.yml (no social sign-in).
const suite = emulatorForSuite(clock, { ...withoutSocialSignIn, codePasswordless: true });

const lastCodeFor = (to: string) => lastCode(suite.emulator, to, 'login_code');

/** Posts method=code for `identifier` to the flow, with `fields` (a `code`, or `resend: 'code'`). */
const postCode = (
  flow: { ui: { action: string } },
  identifier: string,
  fields: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => call('POST', flow.ui.action, { json: { method: 'code', identifier, ...fields }, headers });

/** A new sign-in flow on `baseUrl` (the suite's emulator by default), asked to send a code to `identifier`. */
async function requestCode(identifier: string, baseUrl = suite.url) {
  const flow = (await call('GET', `${baseUrl}/self-service/login/api`)).body;
  return { flow, sent: await postCode(flow, identifier) };
}

describe('passwordless sign-in with a one-time code (passwordless_enabled)', () => {
  it('offers "Send sign in code" next to the password', async () => {
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    expect(nodeNames(flow.body)).toEqual([
      'default:csrf_token',
      'default:identifier',
      'code:method',
      'password:password',
      'password:method',
    ]);
    expect(flow.body.ui.nodes[2]).toMatchObject({
      attributes: { type: 'submit', value: 'code' },
      meta: { label: { id: 1010015, text: 'Send sign in code', type: 'info' } },
    });
  });

  it('sends a code (400, sent_email, 1010014) and signs in with it: aal1 session, method code', async () => {
    const { email } = await register(suite.url);
    const { flow, sent } = await requestCode(email.toUpperCase());
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ state: 'sent_email', active: 'code', transient_payload: {} });
    expect(sent.body.ui.messages).toEqual([expect.objectContaining({ id: 1010014, type: 'info' })]);
    expect(nodeNames(sent.body)).toEqual([
      'default:identifier',
      'code:method',
      'code:code',
      'code:method',
      'code:resend',
    ]);
    expect(nodeNamed(sent.body, 'code')).toMatchObject({
      attributes: { type: 'text', required: true },
      meta: { label: { id: 1070013, text: 'Login code' } },
    });
    const code = lastCodeFor(email);
    expect(code).toMatch(/^\d{6}$/);

    const done = await postCode(flow, email.toUpperCase(), { code });
    expect(done.status).toBe(200);
    expect(done.body.session_token).toMatch(/^ory_st_/);
    expect(done.body.session).toMatchObject({
      authenticator_assurance_level: 'aal1',
      authentication_methods: [{ method: 'code', aal: 'aal1' }],
      identity: { traits: { email } },
    });
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, {
      headers: tokenHeader(done.body.session_token),
    });
    expect(whoami.status).toBe(200);
  });

  it('answers a wrong code with 400 and 4010008, and the code stays usable', async () => {
    const { email } = await register(suite.url);
    const { flow } = await requestCode(email);
    const code = lastCodeFor(email)!;
    const wrong = await postCode(flow, email, { code: otherCode(code) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.state).toBe('sent_email');
    expect(wrong.body.ui.messages).toEqual([
      {
        id: 4010008,
        text: 'The login code is invalid or has already been used. Please try again.',
        type: 'error',
      },
    ]);
    const right = await postCode(flow, email, { code });
    expect(right.status).toBe(200);
  });

  it('allows five codes per flow: the sixth, even the right one, is 400 with 4000001, and a resend does not reset it', async () => {
    const { email } = await register(suite.url);
    const { flow } = await requestCode(email);
    const code = lastCodeFor(email)!;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await postCode(flow, email, { code: otherCode(code) });
      expect(wrong.body.ui.messages[0].id, `attempt ${attempt}`).toBe(4010008);
    }
    const tooOften = {
      id: 4000001,
      text: 'The request was submitted too often. Please request another code.',
      type: 'error',
      context: { reason: 'The request was submitted too often. Please request another code.' },
    };
    const sixth = await postCode(flow, email, { code });
    expect(sixth.status).toBe(400);
    expect(sixth.body.state).toBe('sent_email');
    expect(sixth.body.ui.messages).toEqual([tooOften]);
    // Kratos v1.3.1 (measured): "Resend code" sends a new one, but this flow has used up its attempts.
    await postCode(flow, email, { resend: 'code' });
    const resent = await postCode(flow, email, { code: lastCodeFor(email) });
    expect(resent.status).toBe(400);
    expect(resent.body.ui.messages).toEqual([tooOften]);
    // A new flow starts afresh.
    const again = await requestCode(email);
    const done = await postCode(again.flow, email, { code: lastCodeFor(email) });
    expect(done.status).toBe(200);
  });

  it(`sends at most ${MAX_CODES_SENT} codes per flow: the next resend is refused and sends nothing (issue 21)`, async () => {
    const { email } = await register(suite.url);
    const sentTo = () => suite.emulator.outbox().filter((m) => m.template === 'login_code' && m.to === email);
    const { flow } = await requestCode(email);
    for (let resend = 2; resend <= MAX_CODES_SENT; resend++) await postCode(flow, email, { resend: 'code' });
    expect(sentTo()).toHaveLength(MAX_CODES_SENT);
    const refused = await postCode(flow, email, { resend: 'code' });
    expect(refused.status).toBe(400);
    expect(refused.body.ui.messages).toMatchObject([
      { id: 4000001, text: expect.stringContaining(CODES_SENT_TOO_OFTEN) },
    ]);
    expect(sentTo()).toHaveLength(MAX_CODES_SENT);
  });

  it('resends a new code on resend=code; only the newest one signs in', async () => {
    const { email } = await register(suite.url);
    const { flow } = await requestCode(email);
    const first = lastCodeFor(email)!;
    const resent = await postCode(flow, email, { resend: 'code' });
    expect(resent.status).toBe(400);
    expect(resent.body.ui.messages[0].id).toBe(1010014);
    const second = lastCodeFor(email)!;
    expect(suite.emulator.outbox().filter((m) => m.template === 'login_code' && m.to === email)).toHaveLength(
      2,
    );
    if (first !== second) {
      const old = await postCode(flow, email, { code: first });
      expect(old.status).toBe(400);
    }
    const done = await postCode(flow, email, { code: second });
    expect(done.status).toBe(200);
  });

  it('refuses a code after its lifespan (selfservice.methods.code.config.lifespan)', async () => {
    const shortCodes = await startTestEmulator({
      clock,
      config: { codePasswordless: true, codeLifespanMs: 60_000 },
    });
    try {
      const { email } = await register(shortCodes.url);
      const { flow } = await requestCode(email, shortCodes.url);
      const code = lastCode(shortCodes, email, 'login_code');
      clock.advance(2 * 60_000);
      const res = await postCode(flow, email, { code });
      expect(res.status).toBe(400);
      expect(res.body.ui.messages[0].id).toBe(4010008);
    } finally {
      await shortCodes.stop();
    }
  });

  it('re-authenticates (refresh) with the first-factor form, code included', async () => {
    const { email, token } = await register(suite.url);
    const flow = await call('GET', `${suite.url}/self-service/login/api?refresh=true`, {
      headers: tokenHeader(token),
    });
    expect(nodeNames(flow.body)).toEqual([
      'default:csrf_token',
      'default:identifier',
      'code:method',
      'password:password',
      'password:method',
    ]);
    await postCode(flow.body, email, {}, tokenHeader(token));
    const done = await postCode(flow.body, email, { code: lastCodeFor(email) }, tokenHeader(token));
    expect(done.status).toBe(200);
    // The same session, now with a fresh `code` sign-in.
    expect(done.body.session_token).toBe(token);
    expect(done.body.session.authentication_methods.map((m: { method: string }) => m.method)).toEqual([
      'password',
      'code',
    ]);
  });

  it('answers an unknown address with 4000035 and sends nothing', async () => {
    const stranger = uniqueEmail();
    const { sent } = await requestCode(stranger);
    expect(sent.status).toBe(400);
    expect(sent.body.state).toBe('choose_method');
    expect(sent.body.ui.messages).toEqual([
      {
        id: 4000035,
        text: 'This account does not exist or has not setup sign in with code.',
        type: 'error',
      },
    ]);
    expect(nodeNamed(sent.body, 'identifier').attributes).toMatchObject({ type: 'hidden', value: stranger });
    expect(lastCodeFor(stranger)).toBeUndefined();
  });

  it('marks a missing identifier with 4000002', async () => {
    const { sent } = await requestCode('');
    expect(sent.status).toBe(400);
    expect(nodeNamed(sent.body, 'identifier').messages).toEqual([
      expect.objectContaining({ id: 4000002, context: { property: 'identifier' } }),
    ]);
  });

  it('is not offered without passwordless_enabled: no node, and method=code is 4010002', async () => {
    const plain = await startTestEmulator({ clock });
    try {
      const { email } = await register(plain.url);
      const { flow, sent } = await requestCode(email, plain.url);
      expect(nodeNames(flow)).not.toContain('code:method');
      expect(sent.status).toBe(400);
      expect(sent.body.ui.messages[0].id).toBe(4010002);
      expect(plain.outbox().filter((m) => m.template === 'login_code')).toEqual([]);
    } finally {
      await plain.stop();
    }
  });
});
