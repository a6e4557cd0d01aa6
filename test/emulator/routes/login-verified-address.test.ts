/**
 * The `require_verified_address` login hook (Kratos ≥ v25.4, hook/require_verified_address.go), as measured on
 * real Kratos v26.2.0 with `selfservice.flows.login.after.password.hooks: [require_verified_address]`.
 */
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { call, emulatorForSuite, lastCode, login, PASSWORD, register, uniqueEmail } from '../helpers';

const clock = createManualClock(new Date('2026-01-01T00:00:00Z'));
const suite = emulatorForSuite(clock, { loginRequireVerifiedAddress: true });

describe('a password sign-in with no verified address', () => {
  it('is refused with 403 (the body says 400) naming a verification flow whose code is sent; no session', async () => {
    const { email } = await register(suite.url);
    const flow = await call('GET', `${suite.url}/self-service/login/api`);
    const refused = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['ory-error-id']).toBe('session_verified_address_required');
    const id = refused.body.error.details.continue_with[0].flow.id as string;
    expect(refused.body).toEqual({
      error: {
        id: 'session_verified_address_required',
        code: 400,
        status: 'Bad Request',
        reason:
          "Your account's email or phone address are not verified yet. Please check your email or phone inbox or re-request verification.",
        details: {
          continue_with: [
            {
              action: 'show_verification_ui',
              flow: {
                id,
                verifiable_address: email,
                url: `https://www.ory.sh/kratos/docs/fallback/verification?flow=${id}`,
              },
            },
          ],
        },
        message: 'your email or phone address is not yet verified',
      },
    });

    const verification = await call('GET', `${suite.url}/self-service/verification/flows?id=${id}`);
    expect(verification.body).toMatchObject({
      state: 'sent_email',
      request_url: `${suite.url}/self-service/login/api`,
      ui: { messages: [{ id: 1080003 }] },
    });
    const code = lastCode(suite.emulator, email, 'verification_code');
    const verified = await call('POST', verification.body.ui.action, { json: { method: 'code', code } });
    expect(verified.body.state).toBe('passed_challenge');

    // The same login flow now signs in.
    const signedIn = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session_token).toMatch(/^ory_st_/);
  });

  it('a wrong password is still a wrong password (the hook runs only after the password is right)', async () => {
    const { email } = await register(suite.url);
    const refused = await login(suite.url, email, 'not the password');
    expect(refused.status).toBe(400);
    expect(refused.body.ui.messages).toEqual([expect.objectContaining({ id: 4000006 })]);
  });

  it('an unknown identifier is refused as always', async () => {
    const refused = await login(suite.url, uniqueEmail());
    expect(refused.status).toBe(400);
  });
});
