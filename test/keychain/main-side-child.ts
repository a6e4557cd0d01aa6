/**
 * The e2e main side (test/e2e/support/main-side.ts: AppCore, IPC router, the real OsKeychain over keytar) in a
 * process of its own, driven over stdin/stdout with one JSON object per line — as Electron's main process
 * is separate from the window. The keychain e2e cases need this: libsecret keeps one D-Bus connection per
 * process (and ends the process when that bus goes away), so each D-Bus setup, and each app "start", gets
 * a fresh process with exactly the environment of the case.
 *
 * Environment: KRATOS_E2E_KRATOS_URL (the emulator), KRATOS_E2E_USER_DATA (userData).
 * Requests: {id, op:'invoke', channel, args, senderUrl} → {id, value: <the router's answer>}
 *           {id, op:'keychain'} → {id, value: {status, problem}}   (what the UI shows, and the typed reason)
 *           {id, op:'token'} → {id, value: <the stored token or null>}   (for the test's leak checks)
 *           {id, op:'log'}   → {id, value: <every line the main logger wrote>}
 * Pushes:   {push: channel, payload} for state pushes to the window. {ready:true} once started.
 * The process stops the main side and exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { OsKeychain } from '../../main/keychain/os-keychain';
import { e2eKeychainService, startMainSide } from '../e2e/support/main-side';

type Request =
  | { id: number; op: 'invoke'; channel: string; args: unknown[]; senderUrl: string }
  | { id: number; op: 'keychain' | 'token' | 'log' };

const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const kratosUrl = required('KRATOS_E2E_KRATOS_URL');
const keychain = await OsKeychain.open({ service: e2eKeychainService });
const main = await startMainSide({
  kratosUrl,
  openKeychain: async () => keychain,
  userDataDir: required('KRATOS_E2E_USER_DATA'),
});
main.attach({ send: async (channel, payload) => void send({ push: channel, payload }) });

async function answer(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'invoke':
      return main.handle(request.channel, request.args, request.senderUrl);
    case 'keychain':
      return { status: keychain.status(), problem: keychain.problem() };
    case 'token':
      return keychain.store.get(kratosUrl);
    case 'log':
      return main.logLines;
  }
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const request = JSON.parse(line) as Request;
    answer(request).then(
      (value) => send({ id: request.id, value }),
      (error: unknown) => send({ id: request.id, error: String(error) }),
    );
  })
  .on('close', () => {
    void main.stop().finally(() => process.exit(0));
  });
send({ ready: true });
