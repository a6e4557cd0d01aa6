// Electronegativity (Doyensec's scanner for Electron security misconfigurations) over the app's own source:
// main/, preload/, shared/, renderer/ and package.json. Every finding must be in electronegativity-accepted.json
// with the reason it is acceptable, and listed in docs/security.md. Tests, the emulator and scripts are not
// shipped and are not scanned.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accepted from './electronegativity-accepted.json' with { type: 'json' };
import { projectRoot } from './project';

type Finding = { id: string; file: string; location: { line: number; column: number }; description: string };
type ScanResult = { issues: Finding[]; errors: { file: string; message: string; tolerable: boolean }[] };
type Scan = (options: {
  input: string;
  isRelative: boolean;
  excludeFromScan: string[];
}) => Promise<ScanResult>;

// Electronegativity fetches translations and Electron's release list over the network. Tests here run offline by
// design, so its HTTP client (`got`, resolved the way Electronegativity resolves it) is replaced in Node's module
// cache by one that fails at once, which it handles by falling back to its bundled English strings.
function loadOfflineElectronegativity(): Scan {
  const require = createRequire(import.meta.url);
  const scannerPath = require.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(scannerPath).resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('no network in tests')), {
    head: () => Promise.reject(new Error('no network in tests')),
  });
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: offline,
  } as NodeJS.Module;
  return require(scannerPath) as Scan;
}

const scan = loadOfflineElectronegativity();
const excludeFromScan = accepted.excludedChecks.map((excluded) => excluded.check);
const key = (finding: { id: string; file: string }) => `${finding.id} in ${finding.file}`;

let workDir: string;
let result: ScanResult;

beforeAll(async () => {
  // The scan input is a copy holding only the shipped source, so the reported paths read "main/window.ts".
  workDir = await mkdtemp(path.join(tmpdir(), 'kratos-desktop-electronegativity-'));
  const sources = path.join(workDir, 'app');
  for (const dir of ['main', 'preload', 'shared', 'renderer']) {
    await cp(path.join(projectRoot, dir), path.join(sources, dir), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}node_modules`),
    });
  }
  await cp(path.join(projectRoot, 'package.json'), path.join(sources, 'package.json'));
  result = await scan({ input: sources, isRelative: true, excludeFromScan });
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Electronegativity over main/, preload/, shared/ and renderer/', () => {
  it('parses every file (a file it cannot parse would go unchecked)', () => {
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
  });

  it('reports nothing that was not reviewed and accepted', () => {
    const acceptedKeys = new Set(accepted.accepted.map(key));
    const unexpected = result.issues
      .filter((finding) => !acceptedKeys.has(key(finding)))
      .map((finding) => `${key(finding)}:${finding.location.line} — ${finding.description}`);
    expect(unexpected).toEqual([]);
  });

  it('still reports every accepted finding (an entry no longer needed must be removed)', () => {
    const found = new Set(result.issues.map(key));
    expect(accepted.accepted.map(key).filter((entry) => !found.has(entry))).toEqual([]);
  });

  it('gives a reason for every accepted finding and excluded check', () => {
    for (const entry of [...accepted.accepted, ...accepted.excludedChecks]) {
      expect(entry.reason.trim().length, JSON.stringify(entry)).toBeGreaterThan(20);
    }
  });

  it('lists every accepted finding and excluded check in docs/security.md', async () => {
    const section = await readFile(path.join(projectRoot, 'docs/security.md'), 'utf8');
    const rows = section.split('\n');
    const missing = [
      ...accepted.accepted
        .filter((entry) => !rows.some((row) => row.includes(entry.id) && row.includes(entry.file)))
        .map(key),
      ...accepted.excludedChecks
        .filter((entry) => !section.includes(entry.check))
        .map((entry) => entry.check),
    ];
    expect(missing).toEqual([]);
  });
});

describe('Electronegativity itself', () => {
  it('flags a window that turns off context isolation and the sandbox', async () => {
    // Guards the scan above: the same scanner, configured the same way, must see a known-bad TypeScript window.
    const insecure = path.join(workDir, 'insecure');
    await mkdir(insecure, { recursive: true });
    await writeFile(
      path.join(insecure, 'window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const window = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
      ].join('\n'),
    );
    await cp(path.join(projectRoot, 'package.json'), path.join(insecure, 'package.json'));
    const { issues } = await scan({ input: insecure, isRelative: true, excludeFromScan });
    expect(issues.map(key)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK in window.ts', 'SANDBOX_JS_CHECK in window.ts']),
    );
  });
});
