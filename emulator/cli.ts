/**
 * `npm run emulator`: serves the emulator on 127.0.0.1:4433 with data in ./.emulator-data/.
 * Flags: --port <n> (or KRATOS_EMULATOR_PORT), --data-dir <dir> (or KRATOS_EMULATOR_DATA_DIR),
 * --config <kratos.yml> (a real Kratos configuration file; see docs/emulator.md).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EmulatorConfigError, start } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    config: { type: 'string', short: 'c' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.info('Usage: npm run emulator -- [--port 4433] [--data-dir .emulator-data] [--config kratos.yml]');
  process.exit(0);
}

const portText = values.port ?? process.env.KRATOS_EMULATOR_PORT ?? '4433';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${portText}`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? process.env.KRATOS_EMULATOR_DATA_DIR ?? '.emulator-data');

let emulator: Awaited<ReturnType<typeof start>>;
try {
  emulator = await start({ port, dataDir, configFile: values.config });
} catch (error) {
  if (!(error instanceof EmulatorConfigError)) throw error;
  console.error(`Invalid configuration: ${error.message}`);
  process.exit(2);
}
console.info(`Kratos emulator listening on ${emulator.url} (data: ${dataDir})`);

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
