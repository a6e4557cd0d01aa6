import { afterEach, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../../../emulator/index';
import { startTestEmulator } from '../../support/emulator';
import { validateAgainstSpec } from '../../support/spec-validator';
import { call, PASSWORD, register, uniqueEmail } from '../helpers';

// These tests send Cookie/Origin on purpose, so they use start() directly (startTestEmulator would fail
// them in stop()) and check the spec by hand.
let emulator: RunningEmulator | undefined;
const specProblems: string[] = [];

async function startRaw() {
  emulator = await start({
    port: 0,
    config: { bcryptCost: 4 },
    onExchange: (e) => specProblems.push(...validateAgainstSpec(e)),
  });
  return emulator;
}

afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  expect(specProblems.splice(0)).toEqual([]);
});

const ORIGIN_REASON =
  'The HTTP Request Header included the "Origin" key, indicating that this request was made as part of an AJAX request in a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';
const COOKIE_REASON =
  'The HTTP Request Header included the "Cookie" key, indicating that this request was made by a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';

describe('API flows refuse browser headers like Kratos (selfservice/flow/request.go EnsureCSRF)', () => {
  it.each([
    ['Origin', { Origin: 'http://localhost:5173' }, ORIGIN_REASON],
    ['Cookie', { Cookie: 'ory_kratos_session=abc' }, COOKIE_REASON],
  ])('login submit with %s → 400 flow with 4000001 and the Kratos reason', async (_name, headers, reason) => {
    const { url } = await startRaw();
    const { email } = await register(url);
    const flow = await call('GET', `${url}/self-service/login/api`);
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', identifier: email, password: PASSWORD },
      headers,
    });
    expect(res.status).toBe(400);
    expect(res.body.id).toBe(flow.body.id);
    expect(res.body.ui.messages).toEqual([{ id: 4000001, text: reason, type: 'error', context: { reason } }]);
    expect(res.body).not.toHaveProperty('session_token');
  });

  it('registration submit with Origin → 400 flow, no identity created', async () => {
    const running = await startRaw();
    const flow = await call('GET', `${running.url}/self-service/registration/api`);
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', traits: { email: uniqueEmail() }, password: PASSWORD },
      headers: { Origin: 'null' },
    });
    expect(res.status).toBe(400);
    expect(res.body.ui.messages[0]).toMatchObject({ id: 4000001, text: ORIGIN_REASON });
    expect(running.identities()).toEqual([]);
  });

  it('counts every request that carried a Cookie or Origin header, whatever the route', async () => {
    const running = await startRaw();
    await call('GET', `${running.url}/health/alive`);
    expect(running.stats).toEqual({ requests: 1, cookieOrOriginRequests: 0 });
    await call('GET', `${running.url}/sessions/whoami`, { headers: { Cookie: 'a=b' } });
    await call('GET', `${running.url}/self-service/login/api`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(running.stats).toEqual({ requests: 3, cookieOrOriginRequests: 2 });
  });
});

describe('startTestEmulator', () => {
  it('fails stop() when any request carried a Cookie or Origin header', async () => {
    const guarded = await startTestEmulator();
    await call('GET', `${guarded.url}/health/ready`, { headers: { Origin: 'http://localhost' } });
    await expect(guarded.stop()).rejects.toThrow(/1 request\(s\) carried a Cookie or Origin header/);
  });

  it('fails stop() when a response broke the spec (here: an undeclared route)', async () => {
    const guarded = await startTestEmulator();
    const res = await call('GET', `${guarded.url}/no/such/route`);
    expect(res.status).toBe(404);
    await expect(guarded.stop()).rejects.toThrow(/GET \/no\/such\/route → 404: no operation in the spec/);
  });
});
