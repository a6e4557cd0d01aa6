/**
 * The operator's configuration: what `npm run dist` writes into the package (`dist/operator.json`, from
 * environment variables or a small file: scripts/operator-config.ts) and what the installed app reads at
 * start. It names the Kratos server the app starts on, whether people may switch to another, the update
 * feed, that server's passkey page and its privileged session age. Every URL passes the app's own rules (the
 * window's server rules, `parseEndpoint`: https unless loopback, no credentials, query or fragment; the
 * passkey page the rule the ceremony applies before opening it, `providerUrlProblem`), so a package cannot be
 * built for a server or a page the app would refuse; the age is a Kratos duration (`kratosDurationMs`).
 *
 * The file sits inside app.asar, whose integrity Electron checks on macOS and Windows; it is still read as
 * untrusted input (a bounded, strict schema), and a file that does not pass is reported and ignored: the app
 * then asks for a server, as without one.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { providerUrlProblem } from '../flows/browser-exchange';
import { parseEndpoint } from '../kratos/endpoint';

export const operatorConfigFileName = 'operator.json';

export interface OperatorConfig {
  /** Normalized (what `parseEndpoint` returned): also the keychain account of the token. */
  kratosPublicUrl: string;
  /** May the person name another server in the window? */
  allowServerChange: boolean;
  /** The base URL of the update feed (`latest-linux.yml` …); none: the app never checks for updates. */
  updateFeedUrl: string | undefined;
  /**
   * The passkey page of `kratosPublicUrl` (docs/passkeys.md), for that server only; none: passkey buttons say
   * what the operator must set up. `KRATOS_PASSKEY_PAGE_URL` wins where it is set.
   */
  passkeyPageUrl?: string;
  /**
   * The `selfservice.flows.settings.privileged_session_max_age` of `kratosPublicUrl`, as Kratos writes it
   * (`15m`, `1h30m`): adding a passkey on an older session confirms the person first (docs/passkeys.md), for
   * that server only. None: Kratos's default, `1h`.
   */
  privilegedSessionMaxAge?: string;
}

const fileSchema = z.strictObject({
  kratosPublicUrl: z.string().max(2048),
  allowServerChange: z.boolean(),
  updateFeedUrl: z.string().max(2048).optional(),
  passkeyPageUrl: z.string().max(2048).optional(),
  privilegedSessionMaxAge: z.string().max(64).optional(),
});

export type OperatorConfigResult = { ok: true; config: OperatorConfig } | { ok: false; problems: string[] };

/** Checks a configuration (parsed JSON): every problem named, or the normalized configuration. */
export function validateOperatorConfig(input: unknown): OperatorConfigResult {
  const shape = fileSchema.safeParse(input);
  if (!shape.success) {
    return {
      ok: false,
      problems: shape.error.issues.map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`),
    };
  }
  const problems: string[] = [];
  const server = parseEndpoint(shape.data.kratosPublicUrl);
  if (!server.ok) problems.push(`kratosPublicUrl: ${server.message}`);
  const feed = shape.data.updateFeedUrl === undefined ? undefined : parseEndpoint(shape.data.updateFeedUrl);
  if (feed && !feed.ok) problems.push(`updateFeedUrl: ${feed.message}`);
  const page = shape.data.passkeyPageUrl;
  const pageProblem = page === undefined || !server.ok ? undefined : passkeyPageProblem(page, server.url);
  if (pageProblem !== undefined) problems.push(`passkeyPageUrl: ${pageProblem}`);
  const maxAge = shape.data.privilegedSessionMaxAge;
  if (maxAge !== undefined && kratosDurationMs(maxAge) === null) {
    problems.push(
      `privilegedSessionMaxAge: "${maxAge}" is not a Kratos duration: write it as in Kratos's privileged_session_max_age, for example 15m, 1h or 1h30m (units h, m, s, ms, us, ns)`,
    );
  }
  if (!server.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      kratosPublicUrl: server.url,
      allowServerChange: shape.data.allowServerChange,
      updateFeedUrl: feed?.ok ? feed.url : undefined,
      ...(page === undefined ? {} : { passkeyPageUrl: new URL(page).href }),
      ...(maxAge === undefined ? {} : { privilegedSessionMaxAge: maxAge }),
    },
  };
}

const durationUnitMs = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, ns: 1e-6 } as const;

/**
 * A Kratos duration (Go's `time.Duration` text as Kratos's config schema accepts it,
 * `^([0-9]+(ns|us|ms|s|m|h))+$`: `90s`, `1h30m`) in milliseconds; null when it is not one (or beyond what the
 * app can count). Written by hand: the pattern is six units, and a library for Go durations would take more
 * syntax than Kratos does.
 */
export function kratosDurationMs(text: string): number | null {
  if (!/^([0-9]+(ns|us|ms|s|m|h))+$/.test(text)) return null;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)(ns|us|ms|s|m|h)/g)) {
    total += Number(amount) * durationUnitMs[unit as keyof typeof durationUnitMs];
  }
  return Number.isSafeInteger(Math.round(total)) ? total : null;
}

/** Why the app would not open `page` as the passkey page of `server` (the ceremony's own check), if it would not. */
function passkeyPageProblem(page: string, server: string): string | undefined {
  switch (providerUrlProblem(page, server)) {
    case 'not-secure':
      return `"${page}" must be an https URL without credentials (plain http only on this computer: localhost, 127.0.0.1, [::1])`;
    case 'loopback':
      return `"${page}" is on this computer, but the server (${server}) is not: the app opens a local page only for a local server`;
    case undefined:
      return new URL(page).hash === ''
        ? undefined
        : `"${page}" must not have a fragment: the app puts the ceremony's options there`;
  }
}

export type ReadOperatorConfig =
  { kind: 'none' } | { kind: 'ok'; config: OperatorConfig } | { kind: 'invalid'; problems: string[] };

/** Reads the packaged file: none when there is none (a package built without a configuration). */
export async function readOperatorConfig(file: string): Promise<ReadOperatorConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', problems: [`${file}: ${(error as Error).message}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', problems: [`${file} is not valid JSON`] };
  }
  const result = validateOperatorConfig(json);
  return result.ok ? { kind: 'ok', config: result.config } : { kind: 'invalid', problems: result.problems };
}
