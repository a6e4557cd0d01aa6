/**
 * The Kratos an e2e scenario runs against, chosen by the Playwright project (playwright.config.ts):
 * `e2e` runs every scenario on the emulator, `e2e-kratos` on a real Kratos v26.2.0 and `e2e-kratos-v1` (some
 * of them) on v1.3.1 (test/support/real-kratos.ts), with the same configuration. Scenarios talk to either through this one shape.
 *
 * Both stops fail the test on any request that carried a Cookie or Origin header (the emulator counts them
 * itself, real Kratos through its recording proxy); the emulator also checks every answer against Kratos's
 * OpenAPI spec (real Kratos is the authority, so nothing checks it against the spec).
 */
import { test } from '@playwright/test';
import type { EmulatorConfig, StartOptions } from '../../../emulator/index';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import {
  deepMerge,
  defaultKratosVersion,
  kratosVersions,
  startRealKratos,
  type KratosVersion,
  type RealKratos,
  type RealKratosOptions,
} from '../../support/real-kratos';

export type ServerKind = 'emulator' | 'kratos';

/** The server of the running test's project (`metadata.server`; the emulator by default). */
export function serverKind(): ServerKind {
  return test.info().project.metadata['server'] === 'kratos' ? 'kratos' : 'emulator';
}

/** The real Kratos release of the running test's project (`metadata.kratosVersion`), on real Kratos. */
function kratosVersion(): KratosVersion | undefined {
  const asked = test.info().project.metadata['kratosVersion'] as unknown;
  return kratosVersions.find((version) => version === asked);
}

/**
 * Marks a scenario the app does not yet pass on one real Kratos release, with the reason; Playwright reports
 * it as "fixme" there (never a silent pass), and it runs everywhere else.
 * @public Unused while every scenario passes everywhere; docs/testing.md tells test authors to use it.
 */
export function notYetOnKratos(version: KratosVersion, reason: string): void {
  test.fixme(kratosVersion() === version, `not yet on Kratos ${version}: ${reason}`);
}

/**
 * Marks a scenario that only the emulator can run, with the reason (e.g. it moves the emulator's manual
 * clock). On real Kratos it is reported as skipped with that reason — never a silent pass.
 * @public Unused while every scenario runs on both; docs/testing.md tells test authors to use it.
 */
export function emulatorOnly(reason: string): void {
  test.skip(serverKind() === 'kratos', `emulator only: ${reason}`);
}

export type CodeKind = 'recovery' | 'verification' | 'login';

export interface TestServer {
  kind: ServerKind;
  url: string;
  /**
   * The Kratos release whose answers the server gives where releases differ: the real Kratos's own, v26.2.0
   * for the emulator, which follows it (docs/emulator.md).
   */
  release: KratosVersion;
  /** The emulator itself (its clock, config, outbox); throws on real Kratos. */
  emulator: TestEmulator;
  sessionIsActive(id: string): Promise<boolean>;
  /** The codes mailed to `to` of `kind`, oldest first (the emulator's outbox, Kratos's courier). */
  mailedCodes(to: string, kind: CodeKind): Promise<string[]>;
  /** The server's "now" (the emulator's clock; the real time on Kratos). */
  now(): Date;
  /** Stops it and fails on a broken check; `keepData` lets `restart` find the same data. */
  stop(): Promise<void>;
  /** Back at the same address with the same data, after `stop()` (needs `dataDir` on the emulator). */
  restart(): Promise<TestServer>;
}

/** A scenario's server options: the emulator's, and for real Kratos the same configuration in its terms. */
export type ServerOptions = StartOptions & { kratos?: RealKratosOptions };

const EMULATOR_TEMPLATES: Record<CodeKind, string> = {
  recovery: 'recovery_code',
  verification: 'verification_code',
  login: 'login_code',
};
const KRATOS_TEMPLATES: Record<CodeKind, string> = {
  recovery: 'recovery_code_valid',
  verification: 'verification_code_valid',
  login: 'login_code_valid',
};

const duration = (ms: number) => `${ms}ms`;

/**
 * The emulator settings a scenario passes, as real-Kratos options. A setting without a translation is an
 * error: the two servers must never silently run different configurations.
 */
function kratosOptionsFor(config: Partial<EmulatorConfig> = {}): RealKratosOptions {
  const options: RealKratosOptions = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'bcryptCost')
      continue; // test/kratos/kratos.yml uses the tests' cost already
    else if (key === 'privilegedSessionMaxAgeMs') options.privilegedSessionMaxAge = duration(value as number);
    else if (key === 'sessionLifespanMs') options.sessionLifespan = duration(value as number);
    else if (key === 'codePasswordless') options.passwordless = value === true;
    else if (key === 'loginRequireVerifiedAddress')
      options.config = deepMerge(options.config ?? {}, {
        selfservice: {
          flows: {
            login: {
              after: { password: { hooks: value === true ? [{ hook: 'require_verified_address' }] : [] } },
            },
          },
        },
      });
    else if (key === 'codeMfa')
      options.config = deepMerge(options.config ?? {}, {
        selfservice: { methods: { code: { mfa_enabled: value === true } } },
      });
    else
      throw new Error(
        `no real-Kratos translation for the emulator setting ${key}: add one in test-server.ts`,
      );
  }
  return options;
}

async function emulatorServer(options: ServerOptions): Promise<TestServer> {
  const emulator = await startTestEmulator(options);
  return {
    kind: 'emulator',
    url: emulator.url,
    release: 'v26.2.0',
    emulator,
    sessionIsActive: async (id) => emulator.sessionIsActive(id),
    mailedCodes: async (to, kind) =>
      emulator
        .outbox()
        .filter((m) => m.to === to && (m.template as string) === EMULATOR_TEMPLATES[kind])
        .map((m) => m.code),
    now: () => emulator.clock.now(),
    stop: () => emulator.stop(),
    async restart() {
      if (!options.dataDir) throw new Error('restart() on the emulator needs a dataDir in the options');
      return emulatorServer({ ...options, port: Number(new URL(emulator.url).port) });
    },
  };
}

async function kratosServer(options: ServerOptions): Promise<TestServer> {
  if (options.clock) {
    throw new Error(
      'this scenario drives the emulator clock: mark it emulatorOnly(reason), or use lifespans',
    );
  }
  const kratos: RealKratos = await startRealKratos({
    version: kratosVersion(),
    ...kratosOptionsFor(options.config),
    onExchange: options.onExchange,
    ...options.kratos,
  });
  return {
    kind: 'kratos',
    url: kratos.url,
    release: kratosVersion() ?? defaultKratosVersion(),
    get emulator(): TestEmulator {
      throw new Error('this step reads the emulator itself: on real Kratos use the TestServer methods');
    },
    sessionIsActive: (id) => kratos.sessionIsActive(id),
    mailedCodes: async (to, kind) =>
      (await kratos.courierMessages(to))
        .filter((m) => m.template_type === KRATOS_TEMPLATES[kind])
        .map((m) => m.body.match(/\b(\d{6})\b/)?.[1] ?? '')
        .reverse(),
    now: () => new Date(),
    // Data is kept so that `restart` finds it; the next stop after the test removes the last copy.
    stop: () => kratos.stop({ keepData: true }),
    restart: () =>
      kratosServer({
        ...options,
        kratos: { ...options.kratos, dataDir: kratos.dataDir, port: Number(new URL(kratos.url).port) },
      }),
  };
}

export function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  return serverKind() === 'kratos' ? kratosServer(options) : emulatorServer(options);
}
