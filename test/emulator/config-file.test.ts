import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig, kratosDefaults } from '../../emulator/config';
import { parseDuration } from '../../emulator/config-file';
import { EmulatorConfigError, readKratosConfig } from '../../emulator/index';
import { startTestEmulator } from '../support/emulator';
import { call, login, nodeNamed, register } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'kratos-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemaFile = resolve('emulator/identity.schema.json');
/** The notice's entry for a file that leaves Kratos's breach lookup at its default (on). */
const HIBP_DEFAULT = "selfservice.methods.password.config.haveibeenpwned_enabled (Kratos's default: true)";
let files = 0;
/** Writes `yaml` to a fresh file and returns its path. */
function file(yaml: string): string {
  const path = join(dir, `kratos-${++files}.yml`);
  writeFileSync(path, yaml);
  return path;
}

describe('reading a real Kratos configuration file', () => {
  it("maps the real-Kratos suites' kratos.yml onto exactly the emulator's defaults", () => {
    // The same file both servers get (test/kratos/kratos.yml), with the schema URL made absolute as the
    // real-Kratos helper does at start.
    const yaml = readFileSync('test/kratos/kratos.yml', 'utf8').replace(
      'file:///emulator/identity.schema.json',
      `file://${schemaFile}`,
    );
    const read = readKratosConfig(file(yaml));
    expect(read.notImplemented).toEqual([]);
    expect(read.notApplicable).toEqual(
      expect.arrayContaining(['version', 'log', 'secrets', 'courier', 'hashers.algorithm']),
    );
    // Only what the file deliberately sets apart from the demo differs.
    expect(read.config).toEqual({
      ...defaultConfig,
      bcryptCost: 4,
      codeLifespanMs: 15 * 60_000,
      defaultBrowserReturnUrl: 'http://127.0.0.1/',
      // A real Kratos has social sign-in only with an identity provider to talk to (the suites that need one
      // add it); the emulator brings its own.
      methods: { ...defaultConfig.methods, oidc: false },
      oidcProviders: [],
      identitySchema: JSON.parse(readFileSync(schemaFile, 'utf8')),
    });
  });

  it("starts from Kratos's own defaults, not the demo's: what the file leaves out is Kratos's default", () => {
    const read = readKratosConfig(file('selfservice: { default_browser_return_url: https://app.example/ }'));
    expect(read.config).toEqual({ ...kratosDefaults, defaultBrowserReturnUrl: 'https://app.example/' });
    // Kratos v26.2.0's defaults (embedx/config.schema.json), spelled out: no hook, no second factor, no social
    // sign-in, no recovery or verification, no return URL, recovery without continue_with transitions.
    expect(read.config).toMatchObject({
      registrationSessionHook: false,
      registrationShowVerificationUi: false,
      useContinueWithTransitions: false,
      methods: { password: true, code: true, totp: false, lookup_secret: false, oidc: false, passkey: false },
      flowsEnabled: { recovery: false, verification: false },
      allowedReturnUrls: [],
      oidcProviders: [],
      bcryptCost: 12,
      codeLifespanMs: 60 * 60_000,
    });
    // The breach lookup Kratos does by default is the one default the emulator cannot follow: it says so.
    expect(read.notImplemented).toEqual([HIBP_DEFAULT]);
  });

  it('reads the require_verified_address login hook, after password sign-ins or after every sign-in', () => {
    for (const where of ['password: { hooks', 'hooks']) {
      const yaml = `selfservice: { flows: { login: { after: { ${where}: [ { hook: require_verified_address } ] }${where === 'hooks' ? '' : ' }'} } } }`;
      const read = readKratosConfig(file(yaml));
      expect(read.notImplemented).toEqual([HIBP_DEFAULT]);
      expect(read.config.loginRequireVerifiedAddress).toBe(true);
    }
    expect(() =>
      readKratosConfig(
        file('selfservice: { flows: { login: { after: { password: { hooks: [ { hook: session } ] } } } } }'),
      ),
    ).toThrow(/names the hook "session".*only "require_verified_address"/);
  });

  it("reads the passkey method and its relying party (Kratos's keys, as an operator writes them)", () => {
    const read = readKratosConfig(
      file(`selfservice:
  methods:
    passkey:
      enabled: true
      config:
        rp: { display_name: Example, id: id.example.com, origins: [https://id.example.com] }
  flows:
    registration:
      after:
        password: { hooks: [{ hook: session }] }
        passkey: { hooks: [{ hook: session }] }
`),
    );
    expect(read.notImplemented).toEqual([HIBP_DEFAULT]);
    const config = read.config;
    expect(config.methods.passkey).toBe(true);
    expect(config.passkeyRp).toEqual({
      displayName: 'Example',
      id: 'id.example.com',
      origins: ['https://id.example.com'],
    });
    expect(() =>
      readKratosConfig(file('selfservice: { methods: { passkey: { config: { rp: { origins: [1] } } } } }')),
    ).toThrow(/a list of origins/);
  });

  it('honours every implemented key', () => {
    const schema = Buffer.from(
      JSON.stringify({
        properties: {
          traits: {
            type: 'object',
            properties: {
              username: {
                type: 'string',
                'ory.sh/kratos': { credentials: { password: { identifier: true } } },
              },
            },
          },
        },
      }),
    ).toString('base64');
    const read = readKratosConfig(
      file(`
session:
  lifespan: 10m
  whoami: { required_aal: aal1 }
identity:
  default_schema_id: people
  schemas:
    - { id: other, url: "file:///nonexistent.json" }
    - { id: people, url: "base64://${schema}" }
feature_flags: { use_continue_with_transitions: false }
hashers: { bcrypt: { cost: 5 } }
selfservice:
  default_browser_return_url: https://app.example/
  methods:
    password: { enabled: true, config: { min_password_length: 10, identifier_similarity_check_enabled: false } }
    totp: { enabled: false, config: { issuer: Example } }
    lookup_secret: { enabled: false }
    code: { enabled: true, passwordless_enabled: true, mfa_enabled: true, config: { lifespan: 1h30m } }
    oidc:
      enabled: true
      config:
        providers:
          - { id: acme, label: Acme, provider: generic, client_id: x, issuer_url: "https://idp.example" }
          - { id: plain, provider: generic }
  allowed_return_urls: [ "kratos-desktop://auth", "https://app.example/done" ]
  flows:
    login: { lifespan: 5m }
    registration:
      lifespan: 6m
      enable_legacy_one_step: true
      after:
        password: { hooks: [ { hook: show_verification_ui } ] }
        oidc: { hooks: [ { hook: show_verification_ui } ] }
    settings: { lifespan: 7m, privileged_session_max_age: 2m, required_aal: aal1 }
    recovery: { lifespan: 8m }
    verification: { lifespan: 9m }
`),
    );
    expect(read.notImplemented).toEqual([HIBP_DEFAULT]);
    expect(read.config).toEqual({
      ...kratosDefaults,
      sessionLifespanMs: 10 * 60_000,
      whoamiRequiredAal: 'aal1',
      useContinueWithTransitions: false,
      bcryptCost: 5,
      defaultBrowserReturnUrl: 'https://app.example/',
      passwordMinLength: 10,
      passwordIdentifierSimilarityCheck: false,
      totpIssuer: 'Example',
      methods: { password: true, totp: false, lookup_secret: false, code: true, oidc: true, passkey: false },
      oidcProviders: [{ id: 'acme', label: 'Acme' }, { id: 'plain' }],
      allowedReturnUrls: ['kratos-desktop://auth', 'https://app.example/done'],
      codePasswordless: true,
      codeMfa: true,
      codeLifespanMs: 90 * 60_000,
      flowLifespanMs: {
        login: 5 * 60_000,
        registration: 6 * 60_000,
        settings: 7 * 60_000,
        recovery: 8 * 60_000,
        verification: 9 * 60_000,
      },
      registrationOneStep: true,
      registrationSessionHook: false,
      registrationShowVerificationUi: true,
      privilegedSessionMaxAgeMs: 2 * 60_000,
      settingsRequiredAal: 'aal1',
      identitySchema: JSON.parse(Buffer.from(schema, 'base64').toString('utf8')),
    });
  });

  it('lists keys it does not implement (and fixed ones set otherwise) instead of pretending to honour them', () => {
    const read = readKratosConfig(
      file(`
serve: { public: { port: 4433 } }
session: { cookie: { name: sid } }
selfservice:
  flows:
    login: { style: identifier_first }
    recovery: { enabled: false, use: link }
  methods:
    webauthn: { enabled: true }
`),
    );
    expect(read.notImplemented).toEqual([
      'session.cookie.name',
      'selfservice.flows.login.style',
      'selfservice.flows.recovery.use',
      'selfservice.methods.webauthn.enabled',
      HIBP_DEFAULT,
    ]);
    expect(read.notApplicable).toEqual(['serve']);
    // `enabled: false` is honoured (400 on creating such a flow, like Kratos), not listed.
    expect(read.config.flowsEnabled).toEqual({ recovery: false, verification: false });
  });

  it('reads a relative file:// schema from the working directory, as Kratos does', () => {
    const read = readKratosConfig(
      file('identity: { schemas: [ { id: default, url: "file://emulator/identity.schema.json" } ] }'),
      process.cwd(),
    );
    expect(read.config.identitySchema).toEqual(JSON.parse(readFileSync(schemaFile, 'utf8')));
  });

  it.each([
    ['a YAML syntax error', 'session: [unclosed', /not a valid YAML file.*line 1/s],
    ['a list instead of a mapping', '- a\n- b', /must be a mapping/],
    ['a duplicate key', 'session: {}\nsession: {}', /not a valid YAML file/],
    ['a bad duration', 'session: { lifespan: soon }', /`session\.lifespan` must be a duration/],
    [
      'an unknown AAL',
      'session: { whoami: { required_aal: aal3 } }',
      /must be "aal1" or "highest_available"/,
    ],
    [
      'a string for a boolean',
      'selfservice: { methods: { totp: { enabled: "yes" } } }',
      /must be true or false/,
    ],
    [
      'a hook the emulator lacks',
      'selfservice: { flows: { registration: { after: { password: { hooks: [ { hook: web_hook } ] } } } } }',
      /names the hook "web_hook"/,
    ],
    [
      'an unreadable schema',
      'identity: { schemas: [ { id: default, url: "file:///no/such/schema.json" } ] }',
      /cannot be read/,
    ],
    [
      'a schema without traits',
      `identity: { schemas: [ { id: default, url: "base64://${Buffer.from('{}').toString('base64')}" } ] }`,
      /unusable: .*properties\.traits/,
    ],
    [
      'an http schema URL',
      'identity: { schemas: [ { id: default, url: "https://example.org/s.json" } ] }',
      /not supported/,
    ],
  ])('refuses %s with a clear error naming the file', (_what, yaml, message) => {
    const path = file(yaml);
    expect(() => readKratosConfig(path)).toThrow(EmulatorConfigError);
    expect(() => readKratosConfig(path)).toThrow(message);
    expect(() => readKratosConfig(path)).toThrow(path);
  });

  it('refuses a file that does not exist', () => {
    expect(() => readKratosConfig(join(dir, 'missing.yml'))).toThrow(/cannot be read/);
  });

  it("parses Go durations (Kratos's syntax) and nothing else", () => {
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('1.5h')).toBeUndefined();
    expect(parseDuration('10')).toBeUndefined();
  });
});

