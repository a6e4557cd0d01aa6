/**
 * Starts the in-process emulator for a test suite, with every public response validated against Kratos's
 * OpenAPI spec and every ui message in it against the table of Kratos messages (id, type and English text).
 * `stop()` throws if any response broke either or any request carried a Cookie or Origin header, so every
 * suite that uses this helper (client, session, e2e...) gets these checks for free.
 *
 *   const emulator = await startTestEmulator();
 *   afterAll(() => emulator.stop());
 */
import {
  defaultConfig,
  start,
  type EmulatorConfig,
  type RunningEmulator,
  type StartOptions,
} from '../../emulator/index';
import { checkKratosMessages } from './kratos-messages';
import { validateAgainstSpec } from './spec-validator';

/** bcrypt cost for tests: Kratos's default 12 takes ~250 ms per hash; 4 keeps suites fast. */
export const TEST_BCRYPT_COST = 4;

/**
 * The emulator without social sign-in, as test/kratos/kratos.yml configures real Kratos (no identity
 * provider): for suites whose screens or node lists were measured on real Kratos with that file.
 */
export const withoutSocialSignIn: Partial<EmulatorConfig> = {
  methods: { ...defaultConfig.methods, oidc: false },
};

export interface TestEmulator extends RunningEmulator {
  /** Spec violations and messages unlike the table seen so far (also thrown by stop()). */
  specFailures: string[];
}

export async function startTestEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const specFailures: string[] = [];
  const emulator = await start({
    port: 0,
    ...options,
    config: { bcryptCost: TEST_BCRYPT_COST, ...options.config },
    onExchange: (exchange) => {
      specFailures.push(...validateAgainstSpec(exchange));
      const messages = checkKratosMessages(exchange.body, 'refuse');
      specFailures.push(
        ...messages.problems.map((problem) => `${exchange.method} ${exchange.path}: ${problem}`),
      );
      options.onExchange?.(exchange);
    },
  });
  return {
    ...emulator,
    specFailures,
    stop: async () => {
      await emulator.stop();
      const problems = [...specFailures];
      if (emulator.stats.cookieOrOriginRequests > 0) {
        problems.push(
          `${emulator.stats.cookieOrOriginRequests} request(s) carried a Cookie or Origin header`,
        );
      }
      if (problems.length > 0) throw new Error(`Kratos emulator check failed:\n- ${problems.join('\n- ')}`);
    },
  };
}
