/**
 * Starts a real Ory Kratos (v26.2.0, the primary real server, or v1.3.1, both built by scripts/build-kratos.sh)
 * for a test, the real counterpart of test/support/emulator.ts:
 *
 *   const kratos = await startRealKratos({ passwordless: true });
 *   afterAll(() => kratos.stop());
 *
 * Each start gets a temp dir with a fresh SQLite database (migrated once per process with
 * `kratos migrate sql -e --yes`, then copied), free ports on 127.0.0.1, the configuration of
 * test/kratos/kratos.yml (the emulator's defaults) plus the test's options, and waits for /health/ready.
 *
 * The public API is reached through a small recording proxy: `url` is the proxy, and Kratos's own
 * `serve.public.base_url` points at it, so every URL Kratos writes (flow actions, redirects) leads back
 * through it. The proxy counts requests carrying a Cookie or Origin header (a native client never sends
 * either) and reports every exchange, like the emulator's `onExchange`. The one legitimate browser in these
 * suites, the system browser of a social sign-in (test/support/system-browser.ts), identifies itself with
 * `systemBrowserUserAgent`: its requests are counted apart and may carry cookies (the IdP on the same host
 * sets some, and the browser sends them to every port of 127.0.0.1). `stop()` throws if Kratos crashed
 * while the test ran or if any request carried Cookie/Origin, so those checks come for free, as with the
 * emulator helper.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Exchange } from '../../emulator/index';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The Kratos releases the suites run on, the primary one first (scripts/build-kratos.sh builds both). */
export const kratosVersions = ['v26.2.0', 'v1.3.1'] as const;
export type KratosVersion = (typeof kratosVersions)[number];

/**
 * The version a suite runs against when it does not say: `KRATOS_VERSION` (scripts/test-kratos.sh sets it per
 * run), else v26.2.0. The parity suite takes its list of differences from it.
 */
export function defaultKratosVersion(env: NodeJS.ProcessEnv = process.env): KratosVersion {
  const asked = env['KRATOS_VERSION'];
  if (asked === undefined || asked === '') return kratosVersions[0];
  const known = kratosVersions.find((version) => version === asked);
  if (!known) throw new Error(`KRATOS_VERSION=${asked}: the suites know ${kratosVersions.join(' and ')}`);
  return known;
}

/**
 * The binary of `version`: where scripts/build-kratos.sh puts it (`KRATOS_CACHE`, else .cache/real-kratos),
 * or `KRATOS_BIN` (any Kratos binary: the suites then run on it, compared with `version`'s list of
 * differences).
 */
function realKratosBinary(
  version: KratosVersion = defaultKratosVersion(),
  env: NodeJS.ProcessEnv = process.env,
): string {
  const cache = env['KRATOS_CACHE'] || path.join(repoRoot, '.cache/real-kratos');
  return env['KRATOS_BIN'] || path.join(path.resolve(cache), version, 'kratos');
}
/** The shared configuration of both servers (the emulator's defaults, in Kratos's own YAML). */
const realKratosConfigFile = path.join(repoRoot, 'test/kratos/kratos.yml');
/** The emulator's identity schema: both servers read the same one. */
export const identitySchemaFile = path.join(repoRoot, 'emulator/identity.schema.json');

/** The User-Agent of the tests' system browser: the only client of Kratos here that may send cookies. */
export const systemBrowserUserAgent = 'kratos-desktop-tests system-browser';

const READY_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 10_000;
const MIGRATE_DEADLINE_MS = 60_000;

export interface OidcProvider {
  /** Kratos's provider id (the `provider` value a client submits). */
  id: string;
  /** The name Kratos shows ("Sign in with …", and 1010016's provider); Kratos falls back to `generic`. */
  label?: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Jsonnet claims → traits mapper; default maps the `email` claim to `traits.email`. */
  mapperJsonnet?: string;
  scope?: string[];
}

