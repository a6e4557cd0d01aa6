/**
 * `npm run bench` (second part): what persisting costs the emulator per request as its data grows.
 *
 * Two emulators in one run, fed the same load (3,000 flow creations, 8 at a time, the red-team's scenario):
 * - baseline: in memory, nothing written;
 * - data dir: every change persisted (coalesced async writes, answered once on disk; flows stay in memory).
 * It prints the median time per request of the last 500 requests of each and their ratio (about 1: flows cost
 * no writes), the growth from the first 500 to the last (about 1: nothing scans every stored flow), and how
 * many writes the data dir needed. Numbers are printed, not asserted: speed is judged here, never in timed tests.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { start, type RunningEmulator } from '../emulator/index';
import { DATA_FILE_NAME } from '../emulator/store';

const REQUESTS = 3000;
const CONCURRENCY = 8;
const TAIL = 500;

async function load(emulator: RunningEmulator): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      const t0 = performance.now();
      const res = await request(`${emulator.url}/self-service/login/api`, {
        headers: { accept: 'application/json' },
      });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`flow creation answered ${res.statusCode}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const print = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-bench-writes-'));
  // No flow bound here: the load is the point.
  const options = { port: 0, config: { bcryptCost: 4 } };
  const baseline = await start(options);
  const persisted = await start({ ...options, dataDir });
  try {
    const baseTimes = await load(baseline);
    const fileTimes = await load(persisted);
    const base = median(baseTimes.slice(-TAIL));
    const file = median(fileTimes.slice(-TAIL));
    const first = median(fileTimes.slice(0, TAIL));
    const size = (await stat(path.join(dataDir, DATA_FILE_NAME))).size;
    print(`emulator writes: ${REQUESTS} flow creations, ${CONCURRENCY} at a time`);
    print(`  in memory (baseline), last ${TAIL}: median ${base.toFixed(3)} ms`);
    print(`  data dir, first ${TAIL}:            median ${first.toFixed(3)} ms`);
    print(`  data dir, last ${TAIL}:             median ${file.toFixed(3)} ms`);
    print(`  data dir / baseline (last ${TAIL}) = ${(file / base).toFixed(2)}x`);
    print(`  data dir, last / first ${TAIL}     = ${(file / first).toFixed(2)}x (growth as flows pile up)`);
    print(
      `  ${persisted.dataFileWrites()} file writes for ${REQUESTS} changes; file ${(size / 1e6).toFixed(1)} MB`,
    );
  } finally {
    await baseline.stop();
    await persisted.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
