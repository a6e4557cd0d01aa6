/**
 * Opens a web page in the person's own browser from the terminal: `$BROWSER` when set (the common Unix
 * convention, also how tests stand in a browser), else the platform's opener. The URL is passed as one
 * argument, never through a shell, and only provider pages the flow service already checked (https or
 * loopback) arrive here. Resolves false when nothing could be started; the CLI has printed the address, so
 * the person can open it themselves.
 */
import { spawn } from 'node:child_process';

export interface Launch {
  command: string;
  args: string[];
}

/** What would be run for `url` (pure, for the tests). */
export function browserLaunch(
  url: string,
  environment: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Launch {
  // `$BROWSER` may list several commands separated by ':'; the first is used.
  const chosen = environment['BROWSER']?.split(':')[0]?.trim();
  if (chosen) return { command: chosen, args: [url] };
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [url] };
    case 'win32':
      // `start` would go through cmd.exe, which treats `&` in the query as a command separator.
      return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
    default:
      return { command: 'xdg-open', args: [url] };
  }
}

export function openInSystemBrowser(
  url: string,
  environment: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  const { command, args } = browserLaunch(url, environment, platform);
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
