// Reads the fuse wire out of a packaged Electron executable and compares it with main/fuses.ts.
//   npx tsx scripts/package-fuses.ts <packaged executable or .app>
// Exits non-zero and names each fuse that differs. Used by test/packaging/packaged-app.test.ts (on a stand-in
// binary) and by .github/workflows/release.yml (on the real Electron binary of every installer it builds).
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { pathToFileURL } from 'node:url';
import { electronFuses, type ElectronFuses } from '../main/fuses';

type FuseName = Exclude<keyof ElectronFuses, 'resetAdHocDarwinSignature'>;

// Where each fuse sits on the wire. A Record over every fuse name, so a fuse added to main/fuses.ts without a
// place here does not compile.
const wirePosition: Record<FuseName, number> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

// WasmTrapHandlers (Electron ≥ 43) is newer than the @electron/fuses electron-builder 26 uses, so it cannot be
// flipped: it must keep Electron's default, on (see main/fuses.ts).
const WASM_TRAP_HANDLERS = 8;

// The wire stores one ASCII byte per fuse: '1' on, '0' off, 'r' removed from this Electron version.
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

/** A wire as @electron/fuses reads it: wire position → state byte (plus a `version` key, ignored here). */
export type FuseWire = Readonly<Record<string, unknown>>;

/** The expected state of each wire position, with the fuse's name for messages. */
export function expectedFuseWire(
  fuses: ElectronFuses = electronFuses,
): Map<number, { name: string; on: boolean }> {
  const expected = new Map<number, { name: string; on: boolean }>();
  for (const [name, position] of Object.entries(wirePosition)) {
    expected.set(position, { name, on: fuses[name as FuseName] });
  }
  expected.set(WASM_TRAP_HANDLERS, { name: 'wasmTrapHandlers (not settable, Electron default)', on: true });
  return expected;
}

/** Every difference between a wire read from a binary and main/fuses.ts, as sentences; empty when they agree. */
export function fuseWireMismatches(wire: FuseWire, fuses: ElectronFuses = electronFuses): string[] {
  const expected = expectedFuseWire(fuses);
  const problems: string[] = [];
  for (const [position, { name, on }] of expected) {
    const found = wire[position];
    if (typeof found !== 'number') {
      problems.push(
        `${name}: not on the wire (fuse ${position}); this Electron is older than the config expects`,
      );
    } else if (found !== (on ? ON : OFF)) {
      problems.push(`${name}: expected ${on ? 'on' : 'off'}, found ${describeState(found)}`);
    }
  }
  for (const key of Object.keys(wire)) {
    const position = Number(key);
    if (Number.isInteger(position) && !expected.has(position)) {
      problems.push(`fuse ${position} is unknown to this check: decide its value in main/fuses.ts`);
    }
  }
  return problems;
}

function describeState(byte: number): string {
  if (byte === ON) return 'on';
  if (byte === OFF) return 'off';
  return `byte ${byte} (${JSON.stringify(String.fromCharCode(byte))})`;
}

async function main(executable: string | undefined): Promise<number> {
  if (!executable) {
    console.error('usage: tsx scripts/package-fuses.ts <packaged executable or .app>');
    return 2;
  }
  const problems = fuseWireMismatches(await getCurrentFuseWire(executable));
  for (const problem of problems) console.error(`✗ ${problem}`);
  if (problems.length === 0) console.info(`✓ every fuse of ${executable} is as main/fuses.ts sets it`);
  return problems.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv[2]);
}