export interface RealKratosOptions {
  /** Which release to start (default: defaultKratosVersion()). */
  version?: KratosVersion;
  /** `session.lifespan`, e.g. '10s' (Kratos duration syntax). */
  sessionLifespan?: string;
  /** `selfservice.flows.<login|registration|settings|recovery|verification>.lifespan`. */
  flowLifespan?: string;
  /** `selfservice.flows.settings.privileged_session_max_age`. */
  privilegedSessionMaxAge?: string;
  /**
   * Passwordless sign-in with a one-time email code: `selfservice.methods.code.passwordless_enabled`, and the
   * schema's password identifier also becomes the code identifier (`credentials.code`, via email).
   */
  passwordless?: boolean;
  /** Registration in one step (`enable_legacy_one_step`); Kratos ≥ 1.3 registers in two steps by default. */
  legacyOneStepRegistration?: boolean;
  /** `selfservice.methods.oidc` providers (enables the method and the session hook after oidc registration). */
  oidcProviders?: OidcProvider[];
  /** `selfservice.allowed_return_urls`. */
  allowedReturnUrls?: string[];
  /**
   * The passkey method (Kratos ≥ v26.2 offers it in API flows): `rp.id: localhost`, these `rp.origins` (the
   * passkey page's, test/support/passkey-page.ts), and the session hook after a passkey sign-up.
   */
  passkeyOrigins?: string[];
  /** Any other key, deep-merged last over the YAML (objects merge; arrays and scalars replace). */
  config?: Record<string, unknown>;
  /** The YAML the options go over (default test/kratos/kratos.yml, the emulator's demo as Kratos reads it). */
  baseConfigFile?: string;
  /** Restart on existing data: the directory of an earlier start (`RealKratos.dataDir`), kept by its stop. */
  dataDir?: string;
  /** Public port of the proxy (default: a free one); with `dataDir`, the same address as before. */
  port?: number;
  /** Called after every public-API exchange (through the proxy). */
  onExchange?: (exchange: Exchange) => void;
}

/** A message Kratos would have sent (GET /admin/courier/messages). */
export interface CourierMessage {
  id: string;
  recipient: string;
  /** e.g. recovery_code_valid, verification_code_valid, login_code_valid, registration_code_valid. */
  template_type: string;
  subject: string;
  body: string;
  created_at: string;
}

export interface RealKratos {
  /** Public base URL (the recording proxy), e.g. http://127.0.0.1:41234, no trailing slash. */
  url: string;
  /** Admin base URL, no trailing slash. */
  adminUrl: string;
  /** The composed configuration file this Kratos runs with. */
  configFile: string;
  /** The directory holding the SQLite database (pass as `dataDir` to start again on the same data). */
  dataDir: string;
  /** `cookieOrOriginRequests` counts the app's and the tests' requests, never the system browser's. */
  stats: { requests: number; cookieOrOriginRequests: number; browserRequests: number };
  /** Stops Kratos and the proxy; throws if Kratos crashed meanwhile or a request carried Cookie/Origin. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Messages to `recipient`, newest first. */
  courierMessages(recipient: string): Promise<CourierMessage[]>;
  /** The code in the newest message of `templateType` to `recipient` (throws when there is none). */
  latestCode(recipient: string, templateType: string): Promise<string>;
  /** Is the session with this id active (admin API)? */
  sessionIsActive(id: string): Promise<boolean>;
  /** The last lines Kratos logged (for failure messages). */
  logTail(): string;
  /** Kratos's process id (tests of this helper kill it to prove a crash is reported). */
  pid: number;
}

// ---------------------------------------------------------------------------------------------------------

export function realKratosIsBuilt(version: KratosVersion = defaultKratosVersion()): boolean {
  return existsSync(realKratosBinary(version));
}

