/** This computer's facts for the user agent every Kratos request carries (shared/user-agent.ts says why). */
import os from 'node:os';
import packageJson from '../../package.json' with { type: 'json' };
import { desktopUserAgent, type DesktopClient } from '../../shared/user-agent';

export function ownUserAgent(client: DesktopClient): string {
  return desktopUserAgent(client, {
    version: packageJson.version,
    platform: process.platform,
    host: os.hostname(),
  });
}
