/**
 * What main does from its start to the first state it sends the window, without Electron
 * (bench/cold-start.bench.ts bundles this as scripts/build.mjs bundles main, and starts it as a fresh process
 * each time): read the operator's configuration beside the bundle (as the installed app does), open the app
 * core on that server with a keychain holding the saved token (if the bench gave one), and say the first
 * state on stdout. The Electron-only steps (app ready, the window, keytar) are not in it.
 *
 * With a saved token the process then stays up (the session check is under way: the bench times the whoami
 * request at the server and ends the process), but never longer than `lingerMs`.
 */
import path from 'node:path';
import { AppCore } from '../main/app/core';
import type { Keychain } from '../main/keychain/keychain';
import { operatorConfigFileName, readOperatorConfig } from '../main/app/operator-config';
import { buildConnection } from '../main/app/wiring';
import { createMemoryLogger } from '../main/log';
import { MemoryTokenStore } from '../main/session/token-store';

const lingerMs = 10_000;

async function main(): Promise<void> {
  const operator = await readOperatorConfig(path.join(__dirname, operatorConfigFileName));
  if (operator.kind !== 'ok') throw new Error(`the bench's operator.json: ${operator.kind}`);
  const store = new MemoryTokenStore();
  const token = process.env['BENCH_SAVED_TOKEN'];
  if (token) await store.set(operator.config.kratosPublicUrl, token);
  const keychain: Keychain = {
    store,
    status: () => ({ kind: 'persisted', backend: 'bench' }),
    retry: async () => keychain.status(),
  };
  const core = await AppCore.open({
    userDataDir: process.env['BENCH_USER_DATA']!,
    environmentUrl: undefined,
    operator: operator.config,
    keychain,
    connect: buildConnection,
    openExternal: async () => undefined,
    confirmEndpoint: async () => false,
    log: createMemoryLogger(),
  });
  const state = await core.getState();
  process.stdout.write(`first-state ${state.status}\n`);
  if (token) setTimeout(() => process.exit(0), lingerMs).unref();
  else process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`cold-start entry failed: ${String(error)}\n`);
  process.exit(1);
});
