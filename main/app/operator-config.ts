/**
 * The operator's configuration: what `npm run dist` writes into the package (`dist/operator.json`, from
 * environment variables or a small file: scripts/operator-config.ts) and what the installed app reads at
 * start. It names the Kratos server the app starts on, whether people may switch to another, and the update
 * feed. Every URL passes the window's own server rules (`parseEndpoint`: https unless loopback, no
 * credentials, query or fragment), so a package cannot be built for a server the window would refuse.
 *
 * The file sits inside app.asar, whose integrity Electron checks on macOS and Windows; it is still read as
 * untrusted input (a bounded, strict schema), and a file that does not pass is reported and ignored: the app
 * then asks for a server, as without one.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseEndpoint } from '../kratos/endpoint';

export const operatorConfigFileName = 'operator.json';

export interface OperatorConfig {
  /** Normalized (what `parseEndpoint` returned): also the keychain account of the token. */
  kratosPublicUrl: string;
  /** May the person name another server in the window? */
  allowServerChange: boolean;
  /** The base URL of the update feed (`latest-linux.yml` …); none: the app never checks for updates. */
  updateFeedUrl: string | undefined;
}

const fileSchema = z.strictObject({
  kratosPublicUrl: z.string().max(2048),
  allowServerChange: z.boolean(),
  updateFeedUrl: z.string().max(2048).optional(),
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
  if (!server.ok || (feed && !feed.ok)) return { ok: false, problems };
  return {
    ok: true,
    config: {
      kratosPublicUrl: server.url,
      allowServerChange: shape.data.allowServerChange,
      updateFeedUrl: feed?.ok ? feed.url : undefined,
    },
  };
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
