/**
 * `npm run emulator`: serves the emulator on 127.0.0.1:4433 with data in ./.emulator-data/.
 * Flags: --port <n> (or KRATOS_EMULATOR_PORT), --data-dir <dir> (or KRATOS_EMULATOR_DATA_DIR).
 *
 * Like the app, it runs the emulator in a child process it supervises (restarted after a crash), so the
 * process model people try here is the one the app ships (docs/emulator.md).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { forkNodeEmulator } from './process/fork-node';
import { superviseEmulator } from './process/supervisor';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.info('Usage: npm run emulator -- [--port 4433] [--data-dir .emulator-data]');
  process.exit(0);
}

const portText = values.port ?? process.env.KRATOS_EMULATOR_PORT ?? '4433';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${portText}`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? process.env.KRATOS_EMULATOR_DATA_DIR ?? '.emulator-data');

const emulator = await superviseEmulator({
  fork: () => forkNodeEmulator(),
  dataDir,
  port,
  fallbackToFreePort: false,
  onEvent: (event) => {
    if (event.kind === 'mail')
      console.info(`[mail to ${event.mail.to}] ${event.mail.subject}: ${event.mail.code}`);
    else if (event.kind === 'crashed') console.error(`The emulator stopped: ${event.reason}`);
    else if (event.kind === 'restarted') console.info(`Restarted on ${event.url}`);
    else if (event.kind === 'gave-up') {
      console.error('The emulator keeps stopping; not restarting it again.');
      process.exit(1);
    }
  },
});
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
