/**
 * What the window (main/index.ts) and the terminal client (cli/index.ts) learn at start about their server
 * and its passkey page: one function, so that both learn them the same way
 * (docs/passkeys.md#how-the-app-learns-the-page, ADR 0015).
 *
 * - The environment: `KRATOS_PUBLIC_URL` and `KRATOS_PASSKEY_PAGE_URL` (a development run; `npm start` names
 *   the emulator and its page there).
 * - The operator's configuration: `operator.json` in the `dist/` folder both are bundled into, which
 *   `npm run dist` writes (scripts/operator-config.ts). The installed window reads it inside app.asar; the
 *   terminal client, which no installer carries, reads it in the `dist/` it runs from — there when the
 *   operator built it with that same `npm run dist` (docs/terminal-client.md).
 *
 * Without a page for the server in use, passkey buttons name the operator's setting in an installed app or in
 * a run with an operator's configuration, and the environment variable in any other run.
 */
import path from 'node:path';
import { passkeyPageEnvironmentVariable } from '../flows/passkey-page';
import type { AppCoreOptions } from './core';
import { endpointEnvironmentVariable } from './endpoint-choice';
import { operatorConfigFileName, readOperatorConfig } from './operator-config';

export type RunConfiguration = Pick<
  AppCoreOptions,
  'environmentUrl' | 'passkeyPageUrl' | 'operator' | 'passkeySetup'
>;

export interface RunConfigurationInputs {
  /** The `dist/` folder the program was bundled into: its `operator.json` is the operator's configuration. */
  distDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** A packaged app (`app.isPackaged`): its operator packages the page, even if this build has none. */
  installed: boolean;
}

/** The run's configuration, and the problems of an operator's configuration that was ignored, if any. */
export async function readRunConfiguration({
  distDir,
  env,
  installed,
}: RunConfigurationInputs): Promise<{ configuration: RunConfiguration; ignored?: string[] }> {
  const operator = await readOperatorConfig(path.join(distDir, operatorConfigFileName));
  const configuration: RunConfiguration = {
    environmentUrl: env[endpointEnvironmentVariable],
    passkeyPageUrl: env[passkeyPageEnvironmentVariable],
    ...(operator.kind === 'ok' ? { operator: operator.config } : {}),
    passkeySetup: installed || operator.kind === 'ok' ? 'package' : 'environment',
  };
  return operator.kind === 'invalid' ? { configuration, ignored: operator.problems } : { configuration };
}
