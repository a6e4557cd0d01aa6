/**
 * The real-Kratos test helper: it starts a real Kratos with the shared configuration, reads the courier
 * like the emulator's outbox, and its stop() fails a test when Kratos crashed or a request carried a
 * Cookie/Origin header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import {
  identitySchema,
  optionsPatch,
  startRealKratos,
  systemBrowserUserAgent,
  type RealKratos,
} from '../support/real-kratos';

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

interface Answer {
  id: string;
  ui: { action: string };
  state?: string;
  session_token?: string;
  session?: { id: string };
  continue_with?: Array<{ action: string }>;
}

async function createFlow(kratos: RealKratos, kind: string): Promise<Answer> {
  return (await (await fetch(`${kratos.url}/self-service/${kind}/api`)).json()) as Answer;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

describe('a started real Kratos', () => {
  let kratos: RealKratos;
  beforeAll(async () => {
    kratos = await startRealKratos();
  });
  afterAll(() => kratos.stop());

  it('answers on 127.0.0.1 through the proxy, and every URL it writes names the proxy', async () => {
    expect(kratos.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const flow = await createFlow(kratos, 'login');
    expect(flow.ui.action).toBe(`${kratos.url}/self-service/login?flow=${flow.id}`);
    expect(kratos.stats.requests).toBeGreaterThan(0);
  });

  it('runs the shared configuration: session hook after password registration, highest_available whoami', async () => {
    expect(parse(await readFile(kratos.configFile, 'utf8'))).toMatchObject({
      selfservice: { flows: { registration: { after: { password: { hooks: [{ hook: 'session' }] } } } } },
      session: { whoami: { required_aal: 'highest_available' } },
      hashers: { bcrypt: { cost: 4 } },
    });

    const flow = await createFlow(kratos, 'registration');
    const email = `helper-${Date.now()}@example.org`;
    // Two steps, as Kratos >= 1.3 does by default: the profile, then the password.
    const profile = await post(flow.ui.action, { method: 'profile', traits: { email } });
    expect(profile.status).toBe(400);
    expect(profile.body.state).toBe('choose_method');
    const done = await post(flow.ui.action, {
      method: 'password',
      traits: { email },
      password: 'correct-Horse-battery-9',
    });
    expect(done.status).toBe(200);
    expect(done.body.session_token).toEqual(expect.any(String));
    expect(await kratos.sessionIsActive(done.body.session?.id ?? '')).toBe(true);
  });

  it('keeps every code it would send: the courier is the mailbox', async () => {
    const email = `mailbox-${Date.now()}@example.org`;
    const registration = await createFlow(kratos, 'registration');
    await post(registration.ui.action, {
      method: 'password',
      traits: { email },
      password: 'correct-Horse-battery-9',
    });
    const recovery = await createFlow(kratos, 'recovery');
    const sent = await post(recovery.ui.action, { method: 'code', email });
    expect(sent.status).toBe(200);

    const code = await kratos.latestCode(email, 'recovery_code_valid');
    expect(code).toMatch(/^\d{6}$/);
    const used = await post(recovery.ui.action, { method: 'code', code });
    expect(used.status).toBe(200);
    expect(used.body.continue_with?.map((item) => item.action)).toContain('set_ory_session_token');
    await expect(kratos.latestCode('nobody@example.org', 'recovery_code_valid')).rejects.toThrow(
      /no recovery_code_valid/,
    );
  });
});

describe('stop() fails the test', () => {
  it('when Kratos crashed while the test ran', async () => {
    const kratos = await startRealKratos();
    process.kill(kratos.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(kratos.stop()).rejects.toThrow(/Kratos exited while the test ran \(signal SIGKILL\)/);
  });

  it('when a request carried a Cookie or an Origin header', async () => {
    const kratos = await startRealKratos();
    await fetch(`${kratos.url}/sessions/whoami`, { headers: { Cookie: 'ory_kratos_session=x' } });
    await fetch(`${kratos.url}/sessions/whoami`, { headers: { Origin: 'http://evil.example' } });
    // The system browser of a social sign-in is the one client allowed cookies: counted apart, not failed.
    await fetch(`${kratos.url}/health/alive`, {
      headers: { Cookie: '_session=idp', 'User-Agent': systemBrowserUserAgent },
    });
    expect(kratos.stats).toMatchObject({ cookieOrOriginRequests: 2, browserRequests: 1 });
    await expect(kratos.stop()).rejects.toThrow(/2 request\(s\) carried a Cookie or Origin header/);
  });
});

describe('restart on the same data and address', () => {
  it('keeps identities across a stop with keepData', async () => {
    const first = await startRealKratos();
    const email = `restart-${Date.now()}@example.org`;
    const flow = await createFlow(first, 'registration');
    const done = await post(flow.ui.action, {
      method: 'password',
      traits: { email },
      password: 'correct-Horse-battery-9',
    });
    await first.stop({ keepData: true });
    await expect(fetch(`${first.url}/health/alive`)).rejects.toThrow();

    const again = await startRealKratos({ dataDir: first.dataDir, port: Number(new URL(first.url).port) });
    try {
      expect(again.url).toBe(first.url);
      const whoami = await fetch(`${again.url}/sessions/whoami`, {
        headers: { 'X-Session-Token': done.body.session_token ?? '' },
      });
      expect(whoami.status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});

describe('test options, written as Kratos configuration', () => {
  it('maps lifespans, passwordless code, one-step registration, OIDC providers and return URLs', () => {
    const patch = optionsPatch({
      sessionLifespan: '10s',
      flowLifespan: '5s',
      privilegedSessionMaxAge: '3s',
      passwordless: true,
      legacyOneStepRegistration: true,
      oidcProviders: [{ id: 'demo', issuerUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' }],
      allowedReturnUrls: ['kratos-desktop://auth'],
    });
    const mapper = "local claims = std.extVar('claims'); { identity: { traits: { email: claims.email } } }";
    expect(patch).toEqual({
      session: { lifespan: '10s' },
      selfservice: {
        flows: {
          login: { lifespan: '5s' },
          registration: {
            lifespan: '5s',
            enable_legacy_one_step: true,
            after: { oidc: { hooks: [{ hook: 'session' }] } },
          },
          settings: { lifespan: '5s', privileged_session_max_age: '3s' },
          recovery: { lifespan: '5s' },
          verification: { lifespan: '5s' },
        },
        methods: {
          code: { passwordless_enabled: true },
          oidc: {
            enabled: true,
            config: {
              providers: [
                {
                  id: 'demo',
                  provider: 'generic',
                  client_id: 'c',
                  client_secret: 's',
                  issuer_url: 'http://127.0.0.1:9',
                  mapper_url: `base64://${Buffer.from(mapper).toString('base64')}`,
                  scope: ['openid', 'email'],
                },
              ],
            },
          },
        },
        allowed_return_urls: ['kratos-desktop://auth'],
      },
    });
  });

  it('makes the password identifier the email code identifier for passwordless sign-in', () => {
    const schema = {
      properties: {
        traits: {
          properties: {
            email: { 'ory.sh/kratos': { credentials: { password: { identifier: true } } } },
            name: { type: 'string' },
          },
        },
      },
    };
    expect(identitySchema(schema, true)).toEqual({
      properties: {
        traits: {
          properties: {
            email: {
              'ory.sh/kratos': {
                credentials: { password: { identifier: true }, code: { identifier: true, via: 'email' } },
              },
            },
            name: { type: 'string' },
          },
        },
      },
    });
    expect(identitySchema(schema, false)).toBe(schema);
  });
});
