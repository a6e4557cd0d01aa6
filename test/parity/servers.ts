/**
 * The two servers of the parity suite behind one shape: the emulator (in process) and a real Kratos, started
 * with the same configuration, and each one's mailbox (the emulator's outbox, Kratos's courier).
 *
 * "Same configuration" is literal: both read the YAML file composed from test/kratos/kratos.yml and the
 * scenario's options (real Kratos with its run's ports added; the emulator ignores those, and says so).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { stringify } from 'yaml';
import { start } from '../../emulator/index';
import {
  composeConfig,
  freePort,
  identitySchema,
  identitySchemaFile,
  startRealKratos,
  type RealKratosOptions,
} from '../support/real-kratos';
import { EXAMPLE_IDP_PASSWORD } from '../support/example-idp';
import { launchSystemBrowser } from '../support/system-browser';
import { oidcCallbackUrl, startTestIdp, testProviderId, testProviderLabel } from '../support/test-idp';

type ServerName = 'emulator' | 'kratos';
type CodeKind = 'recovery' | 'verification' | 'login';

export interface ParityServer {
  name: ServerName;
  url: string;
  /** The newest code of `kind` sent to `to`. */
  code(to: string, kind: CodeKind): Promise<string>;
  /** The identity provider of a scenario with `social` (the emulator's Example IdP, or a real one). */
  idp?: ParityIdp;
  /**
   * Stops the server. The script sends Cookie/Origin on purpose: exactly `cookieOrOriginRequests` requests
   * may carry one (the helpers' own stop() fails on any); every other check of the helpers still applies.
   */
  stop(cookieOrOriginRequests: number): Promise<void>;
}

/**
 * The person's side of a social sign-in, the same for both servers: opens the provider's page (Kratos's
 * `redirect_browser_to`), signs in there as `email` and consents, or denies, and resolves with the
 * `kratos-desktop://` link the browser is sent to at the end.
 */
interface ParityIdp {
  signIn(url: string, email: string, consent: 'grant' | 'deny'): Promise<string>;
}

/** The scenario's options: the subset of real-Kratos options the emulator implements today. */
export type ScenarioOptions = Pick<
  RealKratosOptions,
  'privilegedSessionMaxAge' | 'passwordless' | 'config' | 'baseConfigFile'
> & {
  /** The `oidc` method with one provider (`example`, "Example IdP") and the session hook after it. */
  social?: boolean;
  /**
   * The emulator as `npm run emulator -- --config <file>` runs it (emulator/cli.ts, a supervisor and its
   * child process), not in process: the path a person takes to point the emulator at their Kratos file.
   */
  cli?: boolean;
};

/**
 * The emulator's provider entry: the emulator reads only `id` and `label` (its demo pages serve every
 * provider), the rest is what the YAML needs to be valid for real Kratos too.
 */
const EMULATED_PROVIDER = {
  id: testProviderId,
  label: testProviderLabel,
  issuerUrl: 'http://127.0.0.1:1',
  clientId: 'unused-by-the-emulator',
  clientSecret: 'unused-by-the-emulator',
};

/** The configuration file real Kratos would run for `options`, written to `dir` (with its identity schema). */
async function kratosConfigFile(options: ScenarioOptions, dir: string): Promise<string> {
  const schema = JSON.parse(await readFile(identitySchemaFile, 'utf8')) as Record<string, unknown>;
  const schemaFile = path.join(dir, 'identity.schema.json');
  await writeFile(schemaFile, JSON.stringify(identitySchema(schema, options.passwordless ?? false)));
  // The run's addresses are real Kratos's own; the emulator ignores `serve` (it listens where it is told).
  const oidcProviders = options.social ? [EMULATED_PROVIDER] : undefined;
  const config = await composeConfig(
    { ...options, oidcProviders },
    {
      publicUrl: 'http://127.0.0.1:4433',
      publicPort: 4433,
      adminPort: 4434,
      schemaFile,
    },
  );
  const file = path.join(dir, 'kratos.yml');
  await writeFile(file, stringify(config));
  return file;
}

async function stopExpecting(
  server: { stats: { cookieOrOriginRequests: number }; stop(): Promise<void> },
  expected: number,
): Promise<void> {
  const seen = server.stats.cookieOrOriginRequests;
  server.stats.cookieOrOriginRequests -= expected;
  await server.stop();
  if (seen !== expected)
    throw new Error(`${seen} request(s) carried Cookie/Origin; the script sent ${expected}`);
}

const EMULATOR_TEMPLATES: Record<CodeKind, string> = {
  recovery: 'recovery_code',
  verification: 'verification_code',
  login: 'login_code',
};

