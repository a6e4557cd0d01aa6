/**
 * The session machine and the flow service over real HTTP: the real Kratos client (undici) against the
 * emulator, whose every response is validated against Kratos's OpenAPI spec (test/support/emulator.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FlowResponse, FlowView } from '../../../shared/ipc-contract';
import { createManualClock, type ManualClock } from '../../../emulator/index';
import { totpCode } from '../../../emulator/domain/totp';
import { createFlowService, type FlowService } from '../../../main/flows/service';
import type { KratosApi } from '../../../main/kratos/api';
import { createKratosClient } from '../../../main/kratos/client';
import { SessionController } from '../../../main/session/controller';
import { MemoryTokenStore } from '../../../main/session/token-store';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';

const dataDir = mkdtempSync(join(tmpdir(), 'kratos-desktop-session-'));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Whoami requests the emulator answered, counted from its exchange log. */
function countWhoami(exchanges: { path: string }[]): number {
  return exchanges.filter((e) => e.path.startsWith('/sessions/whoami')).length;
}

async function emulatorAt(
  port = 0,
  clock?: ManualClock,
): Promise<{ emulator: TestEmulator; exchanges: { path: string }[] }> {
  const exchanges: { path: string }[] = [];
  const emulator = await startTestEmulator({
    port,
    dataDir,
    ...(clock === undefined ? {} : { clock }),
    onExchange: (e) => exchanges.push(e),
  });
  return { emulator, exchanges };
}

function controllerFor(api: KratosApi, store: MemoryTokenStore): SessionController {
  const controller = new SessionController({
    api,
    store,
    storeKey: api.baseUrl,
    endpoint: { url: api.baseUrl, source: 'environment' },
    keychain: () => ({ kind: 'memory', reason: 'test', hint: 'none' }),
  });
  cleanups.push(() => controller.dispose());
  return controller;
}

function clientFor(url: string): KratosApi {
  const api = createKratosClient({ baseUrl: url, timeouts: { connectMs: 1_000 } });
  cleanups.push(() => api.close());
  return api;
}

async function register(api: KratosApi, session: SessionController, email: string) {
  const flows = createFlowService({ api, session });
  const started = await flows.start({ kind: 'registration' });
  if (started.kind !== 'flow') throw new Error(`registration did not start: ${JSON.stringify(started)}`);
  return flows.submit({
    flowId: started.flow.id,
    values: { method: 'password', traits: { email }, password: 'correct horse battery staple 42' },
  });
}

