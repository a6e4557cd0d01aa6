/**
 * A separate process running the real OsKeychain (real keytar, real libsecret), driven over stdin/stdout with
 * one JSON object per line. The keychain tests use it for everything that needs a fresh process:
 * reading a token back after a "restart", and each unavailable case (libsecret keeps its D-Bus connection
 * for the life of a process, so every bus setup needs its own process).
 *
 * Requests: {op:'status'} {op:'set',key,secret} {op:'get',key} {op:'delete',key} {op:'retry'}
 * Answers: {status, problem} after open and after status/retry; {value}; {deleted}; {done:true}.
 * Status changes are pushed as {change: KeychainView}. The process exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { OsKeychain } from '../../main/keychain/os-keychain';

type Request =
  | { op: 'status' }
  | { op: 'retry' }
  | { op: 'set'; key: string; secret: string }
  | { op: 'get'; key: string }
  | { op: 'delete'; key: string };

const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

const keychain = await OsKeychain.open({ service: process.env.KRATOS_KEYCHAIN_SERVICE ?? 'Kratos Desktop' });
keychain.onChange((view) => send({ change: view }));
send({ status: keychain.status(), problem: keychain.problem() });

// Requests run one after another, in order, like the tests write them.
let queue: Promise<unknown> = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    const request = JSON.parse(line) as Request;
    switch (request.op) {
      case 'status':
        return send({ status: keychain.status(), problem: keychain.problem() });
      case 'retry':
        await keychain.retry();
        return send({ status: keychain.status(), problem: keychain.problem() });
      case 'set':
        await keychain.store.set(request.key, request.secret);
        return send({ done: true });
      case 'get':
        return send({ value: await keychain.store.get(request.key) });
      case 'delete':
        return send({ deleted: await keychain.store.delete(request.key) });
    }
  });
});
