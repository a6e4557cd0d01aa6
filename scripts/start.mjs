// `npm start`: from a fresh clone to the running app. Installs the npm dependencies when they are missing or
// stale, builds, starts the Kratos emulator beside the app (unless KRATOS_PUBLIC_URL names a server), then
// starts Electron on it: the app gets the emulator's URL as it would any server's, and knows nothing of
// emulators (docs/adr/0014). The codes the emulator would email are printed in this terminal. Flags after
// `npm start --` go to the emulator (`npm start -- --passkeys` offers passkeys, and the app is handed the
// emulator's passkey page as KRATOS_PASSKEY_PAGE_URL, as an operator's server names its own: docs/passkeys.md). Plain Node
// without dependencies, because it runs before any are installed. Where something cannot be done, it stops
// with one sentence that names the cause and what to do (no stack trace): the person reading it has not read
// the code yet.
import { fork, spawn, spawnSync } from 'node:child_process';
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

/** Ends the children still running, then this process (their state is in their own terminals' lines). */
const children = new Set();
/** Set on Ctrl-C / SIGTERM: the children are ending with us, which is no error. */
let ending = false;
function stop(sentence) {
  console.error(`\nnpm start: ${sentence}`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
}

/**
 * What Electron runs with: the server's URL and, when the emulator serves a passkey page, that page's address
 * (the app learns it as it would any server's, from KRATOS_PASSKEY_PAGE_URL; one set by the person wins).
 */
export function appEnvironment(environment, server) {
  const passkeyPage = environment.KRATOS_PASSKEY_PAGE_URL || server.passkeyPageUrl;
  return {
    ...environment,
    KRATOS_PUBLIC_URL: server.url,
    ...(passkeyPage ? { KRATOS_PASSKEY_PAGE_URL: passkeyPage } : {}),
  };
}

/**
 * The emulator's supervisor (dist/emulator/cli.mjs, `npm run emulator`'s program) on Kratos's port 4433, or a
 * free one when that is taken, with its data in .emulator-data/: the same URL and data on every start, so a
 * sign-in survives restarts. It holds its port until it is stopped, even when the emulator in it crashes, so
 * no other local process can take the URL the app sends its token to. `flags` are the person's (`npm start --
 * --passkeys`). Resolves with its URL, and its passkey page's when it serves one.
 */
function startEmulator(flags) {
  const emulator = fork(
    path.join(root, 'dist', 'emulator', 'cli.mjs'),
    ['--port', '4433', '--any-port', '--data-dir', path.join(root, '.emulator-data'), ...flags],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.add(emulator);
  return new Promise((resolve) => {
    const deadline = setTimeout(() => stop('the Kratos emulator did not start within 30 s.'), 30_000);
    emulator.on('message', (message) => {
      if (message?.type !== 'ready' || typeof message.url !== 'string') return;
      clearTimeout(deadline);
      const { url, passkeyPageUrl } = message;
      resolve({ url, ...(typeof passkeyPageUrl === 'string' ? { passkeyPageUrl } : {}) });
    });
    emulator.on('exit', (code) => {
      children.delete(emulator);
      if (ending) return;
      // The app must not outlive the server it was given: nothing would hold its URL any more.
      stop(`the Kratos emulator stopped (exit code ${code}); its messages are above.`);
    });
  });
}

async function main() {
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
  let server = process.env.KRATOS_PUBLIC_URL ? { url: process.env.KRATOS_PUBLIC_URL } : undefined;
  if (server) {
    console.info(`==> starting Kratos Desktop on ${server.url} (KRATOS_PUBLIC_URL)`);
  } else {
    console.info('==> starting the Kratos emulator (the codes it would email appear here)');
    server = await startEmulator(process.argv.slice(2));
    console.info(`==> starting Kratos Desktop on the Kratos emulator at ${server.url}`);
  }
  // `.`: Electron loads package.json's `main` (dist/main/index.cjs).
  const app = spawn(electron, ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: appEnvironment(process.env, server),
  });
  children.add(app);
  app.on('error', (error) => stop(`Electron did not start (${error.message}).`));
  app.on('exit', (code, signal) => {
    children.delete(app);
    for (const child of children) {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
    }
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      ending = true;
      app.kill(signal);
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
