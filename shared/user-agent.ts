/**
 * The `User-Agent` this project's clients send to Kratos, and reading it back. Kratos stores it with each
 * session's device (`devices[].user_agent`), and it is the only thing the session list can tell the window
 * and the terminal apart by: both sign in from the same address, often the same computer.
 *
 *   kratos-desktop/0.1.0 (Linux; ada-laptop)       the window (main process)
 *   kratos-desktop-cli/0.1.0 (Linux; ada-laptop)   the terminal client
 *
 * The host name is what the person called their computer: it tells two of their machines apart in the list.
 * It goes only to the Kratos server the person chose, which sees their address anyway. Written by hand: the
 * format is two product tokens of RFC 9110 §10.1.5, and no library fits something this small.
 */

export type DesktopClient = 'app' | 'terminal';

const products: Readonly<Record<DesktopClient, string>> = {
  app: 'kratos-desktop',
  terminal: 'kratos-desktop-cli',
};

/** Node's `process.platform` as the operating system's own name. */
const systems: Readonly<Record<string, string>> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows' };

export interface DesktopAgentFacts {
  version: string;
  /** `process.platform`. */
  platform: string;
  /** `os.hostname()`. */
  host: string;
}

/** Keeps what a header comment may hold, without the characters that end one: visible ASCII, no `(`, `)`, `;`. */
function commentText(text: string, max: number): string {
  return text
    .replace(/[^\x21-\x7e ]|[();\\]/g, '')
    .trim()
    .slice(0, max);
}

export function desktopUserAgent(client: DesktopClient, facts: DesktopAgentFacts): string {
  const system = systems[facts.platform] ?? commentText(facts.platform, 20);
  const host = commentText(facts.host, 64);
  const version = commentText(facts.version, 32).replace(/[\s/]/g, '') || '0';
  return `${products[client]}/${version} (${host === '' ? system : `${system}; ${host}`})`;
}

export interface DesktopAgent {
  client: DesktopClient;
  version: string | undefined;
  system: string | undefined;
  host: string | undefined;
}

const agentPattern = /^(kratos-desktop(?:-cli)?)(?:\/([^\s(]+))?(?:\s*\(([^;)]*)(?:;\s*([^)]*))?\))?\s*$/i;

/** One of this project's user agents read back (an older bare `kratos-desktop` too); else `undefined`. */
export function parseDesktopUserAgent(userAgent: string): DesktopAgent | undefined {
  const match = agentPattern.exec(userAgent.trim());
  if (!match) return undefined;
  const [, product, version, system, host] = match;
  const nonEmpty = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);
  return {
    client: product!.toLowerCase() === products.terminal ? 'terminal' : 'app',
    version: nonEmpty(version),
    system: nonEmpty(system),
    host: nonEmpty(host),
  };
}
