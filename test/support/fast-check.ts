/**
 * fast-check defaults for every property test of the unit suites (a vitest setup file, vitest.config.ts).
 *
 * The seed is fixed so that CI runs the same cases every time and a red run is red again on any machine.
 * `FC_SEED=<integer>` runs another sample of the same properties. A failing property prints its seed, the
 * path of the shrunk case and the smallest payload found; docs/testing.md#property-tests says how to replay it.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? 0x6b726174 : Number.parseInt(process.env.FC_SEED, 10);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);

fc.configureGlobal({ seed, numRuns: 200 });
