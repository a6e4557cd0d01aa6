// `npm start` from a fresh clone: the dependencies are installed (a real `npm ci`, served from the npm cache
// where it can be), the app is built, the Kratos emulator is started beside it, and Electron is started on
// the app's entry point with the emulator's URL. Electron itself is a
// stand-in that records how it was called (no binary can be downloaded here), pointed at with Electron's own
// ELECTRON_OVERRIDE_DIST_PATH.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './project';
import { writeRecordingElectron } from './stand-in-electron';

const run = promisify(execFile);

let workDir: string;
let clone: string;
let record: string;
let output: string;
let exitCode: number | null;

/**
 * The files a clone of this tree holds: what git tracks plus what it would pick up (not ignored), copied as
 * they are in the working tree, so the test checks the code under test and not the last commit.
 */
async function cloneWorkingTree(to: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    const exists = await stat(path.join(projectRoot, file)).catch(() => undefined);
    if (!exists?.isFile()) continue; // deleted in the working tree, not yet in the index
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await copyFile(path.join(projectRoot, file), path.join(to, file));
  }
}

function npmStart(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: text }));
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kratos-desktop-fresh-clone-'));
  clone = path.join(workDir, 'kratos-desktop');
  record = path.join(workDir, 'electron-called-with.txt');
  await cloneWorkingTree(clone);
  await writeRecordingElectron(path.join(workDir, 'electron-dist'), record);
  const started = await npmStart(clone, {
    ...process.env,
    ELECTRON_OVERRIDE_DIST_PATH: path.join(workDir, 'electron-dist'),
    // The packages this checkout already installed are in the npm cache: use them, download the rest.
    npm_config_prefer_offline: 'true',
  });
  ({ code: exitCode, output } = started);
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('npm start on a fresh clone', () => {
  it('installs the npm dependencies and stamps them with the lockfile', async () => {
    expect(output).toContain('==> npm ci');
    const lock = await readFile(path.join(clone, 'package-lock.json'));
    const stamp = await readFile(path.join(clone, 'node_modules', '.install-stamp'), 'utf8');
    expect(stamp.trim()).toBe(createHash('sha256').update(lock).digest('hex'));
    await expect(stat(path.join(clone, 'node_modules', 'electron', 'package.json'))).resolves.toBeTruthy();
  });

  it('names the Node requirement in one sentence when this Node is older than Electron needs', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const notice = `this is Node ${process.versions.node}, and Electron's binary download needs Node 22.12`;
    if (major < 22 || (major === 22 && minor < 12)) expect(output).toContain(notice);
    else expect(output).not.toContain('this is Node');
  });

  it('builds the main, preload and renderer bundles', async () => {
    for (const file of ['dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
      expect((await stat(path.join(clone, file))).size, file).toBeGreaterThan(0);
    }
  });

  it("starts Electron in the clone on package.json's entry point, and exits with Electron's status", async () => {
    expect(exitCode, output).toBe(0);
    const [cwd, ...args] = (await readFile(record, 'utf8')).trimEnd().split('\n');
    expect(cwd).toBe(clone);
    expect(args).toEqual(['.']);
    const { main } = JSON.parse(await readFile(path.join(clone, 'package.json'), 'utf8')) as { main: string };
    expect(main).toBe('dist/main/index.cjs');
  });

  it('hands the app the URL of the emulator it started beside it, answering while the app runs', async () => {
    const [url, health] = (await readFile(`${record}.server`, 'utf8')).trim().split(' ');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(health).toBe('200');
    expect(output).toContain(`==> starting Kratos Desktop on the Kratos emulator at ${url}`);
    // …and stopped it with the app: nothing answers there any more.
    await expect(fetch(`${url}/health/alive`)).rejects.toThrow();
  });

  it('skips the install when node_modules is current, and builds again', async () => {
    await rm(record);
    const again = await npmStart(clone, {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: path.join(workDir, 'electron-dist'),
    });
    expect(again.code, again.output).toBe(0);
    expect(again.output).not.toContain('==> npm ci');
    expect(again.output).toContain('==> building');
    expect((await readFile(record, 'utf8')).split('\n')[0]).toBe(clone);
  }, 120_000);

  it('stops with one sentence, not a stack trace, when the Electron binary cannot be had', async () => {
    // No stand-in and no network here (or a download that fails): what the person sees.
    const failed = await npmStart(clone, {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: '',
      // A mirror that refuses at once, so the download fails the same way with or without internet.
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    });
    expect(failed.code).toBe(1);
    // npm adds its own "Lifecycle script failed" lines; ours is the one sentence that says why and what to do.
    const ours = failed.output.split('\n').filter((line) => line.startsWith("npm start: Electron's binary"));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/^npm start: Electron's binary could not be downloaded \(.+\): .+\.$/);
    expect(failed.output).not.toMatch(/^\s+at /m);
  }, 120_000);
});
