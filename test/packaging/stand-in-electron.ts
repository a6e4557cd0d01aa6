// A stand-in for Electron's Linux x64 distribution, for packaging where Electron's binary cannot be downloaded.
// electron-builder copies the folder, renames `electron` to the app's executable, adds resources/app.asar and
// flips the fuses. The stand-in `electron` is a shell script (it cannot run the app) that carries what
// @electron/fuses looks for in the real binary: the fuse sentinel, then the wire version, its length and one
// ASCII byte per fuse. So the real fuse-flipping code runs, and the result can be read back like a real build's.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;

/**
 * Electron 45's fuses as it ships them (0 = off, 1 = on), by wire position: RunAsNode, EnableCookieEncryption,
 * EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation,
 * OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges, WasmTrapHandlers.
 * Every fuse the app changes starts at the opposite value, so a fuse electron-builder failed to flip shows.
 */
export const SHIPPED_FUSE_WIRE = '101100011';

/** Writes the stand-in distribution into `dir` (which must not exist yet or be empty). */
export async function writeStandInElectronDist(dir: string, electronVersion: string): Promise<void> {
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  const script = [
    '#!/bin/sh',
    'echo "stand-in Electron binary made by test/packaging: it cannot run the app" >&2',
    'exit 1',
    `# ${FUSE_SENTINEL}`,
  ].join('\n');
  const wire = Buffer.concat([
    Buffer.from(script, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, SHIPPED_FUSE_WIRE.length]),
    Buffer.from(`${SHIPPED_FUSE_WIRE}\n`, 'latin1'),
  ]);
  await writeFile(path.join(dir, 'electron'), wire);
  await chmod(path.join(dir, 'electron'), 0o755);
  await writeFile(path.join(dir, 'chrome-sandbox'), '');
  await writeFile(path.join(dir, 'version'), `${electronVersion}\n`);
  await writeFile(path.join(dir, 'LICENSE'), 'stand-in for Electron’s LICENSE\n');
  await writeFile(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in for Chromium’s licenses</p>\n');
  await writeFile(path.join(dir, 'locales', 'en-US.pak'), '');
}

/**
 * A stand-in Electron for `npm start` (pointed at with ELECTRON_OVERRIDE_DIST_PATH): `electron` writes its
 * working directory, then each argument, one per line, to `recordFile`; to `recordFile`.server the server it
 * was handed (KRATOS_PUBLIC_URL) and what that server's health check answered while it ran; and exits 0.
 */
export async function writeRecordingElectron(dir: string, recordFile: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const probe =
    "const url = process.env.KRATOS_PUBLIC_URL; fetch(url + '/health/alive').then(" +
    "(r) => console.log(url, r.status), () => console.log(url, 'unreachable'))";
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$PWD" "$@" > '${recordFile}'`,
    `node -e "${probe}" > '${recordFile}.server'`,
    'exit 0',
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'electron'), script);
  await chmod(path.join(dir, 'electron'), 0o755);
}