function requireBinary(version: KratosVersion): string {
  const binary = realKratosBinary(version);
  if (!existsSync(binary)) {
    throw new Error(
      `real Kratos ${version} is not built (${binary} is missing): run \`bash scripts/build-kratos.sh ${version}\` ` +
        '(needs Go), or `npm run test:kratos`, which builds it first',
    );
  }
  return binary;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Objects merge key by key; arrays and scalars replace. Never walks into `__proto__`. */
export function deepMerge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

const FLOWS = ['login', 'registration', 'settings', 'recovery', 'verification'] as const;
const DEFAULT_MAPPER =
  "local claims = std.extVar('claims'); { identity: { traits: { email: claims.email } } }";

/** The YAML's keys for the options (pure: unit-tested without a Kratos). */
export function optionsPatch(options: RealKratosOptions): Json {
  let patch: Json = {};
  const add = (more: Json) => (patch = deepMerge(patch, more));
  if (options.sessionLifespan) add({ session: { lifespan: options.sessionLifespan } });
  if (options.flowLifespan) {
    const flows: Json = {};
    for (const flow of FLOWS) flows[flow] = { lifespan: options.flowLifespan };
    add({ selfservice: { flows } });
  }
  if (options.privilegedSessionMaxAge) {
    add({
      selfservice: { flows: { settings: { privileged_session_max_age: options.privilegedSessionMaxAge } } },
    });
  }
  if (options.passwordless) add({ selfservice: { methods: { code: { passwordless_enabled: true } } } });
  if (options.legacyOneStepRegistration) {
    add({ selfservice: { flows: { registration: { enable_legacy_one_step: true } } } });
  }
  if (options.oidcProviders?.length) {
    add({
      selfservice: {
        methods: {
          oidc: {
            enabled: true,
            config: {
              providers: options.oidcProviders.map((p) => ({
                id: p.id,
                ...(p.label === undefined ? {} : { label: p.label }),
                provider: 'generic',
                client_id: p.clientId,
                client_secret: p.clientSecret,
                issuer_url: p.issuerUrl,
                mapper_url: `base64://${Buffer.from(p.mapperJsonnet ?? DEFAULT_MAPPER).toString('base64')}`,
                scope: p.scope ?? ['openid', 'email'],
              })),
            },
          },
        },
        flows: { registration: { after: { oidc: { hooks: [{ hook: 'session' }] } } } },
      },
    });
  }
  if (options.allowedReturnUrls) add({ selfservice: { allowed_return_urls: options.allowedReturnUrls } });
  if (options.passkeyOrigins) {
    add({
      selfservice: {
        methods: {
          passkey: {
            enabled: true,
            config: {
              rp: { display_name: 'Kratos Desktop', id: 'localhost', origins: options.passkeyOrigins },
            },
          },
        },
        flows: { registration: { after: { passkey: { hooks: [{ hook: 'session' }] } } } },
      },
    });
  }
  if (options.config) add(options.config);
  return patch;
}

/** The emulator's schema; with `passwordless`, every password identifier is also the email code identifier. */
export function identitySchema(schema: Json, passwordless: boolean): Json {
  if (!passwordless) return schema;
  const copy = structuredClone(schema);
  const traits = (copy['properties'] as Json | undefined)?.['traits'] as Json | undefined;
  for (const trait of Object.values((traits?.['properties'] as Json | undefined) ?? {})) {
    const kratos = isObject(trait) ? (trait['ory.sh/kratos'] as Json | undefined) : undefined;
    const credentials = kratos?.['credentials'] as Json | undefined;
    if (isObject(credentials) && isObject(credentials['password'])) {
      credentials['code'] = { identifier: true, via: 'email' };
    }
  }
  return copy;
}

/** The complete configuration of one run: the shared YAML, this run's addresses and schema, the options. */
export async function composeConfig(
  options: RealKratosOptions,
  run: { publicUrl: string; publicPort: number; adminPort: number; schemaFile: string },
): Promise<Json> {
  const base = parse(await readFile(options.baseConfigFile ?? realKratosConfigFile, 'utf8')) as Json;
  const withRun = deepMerge(base, {
    serve: {
      public: { base_url: `${run.publicUrl}/`, host: '127.0.0.1', port: run.publicPort },
      admin: { base_url: `http://127.0.0.1:${run.adminPort}/`, host: '127.0.0.1', port: run.adminPort },
    },
    identity: { schemas: [{ id: 'default', url: `file://${run.schemaFile}` }] },
  });
  return deepMerge(withRun, optionsPatch(options));
}

// ---------------------------------------------------------------------------------------------------------

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Kratos reads configuration from environment variables too: give it only what it needs. */
function kratosEnv(dsn: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'] ?? tmpdir(), DSN: dsn };
}

const sqliteDsn = (dir: string) => `sqlite://${path.join(dir, 'db.sqlite')}?_fk=true&mode=rwc`;

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs Kratos to completion (migrations): resolves with its output, rejects with it on failure/deadline. */
function runToEnd(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  deadlineMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kratos ${args.join(' ')}: no end within ${deadlineMs} ms\n${output}`));
    }, deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`kratos ${args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}

/**
 * A migrated empty database, made once per binary and test process and copied for every start (migrating
 * takes ~1 s; each release has its own schema).
 */
const templates = new Map<string, Promise<string>>();
function migratedTemplate(binary: string, configFile: string): Promise<string> {
  let template = templates.get(binary);
  template ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kd-kratos-template-'));
    process.once('exit', () => void rm(dir, { recursive: true, force: true }));
    await runToEnd(
      binary,
      ['migrate', 'sql', '-e', '--yes', '-c', configFile],
      kratosEnv(sqliteDsn(dir)),
      MIGRATE_DEADLINE_MS,
    );
    return dir;
  })();
  templates.set(binary, template);
  return template;
}