describe('session over real HTTP (emulator)', () => {
  it('register → signed in; restart → signed in from the store; server down → unreachable, token kept; back → signed in; logout → 401', async () => {
    let { emulator, exchanges } = await emulatorAt();
    const port = Number(new URL(emulator.url).port);
    const store = new MemoryTokenStore();

    // Register through the flow service: the session hook returns a token, the controller keeps it.
    const api = clientFor(emulator.url);
    const first = controllerFor(api, store);
    await first.start();
    expect(await register(api, first, 'ada@example.org')).toMatchObject({ kind: 'done' });
    expect(first.view()).toMatchObject({ status: 'signed-in', session: { aal: 'aal1' } });
    const token = await store.get(api.baseUrl);
    expect(token).toMatch(/^ory_st_/);
    first.dispose();

    // "Restart the app": a new controller over the same store signs in without a password.
    const second = controllerFor(api, store);
    expect(await second.start()).toMatchObject({
      status: 'signed-in',
      session: { identity: { traits: { email: 'ada@example.org' } } },
    });
    expect(countWhoami(exchanges)).toBe(1);

    // The server goes away: unreachable, the token stays.
    await emulator.stop();
    expect(await second.check()).toMatchObject({ status: 'unreachable', retryAt: expect.any(String) });
    expect(await store.get(api.baseUrl)).toBe(token);

    // Back on the same port with the same data: signed in again.
    ({ emulator, exchanges } = await emulatorAt(port));
    const restarted = emulator;
    cleanups.unshift(() => restarted.stop()); // stopped last, after the client is closed
    expect(await second.check()).toMatchObject({ status: 'signed-in' });

    // Logout revokes on the server: the old token is now refused.
    expect(await second.logout()).toEqual({ kind: 'ok', message: 'Signed out.' });
    expect(await store.get(api.baseUrl)).toBeNull();
    expect(await api.whoami(token!)).toMatchObject({ kind: 'error', status: 401 });
  });

  it('100 concurrent checks make one whoami request', async () => {
    const { emulator, exchanges } = await emulatorAt();
    cleanups.push(() => emulator.stop());
    const api = clientFor(emulator.url);
    const session = controllerFor(api, new MemoryTokenStore());
    await session.start();
    await register(api, session, 'grace@example.org');

    const before = countWhoami(exchanges);
    const views = await Promise.all(Array.from({ length: 100 }, () => session.check()));
    expect(countWhoami(exchanges) - before).toBe(1);
    expect(views.every((v) => v.status === 'signed-in')).toBe(true);
  });

  it('logs in with the password through the flow service', async () => {
    const { emulator } = await emulatorAt();
    cleanups.push(() => emulator.stop());
    const api = clientFor(emulator.url);
    const registered = controllerFor(api, new MemoryTokenStore());
    await registered.start();
    await register(api, registered, 'linus@example.org');

    const session = controllerFor(api, new MemoryTokenStore());
    await session.start();
    const flows = createFlowService({ api, session });
    const login = await flows.start({ kind: 'login' });
    if (login.kind !== 'flow') throw new Error('login did not start');

    const wrong = await flows.submit({
      flowId: login.flow.id,
      values: { method: 'password', identifier: 'linus@example.org', password: 'not it at all' },
    });
    expect(wrong).toMatchObject({ kind: 'flow', flow: { ui: { messages: [{ id: 4000006 }] } } });

    const right = await flows.submit({
      flowId: login.flow.id,
      values: {
        method: 'password',
        identifier: 'linus@example.org',
        password: 'correct horse battery staple 42',
      },
    });
    expect(right).toEqual({ kind: 'done', message: 'Signed in.' });
    expect(session.view()).toMatchObject({ status: 'signed-in', session: { aal: 'aal1' } });
  });

  describe('second factor and re-authentication', () => {
    const PASSWORD = 'correct horse battery staple 42';

    /** The TOTP secret Kratos shows in the settings flow (text node `totp_secret_key`, context.secret). */
    function totpSecretOf(flow: FlowView): string {
      for (const node of flow.ui.nodes) {
        if (node.type !== 'text' || node.attributes.id !== 'totp_secret_key') continue;
        const secret = node.attributes.text.context?.['secret'];
        if (typeof secret === 'string') return secret;
      }
      throw new Error('no totp_secret_key node in the settings flow');
    }

    function flowOf(response: FlowResponse): FlowView {
      if (response.kind === 'flow') return response.flow;
      if (response.kind === 'done' && response.next) return response.next;
      throw new Error(`expected a flow, got ${JSON.stringify(response)}`);
    }

    async function signedInWithTotp(email: string) {
      const clock = createManualClock();
      const { emulator } = await emulatorAt(0, clock);
      cleanups.push(() => emulator.stop());
      const api = clientFor(emulator.url);
      const store = new MemoryTokenStore();
      const session = controllerFor(api, store);
      await session.start();
      const flows = createFlowService({ api, session });
      await register(api, session, email);

      const settings = flowOf(await flows.start({ kind: 'settings' }));
      const secret = totpSecretOf(settings);
      const saved = await flows.submit({
        flowId: settings.id,
        values: { method: 'totp', totp_code: await totpCode(secret, clock.now()) },
      });
      expect(saved).toMatchObject({ kind: 'flow', flow: { kind: 'settings', state: 'success' } });
      // Setting up TOTP adds an aal2 method to the current session.
      expect(session.view()).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
      return { api, clock, store, session, flows, secret };
    }

    async function login(flows: FlowService, email: string): Promise<FlowResponse> {
      const started = flowOf(await flows.start({ kind: 'login' }));
      return flows.submit({
        flowId: started.id,
        values: { method: 'password', identifier: email, password: PASSWORD },
      });
    }

    it('password login of a TOTP identity goes straight on to the aal2 step, and a restart keeps asking for it', async () => {
      const email = 'totp@example.org';
      const { api, clock, secret } = await signedInWithTotp(email);

      const store = new MemoryTokenStore();
      const session = controllerFor(api, store);
      await session.start();
      const flows = createFlowService({ api, session });

      // Kratos returns a valid aal1 token with `identity: null`: never shown as a broken session.
      const afterPassword = await login(flows, email);
      expect(afterPassword).toMatchObject({ kind: 'done', next: { kind: 'login', requestedAal: 'aal2' } });
      expect(session.view()).toMatchObject({ status: 'second-factor-required', methods: ['totp'] });

      // Restarting now: whoami answers 403 session_aal2_required, the token is kept.
      const restarted = controllerFor(api, store);
      expect(await restarted.start()).toMatchObject({ status: 'second-factor-required', methods: ['totp'] });
      restarted.dispose();

      clock.advance(30_000); // a fresh TOTP step: Kratos does not accept the setup code twice
      const aal2 = flowOf(afterPassword);
      const done = await flows.submit({
        flowId: aal2.id,
        values: { method: 'totp', totp_code: await totpCode(secret, clock.now()) },
      });
      expect(done).toEqual({ kind: 'done', message: 'Second factor accepted.' });
      expect(session.view()).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
    });

    it('a password change on an old session re-authenticates, then applies the change without typing it again', async () => {
      const email = 'refresh@example.org';
      const { api, clock, session, flows } = await signedInWithTotp(email);
      clock.advance(2 * 60 * 60_000); // beyond privileged_session_max_age (1h), within the 24h lifespan

      const settings = flowOf(await flows.start({ kind: 'settings' }));
      const newPassword = 'an entirely new passphrase 77';
      const reauth = flowOf(
        await flows.submit({ flowId: settings.id, values: { method: 'password', password: newPassword } }),
      );
      expect(reauth).toMatchObject({ kind: 'login', refresh: true });

      // Re-authenticating with the password keeps the session's aal2 (its totp method stays), so the
      // pending change is sent straight away and its result is the answer.
      const response = await flows.submit({
        flowId: reauth.id,
        values: { method: 'password', identifier: email, password: PASSWORD },
      });
      expect(response).toMatchObject({ kind: 'flow', flow: { kind: 'settings', state: 'success' } });
      expect(session.view().status).toBe('signed-in');

      // The new password works; the old one does not.
      const fresh = controllerFor(api, new MemoryTokenStore());
      await fresh.start();
      const freshFlows = createFlowService({ api, session: fresh });
      const started = flowOf(await freshFlows.start({ kind: 'login' }));
      const old = await freshFlows.submit({
        flowId: started.id,
        values: { method: 'password', identifier: email, password: PASSWORD },
      });
      expect(old).toMatchObject({ kind: 'flow', flow: { ui: { messages: [{ id: 4000006 }] } } });
      const withNew = await freshFlows.submit({
        flowId: started.id,
        values: { method: 'password', identifier: email, password: newPassword },
      });
      expect(withNew).toMatchObject({ kind: 'done', next: { requestedAal: 'aal2' } });
    });
  });
});
