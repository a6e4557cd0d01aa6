/**
 * Parity: the same native-client script (script.ts) against the emulator and a real Kratos with the same
 * configuration, compared on what a client depends on (view.ts). The release is KRATOS_VERSION's (v26.2.0
 * unless scripts/test-kratos.sh says v1.3.1). A difference must be listed in differences.ts, in that
 * release's list, with its reason; a listed difference that no longer occurs fails too.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRecordings, describeComparison } from './compare';
import { defaultKratosVersion } from '../support/real-kratos';
import { knownDifferences } from './differences';
import { Recorder, scenarios, type Recorded, type Scenario } from './script';
import { startEmulatorServer, startKratosServer, type ParityServer } from './servers';

const version = defaultKratosVersion();
const reportDir = path.resolve('test-results/parity', version);

async function play(start: (options: Scenario['options']) => Promise<ParityServer>, scenario: Scenario) {
  const server = await start(scenario.options);
  const recorder = new Recorder(server);
  try {
    await scenario.play(recorder);
  } finally {
    await server.stop(recorder.cookieOrOriginRequests);
  }
  return recorder.steps;
}

/**
 * Both sides' views step by step, and both raw answers (what to copy when aligning the emulator); the failure
 * report, when there is one.
 */
async function writeReports(scenario: string, emulator: Recorded[], kratos: Recorded[], report: string) {
  await mkdir(reportDir, { recursive: true });
  const views = emulator.map((step, i) => ({
    step: step.step,
    emulator: step.view,
    kratos: kratos[i]?.view,
    emulatorBody: step.body,
    kratosBody: kratos[i]?.body,
  }));
  await writeFile(path.join(reportDir, `${scenario}.views.json`), JSON.stringify(views, null, 1));
  const file = path.join(reportDir, `${scenario}.txt`);
  await writeFile(file, report);
  return file;
}

describe.each(scenarios)(`the $name scenario on the emulator and Kratos ${version}`, (scenario) => {
  it(`differs only where differences.ts says why for ${version}`, { timeout: 180_000 }, async () => {
    const emulator = await play(startEmulatorServer, scenario);
    const kratos = await play(startKratosServer, scenario);
    const listed = knownDifferences[version].filter((d) => d.scenario === scenario.name);
    const report = describeComparison(scenario.name, compareRecordings(emulator, kratos, listed));
    const file = await writeReports(scenario.name, emulator, kratos, report);
    // Test runners shorten long assertion messages: the whole report is in the file too.
    expect(report, `full report: ${file}`).toBe('');
  });
});