describe('start({ configFile })', () => {
  it('serves by the file (one-step registration, passwordless code) and names ignored keys once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const configFile = file(`
selfservice:
  flows:
    registration: { enable_legacy_one_step: true }
    login: { style: identifier_first }
  methods:
    code: { passwordless_enabled: true }
`);
    const emulator = await startTestEmulator({ configFile });
    try {
      expect(warn.mock.calls).toEqual([
        [expect.stringContaining('not implemented by the emulator: selfservice.flows.login.style')],
      ]);
      const registration = await call('GET', `${emulator.url}/self-service/registration/api`);
      expect(nodeNamed(registration.body, 'password')).toBeDefined();
      const login = await call('GET', `${emulator.url}/self-service/login/api`);
      expect(
        login.body.ui.nodes.map((n: { attributes: { value?: unknown } }) => n.attributes.value),
      ).toContain('code');
      // Explicit `config` wins over the file.
      expect(emulator.config.codePasswordless).toBe(true);
    } finally {
      warn.mockRestore();
      await emulator.stop();
    }
    const overridden = await startTestEmulator({ configFile, config: { registrationOneStep: false } });
    try {
      const registration = await call('GET', `${overridden.url}/self-service/registration/api`);
      expect(nodeNamed(registration.body, 'password')).toBeUndefined();
    } finally {
      await overridden.stop();
    }
  });

  it("offers what the file says and Kratos's defaults for the rest, never the demo's", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const configFile = file(
      'selfservice: { methods: { password: { config: { haveibeenpwned_enabled: false } } } }',
    );
    const fromFile = await startTestEmulator({ configFile });
    const demo = await startTestEmulator();
    try {
      const groups = async (url: string, kind: string, token?: string) => {
        const answer = await call('GET', `${url}/self-service/${kind}/api`, {
          headers: token ? { 'X-Session-Token': token } : {},
        });
        return [...new Set(answer.body.ui.nodes.map((n: { group: string }) => n.group))];
      };
      // No social sign-in (the demo's "Example IdP" is not there), and sign-up issues no session (no hook).
      expect(await groups(fromFile.url, 'login')).toEqual(['default', 'password']);
      expect(await groups(demo.url, 'login')).toEqual(['oidc', 'default', 'password']);
      const registered = await register(fromFile.url, 'kratos-defaults@example.org');
      expect(registered.token).toBeUndefined();
      expect(registered.body.continue_with).toBeNull();
      // Recovery and verification are off; settings offer neither TOTP nor backup codes.
      expect((await call('GET', `${fromFile.url}/self-service/recovery/api`)).status).toBe(400);
      expect((await call('GET', `${fromFile.url}/self-service/verification/api`)).status).toBe(400);
      const signedIn = await login(fromFile.url, 'kratos-defaults@example.org');
      expect(await groups(fromFile.url, 'settings', signedIn.body.session_token)).toEqual([
        'default',
        'profile',
        'password',
      ]);
      expect(await groups(demo.url, 'settings', (await register(demo.url)).token)).toEqual(
        expect.arrayContaining(['totp', 'lookup_secret']),
      );
    } finally {
      warn.mockRestore();
      await Promise.all([fromFile.stop(), demo.stop()]);
    }
  });

  it('does not start with a malformed file', async () => {
    await expect(startTestEmulator({ configFile: file('session: [') })).rejects.toThrow(EmulatorConfigError);
  });
});