async function copyDatabase(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) {
    if (name.startsWith('db.sqlite')) await copyFile(path.join(from, name), path.join(to, name));
  }
}

async function waitUntilReady(url: string, exited: () => Exited | undefined, logTail: () => string) {
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    const gone = exited();
    if (gone) throw new Error(`real Kratos exited while starting (${describeExit(gone)}):\n${logTail()}`);
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`real Kratos was not ready within ${READY_DEADLINE_MS} ms:\n${logTail()}`);
}

const describeExit = (exited: Exited) =>
  exited.signal ? `signal ${exited.signal}` : `exit code ${String(exited.code)}`;

const hasCookieOrOrigin = (headers: IncomingHttpHeaders) =>
  headers.cookie !== undefined || headers.origin !== undefined;
const isSystemBrowser = (headers: IncomingHttpHeaders) => headers['user-agent'] === systemBrowserUserAgent;

/** The public face: forwards to Kratos, counts Cookie/Origin requests, reports exchanges. */
function recordingProxy(
  upstreamPort: number,
  stats: RealKratos['stats'],
  onExchange: RealKratosOptions['onExchange'],
): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      stats.requests++;
      if (isSystemBrowser(req.headers)) stats.browserRequests++;
      else if (hasCookieOrOrigin(req.headers)) stats.cookieOrOriginRequests++;
      const upstream = request(
        { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const payload = Buffer.concat(body);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(payload);
            onExchange?.({
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              requestHeaders: { ...req.headers },
              status: answer.statusCode ?? 502,
              responseHeaders: Object.fromEntries(
                Object.entries(answer.headers).map(([k, v]) => [
                  k,
                  Array.isArray(v) ? v.join(', ') : (v ?? ''),
                ]),
              ),
              body: parseJson(payload),
            });
          });
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
}

function parseJson(payload: Buffer): unknown {
  if (payload.length === 0) return undefined;
  try {
    return JSON.parse(payload.toString('utf8')) as unknown;
  } catch {
    return payload.toString('utf8');
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Data directories this process made; whatever `stop({ keepData })` kept goes when the process ends. */
const madeDataDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of madeDataDirs) rmSync(dir, { recursive: true, force: true });
});

