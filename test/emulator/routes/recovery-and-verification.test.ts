import { describe, expect, it } from 'vitest';
import { createManualClock, type RunningEmulator } from '../../../emulator/index';
import { MAX_OUTBOX_MESSAGES } from '../../../emulator/outbox';
import { CODES_SENT_TOO_OFTEN, MAX_CODES_SENT } from '../../../emulator/routes/code-method';
import { startTestEmulator } from '../../support/emulator';
import {
  call,
  emulatorForSuite,
  lastCode,
  login,
  nodeNamed,
  register,
  tokenHeader,
  uniqueEmail,
  withUncheckedEmulator,
} from '../helpers';

const clock = createManualClock(new Date('2026-06-01T00:00:00Z'));
const suite = emulatorForSuite(clock);

const lastCodeFor = (to: string) => lastCode(suite.emulator, to);

async function sendRecoveryCode(baseUrl: string, email: string) {
  const flow = await call('GET', `${baseUrl}/self-service/recovery/api`);
  return call('POST', flow.body.ui.action, { json: { method: 'code', email } });
}

describe('native recovery with a code', () => {
  it('creates a flow asking for the email; refuses a session holder (400 session_already_available)', async () => {
    const flow = await call('GET', `${suite.url}/self-service/recovery/api`);
    expect(flow.status).toBe(200);
    expect(flow.body).toMatchObject({ type: 'api', state: 'choose_method', active: 'code' });
    expect(nodeNamed(flow.body, 'email')).toMatchObject({
      group: 'code',
      attributes: { type: 'email', required: true },
    });
    const { token } = await register(suite.url);
    const refused = await call('GET', `${suite.url}/self-service/recovery/api`, {
      headers: tokenHeader(token),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toBe('A valid session was detected and thus recovery is not possible.');
  });

  it('sends a code (sent_email, 1060003) and answers an unknown address the same way without sending', async () => {
    const { email } = await register(suite.url);
    const sent = await sendRecoveryCode(suite.url, email);
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('sent_email');
    expect(sent.body.ui.messages[0].id).toBe(1060003);
    expect(nodeNamed(sent.body, 'code').attributes).toMatchObject({
      maxlength: 6,
      autocomplete: 'one-time-code',
    });
    expect(lastCodeFor(email)).toMatch(/^\d{6}$/);

    const stranger = uniqueEmail();
    const unknown = await sendRecoveryCode(suite.url, stranger);
    expect(unknown.status).toBe(200);
    expect(unknown.body.state).toBe('sent_email');
    expect(lastCodeFor(stranger)).toBeUndefined();
  });

  it('wrong code → 200 with 4060006; right code → session token + settings flow via continue_with', async () => {
    const { email } = await register(suite.url);
    const sent = await sendRecoveryCode(suite.url, email);
    const wrong = await call('POST', sent.body.ui.action, { json: { method: 'code', code: '000000' } });
    expect(wrong.status).toBe(200);
    expect(wrong.body.ui.messages).toEqual([
      {
        id: 4060006,
        text: 'The recovery code is invalid or has already been used. Please try again.',
        type: 'error',
      },
    ]);

    const done = await call('POST', sent.body.ui.action, {
      json: { method: 'code', code: lastCodeFor(email) },
    });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('passed_challenge');
    const [setToken, showSettings] = done.body.continue_with;
    expect(setToken).toMatchObject({
      action: 'set_ory_session_token',
      ory_session_token: expect.stringMatching(/^ory_st_/),
    });
    expect(showSettings).toEqual({ action: 'show_settings_ui', flow: { id: expect.any(String) } });

    const token = setToken.ory_session_token;
    const whoami = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(whoami.body.authentication_methods[0]).toMatchObject({ method: 'code_recovery', aal: 'aal1' });
    const settings = await call(
      'GET',
      `${suite.url}/self-service/settings/flows?id=${showSettings.flow.id}`,
      {
        headers: tokenHeader(token),
      },
    );
    expect(settings.status).toBe(200);
    const changed = await call('POST', settings.body.ui.action, {
      json: { method: 'password', password: 'recovered passphrase 42' },
      headers: tokenHeader(token),
    });
    expect(changed.status).toBe(200);
    expect((await login(suite.url, email, 'recovered passphrase 42')).status).toBe(200);
  });

  it("with Kratos's default (no continue_with transitions) answers 422 browser_location_change_required", async () => {
    const strict = await startTestEmulator({ config: { useContinueWithTransitions: false } });
    try {
      const { email } = await register(strict.url);
      const sent = await sendRecoveryCode(strict.url, email);
      const code = strict.outbox().at(-1)!.code;
      const res = await call('POST', sent.body.ui.action, { json: { method: 'code', code } });
      expect(res.status).toBe(422);
      expect(res.body.error.id).toBe('browser_location_change_required');
      expect(res.body.redirect_browser_to).toMatch(/\/settings\?flow=/);
    } finally {
      await strict.stop();
    }
  });
});

const TOO_OFTEN = 'The request was submitted too often. Please request another code.';

describe('five codes per recovery or verification flow (Kratos v1.3.1, measured)', () => {
  async function fiveWrongCodes(action: string) {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await call('POST', action, { json: { method: 'code', code: '00000000' } });
      expect(wrong.status, `attempt ${attempt}`).toBe(200);
    }
  }

  it('recovery: the sixth code, even the right one, is a 400 error naming a new flow (show_recovery_ui)', async () => {
    // Kratos's OpenAPI document declares this 400 a recovery flow, but v1.3.1 sends an error (measured): the
    // spec check is off for this answer.
    await withUncheckedEmulator(async (unchecked) => {
      const { email } = await register(unchecked.url);
      const sent = await sendRecoveryCode(unchecked.url, email);
      await fiveWrongCodes(sent.body.ui.action);
      const sixth = await call('POST', sent.body.ui.action, {
        json: { method: 'code', code: lastCode(unchecked, email) },
      });
      expect(sixth.status).toBe(400);
      expect(sixth.body.error).toMatchObject({ code: 400, reason: TOO_OFTEN });
      const [next] = sixth.body.error.details.continue_with;
      expect(next).toMatchObject({ action: 'show_recovery_ui' });
      const fresh = await call('GET', `${unchecked.url}/self-service/recovery/flows?id=${next.flow.id}`);
      expect(fresh.body).toMatchObject({ state: 'choose_method' });
      expect(fresh.body.ui.messages).toMatchObject([{ id: 4000001, text: TOO_OFTEN }]);
    });
  });

  it('verification: the sixth code is 410 self_service_flow_replaced, use_flow_id asking for the address again', async () => {
    const { email } = await register(suite.url);
    const flow = await call('GET', `${suite.url}/self-service/verification/api`);
    const sent = await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
    await fiveWrongCodes(sent.body.ui.action);
    const sixth = await call('POST', sent.body.ui.action, {
      json: { method: 'code', code: lastCodeFor(email) },
    });
    expect(sixth.status).toBe(410);
    expect(sixth.body.error).toMatchObject({ id: 'self_service_flow_replaced' });
    const fresh = await call(
      'GET',
      `${suite.url}/self-service/verification/flows?id=${sixth.body.use_flow_id}`,
    );
    expect(fresh.body).toMatchObject({ state: 'choose_method' });
    expect(fresh.body.ui.messages).toMatchObject([{ id: 4000001, text: TOO_OFTEN }]);
    expect(nodeNamed(fresh.body, 'email')).toBeDefined();
  });
});

// Issue 21: one recovery flow took unlimited resends, each one more message in the outbox (and the data file,
// rewritten whole) and in the window's demo inbox, scrolling the real code away.
describe('what a stranger can make the emulator send', () => {
  const outboxFor = (emulator: RunningEmulator, to: string) => emulator.outbox().filter((m) => m.to === to);

  it.each(['recovery', 'verification'] as const)(
    `%s: a flow sends at most ${MAX_CODES_SENT} codes; the next resend is refused and sends nothing`,
    async (kind) => {
      const { email } = await register(suite.url);
      const before = outboxFor(suite.emulator, email).length;
      const flow = await call('GET', `${suite.url}/self-service/${kind}/api`);
      for (let send = 1; send <= MAX_CODES_SENT; send++) {
        const sent = await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
        expect(sent.status, `send ${send}`).toBe(200);
      }
      const refused = await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
      expect(refused.status).toBe(400);
      expect(refused.body.ui.messages).toMatchObject([
        { id: 4000001, text: expect.stringContaining(CODES_SENT_TOO_OFTEN) },
      ]);
      expect(outboxFor(suite.emulator, email).length - before).toBe(MAX_CODES_SENT);
    },
  );

  it(`keeps the outbox to its last ${MAX_OUTBOX_MESSAGES} messages`, async () => {
    await withUncheckedEmulator(async (emulator) => {
      const { email } = await register(emulator.url);
      const flows = Math.ceil((MAX_OUTBOX_MESSAGES + 10) / MAX_CODES_SENT);
      for (let i = 0; i < flows; i++) {
        const flow = await call('GET', `${emulator.url}/self-service/recovery/api`);
        for (let send = 0; send < MAX_CODES_SENT; send++) {
          await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
        }
      }
      const outbox = emulator.outbox();
      expect(outbox).toHaveLength(MAX_OUTBOX_MESSAGES);
      expect(outbox.at(-1)!.code).toBe(lastCode(emulator, email));
    });
  });
});

describe('recovery and verification turned off (selfservice.flows.<kind>.enabled: false)', () => {
  it('refuses to create or show such a flow: 400 without an error id, as Kratos does', async () => {
    const off = await startTestEmulator({
      config: { flowsEnabled: { recovery: false, verification: false } },
    });
    try {
      for (const [kind, reason] of [
        ['recovery', 'Recovery is not allowed because it was disabled.'],
        ['verification', 'Verification is not allowed because it was disabled.'],
      ] as const) {
        for (const path of [
          `/self-service/${kind}/api`,
          `/self-service/${kind}/flows?id=${crypto.randomUUID()}`,
        ]) {
          const refused = await call('GET', `${off.url}${path}`);
          expect(refused.status, path).toBe(400);
          expect(refused.body.error, path).toEqual({
            code: 400,
            status: 'Bad Request',
            reason,
            message: 'The request was malformed or contained invalid parameters',
          });
        }
      }
      // Sign-in is untouched.
      expect((await call('GET', `${off.url}/self-service/login/api`)).status).toBe(200);
    } finally {
      await off.stop();
    }
  });
});

describe('native verification with a code', () => {
  it('verifies an address: sent_email (1080003) → wrong code 200 with 4070006 → passed_challenge (1080002)', async () => {
    const { email } = await register(suite.url);
    const flow = await call('GET', `${suite.url}/self-service/verification/api`);
    expect(flow.body).toMatchObject({ type: 'api', state: 'choose_method' });
    // Real Kratos gives the verification flow no csrf_token node until it succeeds.
    expect(nodeNamed(flow.body, 'csrf_token')).toBeUndefined();
    const sent = await call('POST', flow.body.ui.action, { json: { method: 'code', email } });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('sent_email');
    expect(sent.body.ui.messages[0].id).toBe(1080003);
    expect(nodeNamed(sent.body, 'csrf_token')).toBeUndefined();

    const wrong = await call('POST', sent.body.ui.action, { json: { method: 'code', code: '000000' } });
    expect(wrong.status).toBe(200);
    expect(wrong.body.ui.messages[0]).toMatchObject({ id: 4070006 });

    const done = await call('POST', sent.body.ui.action, {
      json: { method: 'code', code: lastCodeFor(email) },
    });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('passed_challenge');
    expect(done.body.ui.messages).toEqual([
      { id: 1080002, text: 'You successfully verified your email address.', type: 'success' },
    ]);
    // Success shows a "Continue" link (to the default return URL: this flow has no return_to).
    expect(done.body.ui.nodes.at(-1)).toEqual({
      type: 'a',
      group: 'code',
      attributes: {
        href: `${suite.url}/`,
        title: { id: 1070009, text: 'Continue', type: 'info' },
        id: 'continue',
        node_type: 'a',
      },
      messages: [],
      meta: { label: { id: 1070009, text: 'Continue', type: 'info' } },
    });
    const identity = suite.emulator
      .identities()
      .find((i) => (i as { traits: { email: string } }).traits.email === email);
    expect(identity).toMatchObject({
      verifiable_addresses: [{ value: email, verified: true, status: 'completed' }],
    });
  });

  it('registration with the show_verification_ui hook adds continue_with and sends a code', async () => {
    const withHook = await startTestEmulator({ config: { registrationShowVerificationUi: true } });
    try {
      const email = uniqueEmail();
      const { body } = await register(withHook.url, email);
      const item = body.continue_with.find((c: { action: string }) => c.action === 'show_verification_ui');
      expect(item).toEqual({
        action: 'show_verification_ui',
        flow: { id: expect.any(String), verifiable_address: email },
      });
      expect(body.identity.verifiable_addresses[0].status).toBe('sent');
      const flow = await call('GET', `${withHook.url}/self-service/verification/flows?id=${item.flow.id}`);
      expect(flow.body.state).toBe('sent_email');
      expect(withHook.outbox().map((m) => [m.to, m.template])).toEqual([[email, 'verification_code']]);
    } finally {
      await withHook.stop();
    }
  });
});

describe('a malformed address on the recovery and verification forms', () => {
  it('is a 400 flow with 4000040 on the email field (current Kratos), and nothing is sent', async () => {
    for (const kind of ['recovery', 'verification']) {
      const flow = await call('GET', `${suite.url}/self-service/${kind}/api`);
      const before = suite.emulator.outbox().length;
      const res = await call('POST', flow.body.ui.action, {
        json: { method: 'code', email: 'not-an-email' },
      });
      expect(res.status, kind).toBe(400);
      expect(res.body.state).toBe('choose_method');
      expect(nodeNamed(res.body, 'email').messages).toEqual([
        { id: 4000040, text: 'Enter a valid email address', type: 'error' },
      ]);
      expect(suite.emulator.outbox()).toHaveLength(before);
    }
  });
});

describe('the test-only outbox', () => {
  it('is served at GET /__emulator/outbox only when started with testOnlyRoutes, outside the public API (not counted, not spec-checked)', async () => {
    const emulator = await startTestEmulator({ testOnlyRoutes: true });
    try {
      const { email } = await register(emulator.url);
      await sendRecoveryCode(emulator.url, email);
      const before = emulator.stats.requests;
      const res = await call('GET', `${emulator.url}/__emulator/outbox?to=${encodeURIComponent(email)}`);
      expect(res.status).toBe(200);
      // Registration sent a verification code first (Kratos's verification hook), then the recovery code.
      expect(res.body).toEqual([
        expect.objectContaining({ to: email, template: 'verification_code' }),
        expect.objectContaining({
          to: email,
          template: 'recovery_code',
          code: emulator.outbox().at(-1)?.code,
        }),
      ]);
      expect(emulator.stats.requests).toBe(before);
    } finally {
      await emulator.stop();
    }
  });

  it('is absent by default (the app never sets testOnlyRoutes): 404 like any unknown route', async () => {
    // Unchecked: a 404 for a path outside Kratos's API is, by definition, not in Kratos's spec.
    await withUncheckedEmulator(async (emulator) => {
      const res = await call('GET', `${emulator.url}/__emulator/outbox`);
      expect(res.status).toBe(404);
    });
  });

  it('tells onMail about every message it "sends" (the app’s demo inbox)', async () => {
    const mails: unknown[] = [];
    const emulator = await startTestEmulator({ onMail: (mail) => mails.push(mail) });
    try {
      const { email } = await register(emulator.url);
      await sendRecoveryCode(emulator.url, email);
      expect(mails).toEqual(emulator.outbox());
      expect(mails).toEqual([
        expect.objectContaining({ to: email, template: 'verification_code' }),
        expect.objectContaining({ to: email, template: 'recovery_code' }),
      ]);
    } finally {
      await emulator.stop();
    }
  });
});
