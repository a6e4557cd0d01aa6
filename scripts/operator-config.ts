/**
 * `npm run dist`'s operator step: takes the operator's configuration from environment variables or a small
 * JSON file, checks it with the installed app's own rules (main/app/operator-config.ts, the window's server
 * rules) and writes it into the package as dist/operator.json (electron-builder.yml puts it in app.asar). No
 * configuration: no file, and the installed app's first screen asks for a server. A configuration that does
 * not pass stops the build with every problem named: an installer is never built for a server the app would
 * refuse. docs/packaging.md has an Ory Network example.
 *
 *   KRATOS_DESKTOP_OPERATOR_CONFIG      a JSON file: { kratosPublicUrl, allowServerChange, updateFeedUrl?,
 *                                       passkeyPageUrl?, privilegedSessionMaxAge? }
 *   KRATOS_DESKTOP_PUBLIC_URL           kratosPublicUrl (wins over the file's)
 *   KRATOS_DESKTOP_ALLOW_SERVER_CHANGE  allowServerChange: `true` or `false` (default true)
 *   KRATOS_DESKTOP_UPDATE_FEED          updateFeedUrl: the generic feed's base URL (none: no update checks)
 *   KRATOS_DESKTOP_PASSKEY_PAGE_URL     passkeyPageUrl: the server's passkey page (docs/passkeys.md)
 *   KRATOS_DESKTOP_PRIVILEGED_SESSION_MAX_AGE
 *                                       privilegedSessionMaxAge: the server's privileged_session_max_age (`15m`)
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { operatorPasskeyPageSetting } from '../main/flows/passkey-page';
import {
  operatorConfigFileName,
  validateOperatorConfig,
  type OperatorConfig,
} from '../main/app/operator-config';

export const operatorVariables = {
  file: 'KRATOS_DESKTOP_OPERATOR_CONFIG',
  url: 'KRATOS_DESKTOP_PUBLIC_URL',
  allowChange: 'KRATOS_DESKTOP_ALLOW_SERVER_CHANGE',
  feed: 'KRATOS_DESKTOP_UPDATE_FEED',
  passkeyPage: operatorPasskeyPageSetting.variable,
  privilegedAge: 'KRATOS_DESKTOP_PRIVILEGED_SESSION_MAX_AGE',
} as const;

export type OperatorInputs =
  { kind: 'none' } | { kind: 'config'; config: OperatorConfig } | { kind: 'invalid'; problems: string[] };

/** The configuration the environment (and the file it names) describes, checked. */
export function operatorConfigFrom(
  env: Readonly<Record<string, string | undefined>>,
  readText: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): OperatorInputs {
  const given = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  let fromFile: Record<string, unknown> = {};
  const file = given(operatorVariables.file);
  if (file !== undefined) {
    try {
      const parsed: unknown = JSON.parse(readText(file));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { kind: 'invalid', problems: [`${file}: not a JSON object`] };
      }
      fromFile = parsed as Record<string, unknown>;
    } catch (error) {
      return { kind: 'invalid', problems: [`${file}: ${(error as Error).message}`] };
    }
  }
  const url = given(operatorVariables.url);
  const allow = given(operatorVariables.allowChange);
  const feed = given(operatorVariables.feed);
  const passkeyPage = given(operatorVariables.passkeyPage);
  const privilegedAge = given(operatorVariables.privilegedAge);
  if ([file, url, allow, feed, passkeyPage, privilegedAge].every((value) => value === undefined))
    return { kind: 'none' };
  if (allow !== undefined && allow !== 'true' && allow !== 'false') {
    return {
      kind: 'invalid',
      problems: [`${operatorVariables.allowChange}: use true or false, not "${allow}"`],
    };
  }
  const candidate = {
    ...fromFile,
    ...(url === undefined ? {} : { kratosPublicUrl: url }),
    ...(allow === undefined ? {} : { allowServerChange: allow === 'true' }),
    ...(feed === undefined ? {} : { updateFeedUrl: feed }),
    ...(passkeyPage === undefined ? {} : { passkeyPageUrl: passkeyPage }),
    ...(privilegedAge === undefined ? {} : { privilegedSessionMaxAge: privilegedAge }),
  };
  const result = validateOperatorConfig({ allowServerChange: true, ...candidate });
  return result.ok
    ? { kind: 'config', config: result.config }
    : { kind: 'invalid', problems: result.problems };
}

/** Writes dist/operator.json (or removes one left by an earlier build); the sentence to print. */
export function writeOperatorConfig(
  distDir: string,
  inputs: OperatorInputs,
): { ok: boolean; message: string } {
  const target = path.join(distDir, operatorConfigFileName);
  switch (inputs.kind) {
    case 'none':
      rmSync(target, { force: true });
      return {
        ok: true,
        message: 'no operator configuration: the installed app will ask for a Kratos server at first start.',
      };
    case 'invalid':
      return {
        ok: false,
        message: `the operator configuration was refused:\n  ${inputs.problems.join('\n  ')}`,
      };
    case 'config':
      writeFileSync(target, `${JSON.stringify(inputs.config, null, 2)}\n`);
      return {
        ok: true,
        message:
          `the installed app will start on ${inputs.config.kratosPublicUrl}` +
          (inputs.config.allowServerChange ? '' : ' (people cannot switch servers)') +
          (inputs.config.updateFeedUrl
            ? `, updates from ${inputs.config.updateFeedUrl}`
            : ', without updates') +
          (inputs.config.passkeyPageUrl
            ? `, passkey page ${inputs.config.passkeyPageUrl}`
            : ', without a passkey page') +
          (inputs.config.privilegedSessionMaxAge
            ? `, privileged session age ${inputs.config.privilegedSessionMaxAge}.`
            : '.'),
      };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? 'dist');
  const outcome = writeOperatorConfig(distDir, operatorConfigFrom(process.env));
  (outcome.ok ? console.info : console.error)(`operator configuration: ${outcome.message}`);
  process.exitCode = outcome.ok ? 0 : 1;
}
