/**
 * `npm run bench`: how much the project's Kratos client costs on the hottest call, `GET /sessions/whoami`.
 *
 * In one run against the in-process emulator (bcrypt cost 4, one registered user) it times three ways of
 * checking the same session token:
 * - client: `createKratosClient(...).whoami(token)` (agent, size cap, shape check, result mapping);
 * - raw:    `undici.request` on an agent with the same settings, parsing the JSON and nothing else;
 * - sdk:    the official `@ory/client-fetch` `FrontendApi.toSession` (global fetch).
 * Calls of the three paths are interleaved in random order, so that drift (GC, CPU shared with other work)
 * hits all three alike.
 *
 * Then it counts the HTTP requests that 100 concurrent session checks cause through the session controller's
 * single flight. Numbers are printed, not asserted: speed is judged here, never in timed tests.
 */
import { Configuration, FrontendApi } from '@ory/client-fetch';
import { request } from 'undici';
import { start } from '../emulator/index';
import type { KratosApi } from '../main/kratos/api';
import { createKratosClient } from '../main/kratos/client';
import { createAgent, DEFAULT_TIMEOUTS } from '../main/kratos/transport';
import { SessionController } from '../main/session/controller';
import { MemoryTokenStore } from '../main/session/token-store';

const WARM_UP = 300;
const ITERATIONS = 3000;
const CONCURRENT_CHECKS = 100;

type Check = () => Promise<void>;

async function main() {
  const emulator = await start({ port: 0, config: { bcryptCost: 4 } });
  const client = createKratosClient({ baseUrl: emulator.url });
  const rawAgent = createAgent(DEFAULT_TIMEOUTS);
  try {
    const token = await registerUser(client);

    const whoamiUrl = `${emulator.url}/sessions/whoami`;
    const headers = { accept: 'application/json', 'user-agent': 'kratos-desktop', 'x-session-token': token };
    const sdk = new FrontendApi(new Configuration({ basePath: emulator.url }));

    const paths: Record<'client' | 'raw' | 'sdk', Check> = {
      client: async () => {
        const result = await client.whoami(token);
        if (result.kind !== 'success') throw new Error(`client whoami: ${result.kind}`);
      },
      raw: async () => {
        const response = await request(whoamiUrl, { dispatcher: rawAgent, headers });
        const body = (await response.body.json()) as { id?: unknown };
        if (response.statusCode !== 200 || typeof body.id !== 'string') throw new Error('raw whoami failed');
      },
      sdk: async () => {
        const session = await sdk.toSession({ xSessionToken: token });
        if (typeof session.id !== 'string') throw new Error('sdk whoami failed');
      },
    };

    const started = performance.now();
    const samples = await measure(paths);
    const stats = Object.fromEntries(
      Object.entries(samples).map(([name, times]) => [name, summarize(times)]),
    ) as Record<keyof typeof paths, Summary>;

    print(
      `whoami against the in-process emulator (${ITERATIONS} timed calls per path, after ${WARM_UP} warm-up)`,
    );
    print('');
    print(`  path     median      p95`);
    for (const [name, s] of Object.entries(stats)) {
      print(`  ${name.padEnd(7)} ${ms(s.median).padStart(8)} ${ms(s.p95).padStart(8)}`);
    }
    print('');
    const clientOverRaw = stats.client.median / stats.raw.median;
    const sdkOverClient = stats.sdk.median / stats.client.median;
    print(
      `  client / raw   = ${clientOverRaw.toFixed(2)}x  (target <= 1.10x: ${verdict(clientOverRaw <= 1.1)})`,
    );
    print(
      `  sdk / client   = ${sdkOverClient.toFixed(2)}x  (target >= 1.5x, i.e. the client is 1.5x faster: ${verdict(sdkOverClient >= 1.5)})`,
    );
    print(`  timing took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    print('');

    const { throughController, direct } = await concurrentChecks(client, token, emulator.stats);
    print(`${CONCURRENT_CHECKS} concurrent session checks:`);
    print(`  through SessionController (single flight): ${throughController} HTTP request(s) to Kratos`);
    print(`  straight client.whoami calls, for comparison: ${direct} HTTP request(s)`);
  } finally {
    await rawAgent.close();
    await client.close();
    await emulator.stop();
  }
}

async function registerUser(client: KratosApi): Promise<string> {
  const flow = await client.createRegistrationFlow();
  if (flow.kind !== 'success') throw new Error(`registration flow: ${flow.kind}`);
  const done = await client.submitRegistrationFlow(flow.body.id, {
    method: 'password',
    traits: { email: `bench-${Date.now()}@example.com` },
    password: 'a long and unusual bench password',
  });
  if (done.kind !== 'success' || done.body.session_token === undefined) {
    throw new Error(`registration did not return a session token: ${JSON.stringify(done)}`);
  }
  return done.body.session_token;
}

async function measure<K extends string>(paths: Record<K, Check>): Promise<Record<K, number[]>> {
  const names = Object.keys(paths) as K[];
  for (const name of names) for (let i = 0; i < WARM_UP; i++) await paths[name]();

  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  // Interleaved call by call in a fresh random order each time, so that load from elsewhere on the machine
  // (GC, other processes) hits every path alike and no path runs more often right after another one.
  for (let i = 0; i < ITERATIONS; i++) {
    for (const name of shuffled(names)) {
      const t0 = performance.now();
      await paths[name]();
      samples[name].push(performance.now() - t0);
    }
  }
  return samples;
}

/**
 * Signs a controller in with the token, fires the checks at once and counts what reached Kratos; then does the
 * same with bare client calls, which have no single flight.
 */
async function concurrentChecks(
  api: KratosApi,
  token: string,
  stats: { requests: number },
): Promise<{ throughController: number; direct: number }> {
  const controller = new SessionController({
    api,
    store: new MemoryTokenStore(),
    storeKey: api.baseUrl,
    endpoint: { url: api.baseUrl, source: 'environment' },
    keychain: () => ({ kind: 'memory', reason: 'The benchmark keeps the token in memory.', hint: '' }),
  });
  try {
    await controller.signedIn(token);
    const before = stats.requests;
    await Promise.all(Array.from({ length: CONCURRENT_CHECKS }, () => controller.check()));
    const throughController = stats.requests - before;

    const beforeDirect = stats.requests;
    await Promise.all(Array.from({ length: CONCURRENT_CHECKS }, () => api.whoami(token)));
    return { throughController, direct: stats.requests - beforeDirect };
  } finally {
    controller.dispose();
  }
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

interface Summary {
  median: number;
  p95: number;
}

function summarize(times: number[]): Summary {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const print = (line: string) => process.stdout.write(`${line}\n`);

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
