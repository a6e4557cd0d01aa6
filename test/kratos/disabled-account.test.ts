/**
 * A disabled account on real Kratos, through the app's main side (AppCore, the flow service, the real client):
 * the sign-in is refused in words, not in Kratos's developer English. v26.2.0 refuses with a 401 that has no
 * error id, only the reason "This account was disabled." (session.ErrIdentityDisabled); newer Kratos sends
 * 400 `identity_disabled` (unit-tested in test/main/kratos/error-messages.test.ts). The emulator has no admin
 * API to disable an account, so this runs on real Kratos only.
 */
import { afterEach, expect, it } from 'vitest';
import type { AppCore } from '../../main/app/core';
import { startAppCore } from '../support/app-core';
import { startRealKratos, type RealKratos } from '../support/real-kratos';

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
const password = 'correct-Horse-battery-9';
let kratos: RealKratos | undefined;
let app: AppCore | undefined;

afterEach(async () => {
  await app?.stop();
  await kratos?.stop();
});

it('signing in to a disabled account is refused in words, and nobody is signed in', async () => {
  kratos = await startRealKratos();
  const email = `disabled-${Date.now()}@example.com`;
  const created = await fetch(`${kratos.adminUrl}/admin/identities`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      schema_id: 'default',
      traits: { email },
      state: 'inactive',
      credentials: { password: { config: { password } } },
    }),
  });
  expect(created.status).toBe(201);

  app = await startAppCore({ environmentUrl: kratos.url });
  const started = await app.startFlow({ kind: 'login' });
  if (started.kind !== 'flow') throw new Error(`no login flow: ${JSON.stringify(started)}`);
  const answer = await app.submitFlow({
    flowId: started.flow.id,
    values: { method: 'password', identifier: email, password },
  });
  expect(answer).toEqual({
    kind: 'error',
    message: 'This account is disabled. Ask the administrator of this server to turn it back on.',
  });
  expect((await app.getState()).status).toBe('signed-out');
});
