/**
 * `npm run kratos`: a real Ory Kratos v26.2.0 on this machine, for trying the app against the real server
 * instead of the emulator (docs/testing.md, "A real Kratos to try the app on").
 *
 *   npm run kratos                      # builds it if needed (scripts/build-kratos.sh), then serves
 *   KRATOS_PUBLIC_URL=http://127.0.0.1:4433 npm start
 *
 * It runs the project's configuration (test/kratos/kratos.yml, the emulator's defaults as Kratos reads them)
 * on 127.0.0.1 (`KRATOS_PORT`, default 4433), with its SQLite database in `.kratos-data/` (`KRATOS_DATA`; kept
 * between runs, delete the folder to start afresh), prints where it listens and every email Kratos would send, codes
 * included (no mail leaves the machine), and stops on Ctrl-C. `KRATOS_BIN` runs another Kratos binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRealKratos, type CourierMessage, type RealKratos } from '../test/support/real-kratos';

const root = fileURLToPath(new URL('..', import.meta.url));
const VERSION = 'v26.2.0';
const MAIL_POLL_MS = 1_000;

function fail(sentence: string): never {
  console.error(`npm run kratos: ${sentence}`);
  process.exit(1);
}

/** One email as the person reads it: to whom, what, and the code in it. */
function describeMail(message: CourierMessage): string {
  const code = /\b(\d{6})\b/.exec(message.body)?.[1];
  return `email to ${message.recipient}: ${message.subject} (${message.template_type})${code ? ` — code ${code}` : ''}`;
}

async function main(): Promise<void> {
  const port = Number(process.env['KRATOS_PORT'] ?? 4433);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`KRATOS_PORT=${process.env['KRATOS_PORT']} is not a port`);
  if (!process.env['KRATOS_BIN']) {
    const build = spawnSync('bash', [path.join(root, 'scripts/build-kratos.sh'), VERSION], {
      stdio: 'inherit',
    });
    if (build.status !== 0) fail(`Kratos ${VERSION} could not be built (see the line above).`);
  }
  const dataDir = path.resolve(process.env['KRATOS_DATA'] ?? path.join(root, '.kratos-data'));
  await mkdir(dataDir, { recursive: true });

  let kratos: RealKratos;
  try {
    kratos = await startRealKratos({ version: VERSION, dataDir, port });
  } catch (error) {
    const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
    fail(`Kratos did not start on 127.0.0.1:${port} (${cause}); is the port taken? Set KRATOS_PORT.`);
  }
  console.info(`Kratos ${VERSION} is listening on ${kratos.url} (admin API: ${kratos.adminUrl})`);
  console.info(`  its data: ${dataDir}`);
  console.info(`  the app on it: KRATOS_PUBLIC_URL=${kratos.url} npm start`);
  console.info('  every email it would send is printed here; Ctrl-C stops it.');

  const seen = new Set<string>();
  const printNewMail = async () => {
    const response = await fetch(`${kratos.adminUrl}/admin/courier/messages`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return;
    const messages = ((await response.json()) as CourierMessage[]).reverse(); // oldest first
    for (const message of messages.filter((m) => !seen.has(m.id))) {
      seen.add(message.id);
      console.info(describeMail(message));
    }
  };
  await printNewMail();
  const poll = setInterval(() => void printNewMail().catch(() => undefined), MAIL_POLL_MS);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(poll);
    try {
      await kratos.stop({ keepData: true });
      console.info(`Kratos stopped; its data stays in ${dataDir}.`);
      process.exit(0);
    } catch (error) {
      console.error(
        `Kratos stopped with a problem: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

await main();
