/**
 * The client against the in-process Kratos emulator over real HTTP. `startTestEmulator` validates every
 * response against Kratos's OpenAPI spec, and its `stop()` fails the suite if any request carried a Cookie or
 * Origin header, so each test here also proves the client never sends them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import type { KratosApi } from '../../../main/kratos/api';
import { createKratosClient } from '../../../main/kratos/client';
import type { KratosResult } from '../../../main/kratos/result';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';

const PASSWORD = 'correct horse battery staple 42';

const running: { emulator: TestEmulator; client: KratosApi }[] = [];

async function startKratos(options: Parameters<typeof startTestEmulator>[0] = {}) {
  const emulator = await startTestEmulator(options);
  const client = createKratosClient({ baseUrl: emulator.url });
  running.push({ emulator, client });
  return { emulator, client };
}

afterEach(async () => {
  for (const { emulator, client } of running.splice(0)) {
    await client.close();
    await emulator.stop(); // throws on spec violations and on any Cookie/Origin request
    expect(emulator.stats.cookieOrOriginRequests).toBe(0);
  }
});

function expectKind<K extends KratosResult<unknown, unknown>['kind']>(
  result: KratosResult<unknown, unknown>,
  kind: K,
): asserts result is Extract<KratosResult<unknown, unknown>, { kind: K }> {
  if (result.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(result)}`);
}

async function register(client: KratosApi, email: string): Promise<string> {
  const flow = await client.createRegistrationFlow();
  expectKind(flow, 'success');
  const done = await client.submitRegistrationFlow(flow.body.id, {
    method: 'password',
    traits: { email },
    password: PASSWORD,
  });
  expectKind(done, 'success');
  const token = done.body.session_token;
  if (token === undefined) throw new Error('registration returned no session token');
  return token;
}

async function login(client: KratosApi, email: string, password = PASSWORD) {
  const flow = await client.createLoginFlow();
  expectKind(flow, 'success');
  return client.submitLoginFlow(flow.body.id, { method: 'password', identifier: email, password });
}

async function loginToken(client: KratosApi, email: string): Promise<string> {
  const result = await login(client, email);
  expectKind(result, 'success');
  return result.body.session_token ?? '';
}

describe('client ⇄ emulator over HTTP', () => {
  it('register → whoami (aal1) → logout → whoami 401', async () => {
    const { client } = await startKratos();
    const token = await register(client, 'ada@example.com');
    expect(token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/);

    const whoami = await client.whoami(token);
    expectKind(whoami, 'success');
    expect(whoami.body.authenticator_assurance_level).toBe('aal1');
    expect(whoami.body.identity?.traits).toMatchObject({ email: 'ada@example.com' });

    expect(await client.logout(token)).toEqual({ kind: 'success', status: 204, body: undefined });

    const after = await client.whoami(token);
    expectKind(after, 'error');
    expect(after.status).toBe(401);
    expect(after.error).toMatchObject({
      code: 401,
      reason: 'No valid session credentials found in the request.',
    });
    expect(after.error.id).toBeUndefined();
  });

  it('a wrong password comes back as the flow with 4000006, password cleared, identifier kept', async () => {
    const { client } = await startKratos();
    await register(client, 'bob@example.com');

    const result = await login(client, 'bob@example.com', 'not the password at all');
    expectKind(result, 'flow');
    expect(result.status).toBe(400);
    expect(result.flow.ui.messages?.map((m) => m.id)).toEqual([4000006]);
    const valueOf = (name: string) =>
      result.flow.ui.nodes.find((n) => 'name' in n.attributes && n.attributes.name === name)?.attributes;
    expect(valueOf('identifier')).toMatchObject({ value: 'bob@example.com' });
    const password = valueOf('password');
    expect(password).toBeDefined();
    expect([undefined, '']).toContain((password as { value?: unknown }).value);
  });

  it('an expired flow → 410 expired with use_flow_id → fetch it → submit succeeds', async () => {
    const clock = createManualClock();
    const { client, emulator } = await startKratos({ clock });
    await register(client, 'cy@example.com');

    const flow = await client.createLoginFlow();
    expectKind(flow, 'success');
    clock.advance(emulator.config.flowLifespanMs.login + 1_000);

    const body = { method: 'password', identifier: 'cy@example.com', password: PASSWORD };
    const expired = await client.submitLoginFlow(flow.body.id, body);
    expectKind(expired, 'expired');
    expect(expired.error.id).toBe('self_service_flow_expired');
    expect(expired.useFlowId).toEqual(expect.any(String));
    expect(expired.useFlowId).not.toBe(flow.body.id);

    const replacement = await client.getLoginFlow(expired.useFlowId ?? '');
    expectKind(replacement, 'success');
    expect(replacement.body.ui.messages?.map((m) => m.id)).toContain(4010001);

    const done = await client.submitLoginFlow(replacement.body.id, body);
    expectKind(done, 'success');
    expect((await client.whoami(done.body.session_token ?? '')).kind).toBe('success');
  });

  it('fetching an expired flow → expired without a replacement', async () => {
    const clock = createManualClock();
    const { client, emulator } = await startKratos({ clock });
    const flow = await client.createLoginFlow();
    expectKind(flow, 'success');
    clock.advance(emulator.config.flowLifespanMs.login + 1_000);

    const fetched = await client.getLoginFlow(flow.body.id);
    expectKind(fetched, 'expired');
    expect(fetched.error.id).toBe('self_service_flow_expired');
    expect(fetched.useFlowId).toBeUndefined();
  });

  it('users and sessions survive an emulator restart with a data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kratos-client-'));
    try {
      const first = await startKratos({ dataDir });
      const token = await register(first.client, 'dee@example.com');
      await first.client.close();
      await first.emulator.stop();
      running.splice(0);

      const second = await startKratos({ dataDir });
      const whoami = await second.client.whoami(token);
      expectKind(whoami, 'success');
      expect(whoami.body.identity?.traits).toMatchObject({ email: 'dee@example.com' });
      expect((await login(second.client, 'dee@example.com')).kind).toBe('success');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('lists, pages through and revokes the other sessions', async () => {
    const { client } = await startKratos();
    const current = await register(client, 'eve@example.com');
    const second = await loginToken(client, 'eve@example.com');
    const third = await loginToken(client, 'eve@example.com');

    const all = await client.listSessions(current);
    expectKind(all, 'success');
    expect(all.body.sessions).toHaveLength(2);
    expect(all.body.nextPageToken).toBeUndefined();

    const page1 = await client.listSessions(current, { pageSize: 1 });
    expectKind(page1, 'success');
    expect(page1.body.sessions).toHaveLength(1);
    expect(page1.body.nextPageToken).toEqual(expect.any(String));
    const page2 = await client.listSessions(current, { pageSize: 1, pageToken: page1.body.nextPageToken });
    expectKind(page2, 'success');
    expect(page2.body.sessions).toHaveLength(1);
    expect(page2.body.nextPageToken).toBeUndefined();
    const pagedIds = [...page1.body.sessions, ...page2.body.sessions].map((s) => s.id).sort();
    expect(pagedIds).toEqual(all.body.sessions.map((s) => s.id).sort());

    const secondSession = await client.whoami(second);
    expectKind(secondSession, 'success');
    expect(await client.revokeSession(current, secondSession.body.id)).toEqual({
      kind: 'success',
      status: 204,
      body: undefined,
    });
    expect((await client.whoami(second)).kind).toBe('error');
    expect((await client.whoami(third)).kind).toBe('success');

    expect(await client.revokeOtherSessions(current)).toEqual({
      kind: 'success',
      status: 200,
      body: { count: 1 },
    });
    expect((await client.whoami(third)).kind).toBe('error');
    expect((await client.whoami(current)).kind).toBe('success');

    const none = await client.listSessions(current);
    expectKind(none, 'success');
    expect(none.body.sessions).toEqual([]);
  });

  it('refuses to revoke the current session through DELETE /sessions/{id} (use logout)', async () => {
    const { client } = await startKratos();
    const token = await register(client, 'fay@example.com');
    const whoami = await client.whoami(token);
    expectKind(whoami, 'success');
    const result = await client.revokeSession(token, whoami.body.id);
    expectKind(result, 'error');
    expect(result.status).toBe(400);
    expect((await client.whoami(token)).kind).toBe('success');
  });

  it('a signed-in token cannot start a plain login flow (400 session_already_available)', async () => {
    const { client } = await startKratos();
    const token = await register(client, 'gus@example.com');
    const result = await client.createLoginFlow({ token });
    expectKind(result, 'error');
    expect(result).toMatchObject({ status: 400, error: { id: 'session_already_available' } });
  });
});
