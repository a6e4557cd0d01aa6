// Installs the npm dependencies when they are missing or stale: `npm ci` runs only when package-lock.json
// changed since the last install (its hash is stamped into node_modules). Shared by `npm start` and the test
// command (scripts/install-deps.sh). Plain Node without dependencies: it runs before any are installed.
// No apt, no root: what the system must provide is install-deps.sh's business.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = path.join(root, 'node_modules', '.install-stamp');

/** True when node_modules matches package-lock.json (same hash as at the last successful `npm ci`). */
export function dependenciesCurrent() {
  return readStamp() === lockHash();
}

/** Runs `npm ci` when needed; returns false (after npm printed why) when it failed. */
export function installDependencies() {
  if (dependenciesCurrent()) return true;
  console.info('==> npm ci');
  const env = { ...process.env };
  // Never let Playwright fetch a browser: the suites use the system's Chromium.
  env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';
  // keytar compiles from source against Node's headers; point node-gyp at them when this Node has them.
  const nodePrefix = path.dirname(path.dirname(process.execPath));
  if (existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir ??= nodePrefix;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) return false;
  writeFileSync(stampFile, `${lockHash()}\n`);
  return true;
}

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(path.join(root, 'package-lock.json')))
    .digest('hex');
}

function readStamp() {
  try {
    return readFileSync(stampFile, 'utf8').trim();
  } catch {
    return undefined;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(installDependencies() ? 0 : 1);
}