export async function startEmulatorServer(options: ScenarioOptions): Promise<ParityServer> {
  // Not startTestEmulator: its OpenAPI check is the emulator suites' job, and the script sends requests a
  // client never should (PATCH on a session, a flow id the server never gave) to compare the refusals.
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-parity-emulator-'));
  if (options.cli) return startCliEmulatorServer(await kratosConfigFile(options, dir), dir);
  const emulator = await start({ port: 0, configFile: await kratosConfigFile(options, dir) }).catch(
    async (error: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw error;
    },
  );
  return {
    name: 'emulator',
    url: emulator.url,
    ...(options.social ? { idp: exampleIdp(emulator.url) } : {}),
    async code(to, kind) {
      const mail = emulator
        .outbox()
        .filter((m) => m.to === to && (m.template as string) === EMULATOR_TEMPLATES[kind])
        .at(-1);
      if (!mail) throw new Error(`the emulator sent no ${kind} code to ${to}`);
      return mail.code;
    },
    stop: async (expected) => {
      try {
        await stopExpecting(emulator, expected);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The subject line of each kind of code in the emulator's terminal output (emulator/outbox.ts). */
const EMULATOR_SUBJECTS: Record<CodeKind, string> = {
  recovery: 'Recover access to your account',
  verification: 'Please verify your email address',
  login: 'Login to your account',
};
const CLI_DEADLINE_MS = 20_000;

/**
 * `npm run emulator -- --config <file>` (emulator/cli.ts through tsx, on a free port, data in `dir`): its URL
 * and the codes it prints (`[mail to <address>] <subject>: <code>`) come from its terminal output. It cannot
 * count Cookie/Origin headers from outside, so a scenario played this way sends none (stop checks that).
 */
async function startCliEmulatorServer(configFile: string, dir: string): Promise<ParityServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data-dir', dir, '--config', configFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the emulator did not start: ${output}`)),
      CLI_DEADLINE_MS,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}: ${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    name: 'emulator',
    url,
    async code(to, kind) {
      // The supervisor prints a mail when the child reports it, which may be just after the answer arrived
      // here (another pipe): give the newest one time to arrive before taking it, then wait for a first one.
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const deadline = Date.now() + 5_000; ; await new Promise((r) => setTimeout(r, 20))) {
        const mail = [...output.matchAll(/^\[mail to (\S+)\] (.+): (\S+)$/gm)]
          .filter(([, address, subject]) => address === to && subject === EMULATOR_SUBJECTS[kind])
          .at(-1);
        if (mail) return mail[3]!;
        if (Date.now() > deadline) throw new Error(`the emulator printed no ${kind} code for ${to}`);
      }
    },
    stop: async (expected) => {
      try {
        child.kill('SIGTERM');
        await exited;
        if (child.exitCode !== 0) throw new Error(`the emulator stopped with ${child.exitCode}: ${output}`);
        if (expected !== 0)
          throw new Error('a scenario played on the emulator through its CLI may send no Cookie/Origin');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

const KRATOS_TEMPLATES: Record<CodeKind, string> = {
  recovery: 'recovery_code_valid',
  verification: 'verification_code_valid',
  login: 'login_code_valid',
};

export async function startKratosServer(options: ScenarioOptions): Promise<ParityServer> {
  if (options.social) return startKratosWithIdpServer(options);
  const kratos = await startRealKratos(options);
  return {
    name: 'kratos',
    url: kratos.url,
    code: (to, kind) => kratos.latestCode(to, KRATOS_TEMPLATES[kind]),
    stop: (expected) => stopExpecting(kratos, expected),
  };
}

/**
 * Real Kratos with a real OpenID Provider (test/support/test-idp.ts), and Chromium as the person's browser
 * (test/support/system-browser.ts) at the provider's development pages, as in test/kratos/social.test.ts.
 */
async function startKratosWithIdpServer(options: ScenarioOptions): Promise<ParityServer> {
  const port = await freePort();
  const idp = await startTestIdp({ redirectUris: [oidcCallbackUrl(`http://127.0.0.1:${port}`)] });
  const browser = await launchSystemBrowser().catch(async (error: unknown) => {
    await idp.stop();
    throw error;
  });
  const kratos = await startRealKratos({ ...options, port, oidcProviders: [idp.kratosProvider] }).catch(
    async (error: unknown) => {
      await Promise.all([browser.close(), idp.stop()]);
      throw error;
    },
  );
  return {
    name: 'kratos',
    url: kratos.url,
    idp: {
      async signIn(url, email, consent) {
        // A fresh browser each time: the provider asks for the sign-in and the consent, as on the emulator.
        await browser.reset();
        await browser.openExternal(url);
        return browser.signInAtIdp(email, consent);
      },
    },
    code: (to, kind) => kratos.latestCode(to, KRATOS_TEMPLATES[kind]),
    stop: async (expected) => {
      try {
        await stopExpecting(kratos, expected);
      } finally {
        await Promise.all([browser.close(), idp.stop()]);
      }
    },
  };
}

/**
 * The emulator's Example IdP (emulator/routes/example-idp.ts) driven over HTTP as its page's forms would be:
 * its page, the form post (an address, or "Deny"), and Kratos's callback, each redirect read by hand. No
 * browser: the page runs no script, and a browser's form post would carry an `Origin` header, which the
 * emulator's statistics count against the native client.
 */
function exampleIdp(emulatorUrl: string): ParityIdp {
  const redirectOf = async (url: string, init: Parameters<typeof request>[1] = {}) => {
    const answer = await request(url, init);
    await answer.body.dump();
    const location = answer.headers['location'];
    if (answer.statusCode !== 303 || typeof location !== 'string') {
      throw new Error(
        `Example IdP: ${init.method ?? 'GET'} ${url} answered ${answer.statusCode}, no redirect`,
      );
    }
    return new URL(location, emulatorUrl).href;
  };
  return {
    async signIn(url, email, consent) {
      const page = await request(url);
      await page.body.dump();
      if (page.statusCode !== 200) throw new Error(`Example IdP: its page answered ${page.statusCode}`);
      const target = new URL(url);
      const form = new URLSearchParams({ state: target.searchParams.get('state') ?? '' });
      if (consent === 'grant') {
        form.set('email', email);
        form.set('password', EXAMPLE_IDP_PASSWORD);
      } else form.set('decision', 'deny');
      const callback = await redirectOf(`${target.origin}${target.pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      return redirectOf(callback);
    },
  };
}
