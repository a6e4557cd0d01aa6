/**
 * A real Kratos whose `selfservice.allowed_return_urls` does not list the app's return URL refuses to create
 * any flow that asks for a session token exchange code (400 `self_service_flow_return_to_forbidden`). The app
 * must still sign people in there, spending the extra round trip once, and say what the operator would add
 * when a provider button is pressed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRealKratos, type RealKratos } from '../support/real-kratos';
import { startAppCore } from '../support/app-core';

let kratos: RealKratos;
const requests: string[] = [];
beforeAll(async () => {
  kratos = await startRealKratos({
    allowedReturnUrls: ['https://app.example.com'],
    onExchange: (exchange) => requests.push(`${exchange.method} ${exchange.path}`),
  });
});
afterAll(() => kratos.stop());

it('signs in by password on a server that refuses the return URL; the exchange is asked for once', async () => {
  const email = `no-return-url-${Date.now()}@example.org`;
  const password = 'correct-Horse-battery-9';
  const created = await fetch(`${kratos.adminUrl}/admin/identities`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      schema_id: 'default',
      traits: { email },
      credentials: { password: { config: { password } } },
    }),
  });
  expect(created.status).toBe(201);

  const app = await startAppCore({ environmentUrl: kratos.url, confirmEndpoint: async () => false });
  try {
    requests.length = 0;
    const login = await app.startFlow({ kind: 'login' });
    expect(login).toMatchObject({ kind: 'flow' });
    expect(requests).toEqual([
      expect.stringMatching(/^GET \/self-service\/login\/api\?.*return_to=kratos-desktop/),
      'GET /self-service/login/api',
    ]);
    if (login.kind !== 'flow') return;

    const signedIn = await app.submitFlow({
      flowId: login.flow.id,
      values: { method: 'password', identifier: email, password },
    });
    expect(signedIn).toMatchObject({ kind: 'done' });
    expect(await app.getState()).toMatchObject({ status: 'signed-in' });

    // The next sign-in form costs one request again.
    await app.logout();
    requests.length = 0;
    expect(await app.startFlow({ kind: 'login' })).toMatchObject({ kind: 'flow' });
    expect(requests).toEqual(['GET /self-service/login/api']);
  } finally {
    await app.stop();
  }
});
