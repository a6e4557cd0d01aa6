import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../emulator/config';
import { parseDuration } from '../../emulator/config-file';
import { EmulatorConfigError, readKratosConfig } from '../../emulator/index';
import { resolveConfig } from '../../emulator/config';
import { startTestEmulator } from '../support/emulator';
import { call, nodeNamed } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'kratos-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemaFile = resolve('emulator/identity.schema.json');
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
    // Only what the file deliberately sets apart from Kratos's own defaults differs.
    expect(resolveConfig(read.config)).toEqual({
      ...defaultConfig,
      bcryptCost: 4,
      codeLifespanMs: 15 * 60_000,
      defaultBrowserReturnUrl: 'http://127.0.0.1/',
      // A real Kratos has social sign-in only with an identity provider to talk to (the suites that need one
      // add it); the emulator brings its own.
      methods: { ...defaultConfig.methods, oidc: false },
      identitySchema: JSON.parse(readFileSync(schemaFile, 'utf8')),
    });
  });

  it('reads the require_verified_address login hook, after password sign-ins or after every sign-in', () => {
    for (const where of ['password: { hooks', 'hooks']) {
      const yaml = `selfservice: { flows: { login: { after: { ${where}: [ { hook: require_verified_address } ] }${where === 'hooks' ? '' : ' }'} } } }`;
      const read = readKratosConfig(file(yaml));
      expect(read.notImplemented).toEqual([]);
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
    expect(read.notImplemented).toEqual([]);
    const config = resolveConfig(read.config);
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
    expect(read.notImplemented).toEqual([]);
    expect(resolveConfig(read.config)).toEqual({
      ...defaultConfig,
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
    ]);
    expect(read.notApplicable).toEqual(['serve']);
    // `enabled: false` is honoured (400 on creating such a flow, like Kratos), not listed.
    expect(read.config.flowsEnabled).toEqual({ recovery: false });
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

  it('does not start with a malformed file', async () => {
    await expect(startTestEmulator({ configFile: file('session: [') })).rejects.toThrow(EmulatorConfigError);
  });
});
