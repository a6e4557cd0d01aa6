/**
 * The out-of-the-box endpoint: the Kratos emulator, started inside the main process when no Kratos URL is
 * configured. It listens on 127.0.0.1 only and keeps its identities and sessions under userData.
 *
 * The port matters beyond reachability: tokens are stored per endpoint URL, so the same port on every start
 * is what lets a signed-in user stay signed in across restarts. It is Kratos's own default public port; if
 * something else holds it, a free port is used and the window says which (the user signs in again then).
 */
import { start } from '../../emulator/index';
import type { Logger } from '../log';
import type { RunningEmulator } from './core';

const embeddedEmulatorPort = 4433;

export async function startEmbeddedEmulator(dataDir: string, log: Logger): Promise<RunningEmulator> {
  try {
    return await start({ port: embeddedEmulatorPort, dataDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.warn(`port ${embeddedEmulatorPort} is taken; the embedded emulator uses a free port this time`);
    return start({ port: 0, dataDir });
  }
}
