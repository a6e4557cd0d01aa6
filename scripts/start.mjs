// `npm start`: from a fresh clone to the running app. Installs the npm dependencies when they are missing or
// stale, builds, then starts Electron on the embedded emulator. Plain Node without dependencies, because it
// runs before any are installed. Where something cannot be done, it stops with one sentence that names the
// cause and what to do (no stack trace): the person reading it has not read the code yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDependencies } from './npm-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { engines } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** `engines.node` (">=22.12") against the running Node: the sentence to print when it is too old. */
export function nodeTooOld(range = engines.node, running = process.versions.node) {
  const wanted = /^>=\s*(\d+)\.(\d+)/.exec(range);
  if (!wanted) return undefined;
  const [major, minor] = running.split('.').map(Number);
  const [wantMajor, wantMinor] = [Number(wanted[1]), Number(wanted[2])];
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return undefined;
  return (
    `this is Node ${running}, and Electron's binary download needs Node ${wantMajor}.${wantMinor} or newer ` +
    `(the current LTS): install it if Electron cannot be fetched.`
  );
}

function stop(sentence) {
  console.error(`\nnpm start: ${sentence}`);
  process.exit(1);
}

function electronPackage() {
  return createRequire(path.join(root, 'package.json')).resolve('electron/package.json');
}

/**
 * Electron's own package fetches its binary on first use and throws with a stack trace when it cannot; fetch
 * it here first instead (the same install.js), so a failure becomes one sentence. Nothing to fetch when
 * ELECTRON_OVERRIDE_DIST_PATH names an unpacked Electron (Electron's own variable).
 */
function fetchElectronBinary(oldNode) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return;
  const electronDir = path.dirname(electronPackage());
  const pathFile = path.join(electronDir, 'path.txt');
  if (existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))))
    return;
  console.info('==> downloading the Electron binary (once)');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status === 0) return;
  const cause = (result.stderr || result.error?.message || 'no reason given').trim().split('\n')[0];
  stop(
    `Electron's binary could not be downloaded (${cause}): ` +
      (oldNode
        ? `run npm start with Node ${engines.node.replace(/^>=\s*/, '')} or newer (the current LTS), online.`
        : 'run npm start again with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.'),
  );
}

function main() {
  const oldNode = nodeTooOld();
  if (oldNode) console.warn(`npm start: ${oldNode}`);

  if (!installDependencies()) {
    stop('npm ci failed (its messages are above): fix what it names, then run npm start again.');
  }

  console.info('==> building');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) stop('the build failed (its messages are above).');

  fetchElectronBinary(oldNode !== undefined);
  const electron = createRequire(path.join(root, 'package.json'))('electron');
  console.info('==> starting Kratos Desktop on the embedded Kratos emulator');
  // `.`: Electron loads package.json's `main` (dist/main/index.cjs). No endpoint variable: the embedded
  // emulator is the default endpoint.
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('error', (error) => stop(`Electron did not start (${error.message}).`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
