/**
 * `npm run emulator`: serves the emulator on 127.0.0.1:4433 with data in ./.emulator-data/.
 * Flags: --port <n> (or KRATOS_EMULATOR_PORT), --data-dir <dir> (or KRATOS_EMULATOR_DATA_DIR),
 * --config <kratos.yml> (a real Kratos configuration file, read here once; see docs/emulator.md),
 * --any-port (use a free port when the one asked for is taken), --passkeys (offer passkeys, as
 * `selfservice.methods.passkey.enabled: true` does; the passkey page is then http://localhost:<port>/passkey).
 *
 * It holds the port and runs the emulator in a child process it supervises (restarted after a crash). The
 * codes the emulator would email are printed here. `npm start` runs this same program (its bundle,
 * dist/emulator/cli.mjs) beside the app: started with an IPC channel, it also tells its parent its URL and,
 * when passkeys are on, its passkey page's (which `npm start` hands the app as `KRATOS_PASSKEY_PAGE_URL`).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig, type EmulatorConfig } from './config';
import { EmulatorConfigError, ignoredKeysNotice, readKratosConfig } from './config-file';
import { emulatorPasskeyPageUrl } from './passkey/page';
import { forkNodeEmulator } from './process/fork-node';
import { superviseEmulator } from './process/supervisor';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    config: { type: 'string', short: 'c' },
    'any-port': { type: 'boolean' },
    passkeys: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.info(
    'Usage: npm run emulator -- [--port 4433] [--any-port] [--data-dir .emulator-data] [--config kratos.yml] [--passkeys]',
  );
  process.exit(0);
}

const portText = values.port ?? process.env.KRATOS_EMULATOR_PORT ?? '4433';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${portText}`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? process.env.KRATOS_EMULATOR_DATA_DIR ?? '.emulator-data');

// Read (and refused) here, once: the emulator's process gets the settings, not the file, so a restart neither
// re-reads a file that changed meanwhile nor repeats the notice. They are complete (Kratos's own defaults
// under the file), so none of the demo's defaults remains.
let config: Partial<EmulatorConfig> | undefined;
if (values.config !== undefined) {
  try {
    const read = readKratosConfig(values.config);
    config = read.config;
    const notice = ignoredKeysNotice(read);
    if (notice) console.warn(`${values.config}: ${notice}`);
  } catch (error) {
    if (!(error instanceof EmulatorConfigError)) throw error;
    console.error(`Invalid configuration: ${error.message}`);
    process.exit(2);
  }
}

if (values.passkeys === true) {
  config = { ...config, methods: { ...defaultConfig.methods, ...config?.methods, passkey: true } };
}

const emulator = await superviseEmulator({
  fork: () => forkNodeEmulator(),
  config,
  dataDir,
  port,
  fallbackToFreePort: values['any-port'] === true,
  onEvent: (event) => {
    switch (event.kind) {
      case 'mail':
        console.info(`[mail to ${event.mail.to}] ${event.mail.subject}: ${event.mail.code}`);
        return;
      case 'port-taken':
        console.warn(`Port ${event.port} is taken; the emulator uses ${event.url} this time.`);
        return;
      case 'crashed':
        console.error(`The emulator stopped: ${event.reason}`);
        return;
      case 'restarted':
        console.info(`Restarted on ${event.url}`);
        return;
      case 'gave-up':
        // The port stays held: nothing else may answer on it while a client still uses this URL.
        console.error(
          'The emulator keeps stopping; not restarting it again. Its port stays held until you stop this (Ctrl-C).',
        );
    }
  },
});
console.info(`Kratos emulator listening on ${emulator.url} (data: ${dataDir})`);
const passkeyPageUrl = config?.methods?.passkey === true ? emulatorPasskeyPageUrl(emulator.url) : undefined;
if (passkeyPageUrl !== undefined) console.info(`Passkey page: ${passkeyPageUrl}`);
// Started by `npm start` (scripts/start.mjs) with an IPC channel: it hands the app these URLs.
process.send?.({
  type: 'ready',
  url: emulator.url,
  ...(passkeyPageUrl === undefined ? {} : { passkeyPageUrl }),
});

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.info(`${signal} received, stopping the Kratos emulator…`);
  emulator.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Failed to stop cleanly:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