export async function startRealKratos(options: RealKratosOptions = {}): Promise<RealKratos> {
  const binary = requireBinary(options.version ?? defaultKratosVersion());
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'kd-kratos-')));
  if (!options.dataDir) madeDataDirs.add(dataDir);
  const runDir = await mkdtemp(path.join(tmpdir(), 'kd-kratos-run-'));
  const stats = { requests: 0, cookieOrOriginRequests: 0, browserRequests: 0 };
  const [kratosPort, adminPort] = [await freePort(), await freePort()];

  const proxy = recordingProxy(kratosPort, stats, options.onExchange);
  const publicPort = await listen(proxy, options.port ?? 0);
  const url = `http://127.0.0.1:${publicPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;

  const schemaFile = path.join(runDir, 'identity.schema.json');
  const schema = JSON.parse(await readFile(identitySchemaFile, 'utf8')) as Json;
  await writeFile(schemaFile, JSON.stringify(identitySchema(schema, options.passwordless ?? false), null, 2));
  const config = await composeConfig(options, {
    publicUrl: url,
    publicPort: kratosPort,
    adminPort,
    schemaFile,
  });
  // Kratos listens on kratosPort, but every URL it writes names the proxy (serve.public.base_url).
  const configFile = path.join(runDir, 'kratos.yml');
  await writeFile(configFile, stringify(config));

  if (!existsSync(path.join(dataDir, 'db.sqlite'))) {
    await mkdir(dataDir, { recursive: true });
    await copyDatabase(await migratedTemplate(binary, configFile), dataDir);
  }

  const log: string[] = [];
  const logTail = () => log.slice(-40).join('');
  let exited: Exited | undefined;
  let stopping = false;
  const child: ChildProcess = spawn(
    binary,
    ['serve', '-c', configFile, '--dev', '--watch-courier=false', '--sqa-opt-out'],
    { env: kratosEnv(sqliteDsn(dataDir)), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exitedPromise = new Promise<Exited>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 400) log.splice(0, 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const cleanup = async (keepData: boolean) => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
      await exitedPromise;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      proxy.closeAllConnections();
    });
    await rm(runDir, { recursive: true, force: true });
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(`http://127.0.0.1:${kratosPort}`, () => exited, logTail);
  } catch (error) {
    await cleanup(options.dataDir !== undefined);
    throw error;
  }

  const admin = async (pathAndQuery: string): Promise<Response> =>
    fetch(`${adminUrl}${pathAndQuery}`, { signal: AbortSignal.timeout(10_000) });

  const courierMessages = async (recipient: string): Promise<CourierMessage[]> => {
    const response = await admin(`/admin/courier/messages?recipient=${encodeURIComponent(recipient)}`);
    if (!response.ok) throw new Error(`GET /admin/courier/messages: ${response.status}`);
    return (await response.json()) as CourierMessage[];
  };

  return {
    url,
    adminUrl,
    configFile,
    dataDir,
    stats,
    logTail,
    pid: child.pid ?? -1,
    courierMessages,
    async latestCode(recipient, templateType) {
      const message = (await courierMessages(recipient)).find((m) => m.template_type === templateType);
      const code = message?.body.match(/\b(\d{6})\b/)?.[1];
      if (!code) throw new Error(`no ${templateType} message with a code to ${recipient}`);
      return code;
    },
    async sessionIsActive(id) {
      const response = await admin(`/admin/sessions/${encodeURIComponent(id)}`);
      if (response.status === 404) return false;
      if (!response.ok) throw new Error(`GET /admin/sessions/${id}: ${response.status}`);
      return ((await response.json()) as { active?: boolean }).active === true;
    },
    async stop({ keepData = false } = {}) {
      if (stopping) return;
      stopping = true;
      const crashed = exited;
      await cleanup(keepData || options.dataDir !== undefined);
      const problems: string[] = [];
      if (crashed)
        problems.push(`Kratos exited while the test ran (${describeExit(crashed)}):\n${logTail()}`);
      if (stats.cookieOrOriginRequests > 0) {
        problems.push(`${stats.cookieOrOriginRequests} request(s) carried a Cookie or Origin header`);
      }
      if (problems.length > 0) throw new Error(`real Kratos check failed:\n- ${problems.join('\n- ')}`);
    },
  };
}

/**
 * The default binary's own version (`kratos version`) and whether it offers passkeys in API flows (they came
 * with v26.2.0): the passkey suites skip, saying which Kratos they found, where it offers none.
 */
export function realKratosPasskeys(): { version: string; native: boolean } {
  if (!realKratosIsBuilt()) return { version: 'not built', native: false };
  const output = execFileSync(realKratosBinary(), ['version'], { encoding: 'utf8' });
  const version = /Version:\s*(\S+)/.exec(output)?.[1] ?? 'unknown';
  return { version, native: /^v(2[6-9]|[3-9]\d)\./.test(version) };
}
