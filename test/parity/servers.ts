/**
 * The two servers of the parity suite behind one shape: the emulator (in process) and a real Kratos, started
 * with the same configuration, and each one's mailbox (the emulator's outbox, Kratos's courier).
 *
 * "Same configuration": real Kratos runs test/kratos/kratos.yml plus the scenario's options; the emulator
 * runs its defaults (which that file writes down) plus the same options translated by `emulatorConfig`.
 * When the emulator reads Kratos YAML itself (issue 10 §4), it gets the very file real Kratos runs instead.
 */
import { start, type EmulatorConfig } from '../../emulator/index';
import { TEST_BCRYPT_COST } from '../support/emulator';
import { startRealKratos, type RealKratosOptions } from '../support/real-kratos';

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
export type ScenarioOptions = Pick<RealKratosOptions, 'privilegedSessionMaxAge' | 'passwordless'>;

const seconds = (duration: string): number => {
  const match = /^(\d+)(ms|s|m|h)$/.exec(duration);
  if (!match) throw new Error(`unsupported duration ${duration}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
};

export function emulatorConfig(options: ScenarioOptions): Partial<EmulatorConfig> {
  const config: Partial<EmulatorConfig> = {};
  if (options.privilegedSessionMaxAge)
    config.privilegedSessionMaxAgeMs = seconds(options.privilegedSessionMaxAge);
  // `passwordless` has no emulator switch yet (emu-fidelity adds passwordless code login): the emulator runs
  // without it and the parity list names every step that differs because of that.
  return config;
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
  const emulator = await start({
    port: 0,
    config: { bcryptCost: TEST_BCRYPT_COST, ...emulatorConfig(options) },
  });
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
    stop: (expected) => stopExpecting(emulator, expected),
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
