/**
 * The two servers of the parity suite behind one shape: the emulator (in process) and a real Kratos, started
 * with the same configuration, and each one's mailbox (the emulator's outbox, Kratos's courier).
 *
 * "Same configuration" is literal: both read the YAML file composed from test/kratos/kratos.yml and the
 * scenario's options (real Kratos with its run's ports added; the emulator ignores those, and says so).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { start } from '../../emulator/index';
import {
  composeConfig,
  identitySchema,
  identitySchemaFile,
  startRealKratos,
  type RealKratosOptions,
} from '../support/real-kratos';

export type ServerName = 'emulator' | 'kratos';
export type CodeKind = 'recovery' | 'verification' | 'login';

export interface ParityServer {
  name: ServerName;
  url: string;
  /** The newest code of `kind` sent to `to`. */
  code(to: string, kind: CodeKind): Promise<string>;
  /**
   * Stops the server. The script sends Cookie/Origin on purpose: exactly `cookieOrOriginRequests` requests
   * may carry one (the helpers' own stop() fails on any); every other check of the helpers still applies.
   */
  stop(cookieOrOriginRequests: number): Promise<void>;
}

/** The scenario's options: the subset of real-Kratos options the emulator implements today. */
export type ScenarioOptions = Pick<RealKratosOptions, 'privilegedSessionMaxAge' | 'passwordless' | 'config'>;

/** The configuration file real Kratos would run for `options`, written to `dir` (with its identity schema). */
async function kratosConfigFile(options: ScenarioOptions, dir: string): Promise<string> {
  const schema = JSON.parse(await readFile(identitySchemaFile, 'utf8')) as Record<string, unknown>;
  const schemaFile = path.join(dir, 'identity.schema.json');
  await writeFile(schemaFile, JSON.stringify(identitySchema(schema, options.passwordless ?? false)));
  // The run's addresses are real Kratos's own; the emulator ignores `serve` (it listens where it is told).
  const config = await composeConfig(options, {
    publicUrl: 'http://127.0.0.1:4433',
    publicPort: 4433,
    adminPort: 4434,
    schemaFile,
  });
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
  const emulator = await start({ port: 0, configFile: await kratosConfigFile(options, dir) }).catch(
    async (error: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw error;
    },
  );
  return {
    name: 'emulator',
    url: emulator.url,
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

const KRATOS_TEMPLATES: Record<CodeKind, string> = {
  recovery: 'recovery_code_valid',
  verification: 'verification_code_valid',
  login: 'login_code_valid',
};

export async function startKratosServer(options: ScenarioOptions): Promise<ParityServer> {
  const kratos = await startRealKratos(options);
  return {
    name: 'kratos',
    url: kratos.url,
    code: (to, kind) => kratos.latestCode(to, KRATOS_TEMPLATES[kind]),
    stop: (expected) => stopExpecting(kratos, expected),
  };
}
