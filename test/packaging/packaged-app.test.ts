// What `npm run dist` ships, checked on a real package: the app is built (scripts/build.mjs, as `npm run dist`
// does), then electron-builder packages it for Linux into a folder (`--linux --dir`) around a stand-in Electron
// (see stand-in-electron.ts: no Electron binary can be downloaded here). The archive, the unpacked native module and
// the fuses are then read back from what electron-builder wrote.
import { extractFile, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEndpoint } from '../../main/app/endpoint-choice';
import { readOperatorConfig } from '../../main/app/operator-config';
import { executableNames, findPackagedExecutable } from '../../scripts/package-executable';
import { fuseWireMismatches } from '../../scripts/package-fuses';
import { builderConfigFile, projectRoot } from './project';
import { SHIPPED_FUSE_WIRE, writeStandInElectronDist } from './stand-in-electron';

const run = promisify(execFile);
const operatorServer = 'https://my-project.projects.oryapis.com';
const operatorPasskeyPage = 'https://login.example.com/passkey';
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;

let workDir: string;
let executable: string;
let resourcesDir: string;
let asarFile: string;
let asarEntries: string[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kratos-desktop-packaging-'));
  const electronDist = path.join(workDir, 'electron-dist');
  const outputDir = path.join(workDir, 'release');
  await writeStandInElectronDist(electronDist, electronVersion);

  await run(process.execPath, ['scripts/build.mjs'], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 });
  // `npm run dist`'s operator step, with an operator's configuration.
  await run(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/operator-config.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      KRATOS_DESKTOP_PUBLIC_URL: operatorServer,
      KRATOS_DESKTOP_ALLOW_SERVER_CHANGE: 'false',
      KRATOS_DESKTOP_PASSKEY_PAGE_URL: operatorPasskeyPage,
    },
  });
  await run(
    path.join(projectRoot, 'node_modules', '.bin', 'electron-builder'),
    [
      '--linux',
      '--dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${outputDir}`,
    ],
    { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
  );

  executable = findPackagedExecutable(outputDir, 'linux', executableNames(builderConfigFile));
  resourcesDir = path.join(path.dirname(executable), 'resources');
  asarFile = path.join(resourcesDir, 'app.asar');
  // Entries without the leading separator, with forward slashes: "dist/main/index.cjs".
  asarEntries = listPackage(asarFile, { isPack: false }).map((entry) =>
    entry.replace(/^[\\/]/, '').replace(/\\/g, '/'),
  );
});

afterAll(async () => {
  // The next build of this checkout is not an operator's.
  await rm(path.join(projectRoot, 'dist', 'operator.json'), { force: true });
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The archive's files (its folders left out). */
const files = () => asarEntries.filter((entry) => !('files' in statFile(asarFile, entry)));

describe('the packaged Linux app', () => {
  it('has every fuse flipped as main/fuses.ts sets it (read back from the packaged binary)', async () => {
    const wire = await getCurrentFuseWire(executable);
    expect(fuseWireMismatches(wire)).toEqual([]);
  });

  it('would report a fuse left at the value Electron ships with', () => {
    // Guards the check above: the stand-in starts from Electron's shipped wire, which fails it fuse by fuse, so a
    // pass means electron-builder really flipped them.
    const shipped = Object.fromEntries([...SHIPPED_FUSE_WIRE].map((state, i) => [i, state.charCodeAt(0)]));
    expect(fuseWireMismatches(shipped)).toEqual([
      'runAsNode: expected off, found on',
      'enableCookieEncryption: expected on, found off',
      'enableNodeOptionsEnvironmentVariable: expected off, found on',
      'enableNodeCliInspectArguments: expected off, found on',
      'enableEmbeddedAsarIntegrityValidation: expected on, found off',
      'onlyLoadAppFromAsar: expected on, found off',
      'grantFileProtocolExtraPrivileges: expected off, found on',
    ]);
  });

  it('holds the main, preload and renderer bundles in app.asar', () => {
    expect(asarEntries).toContain('dist/main/index.cjs');
    expect(asarEntries).toContain('dist/preload/index.cjs');
    expect(asarEntries).toContain('dist/renderer/index.html');
    expect(files().some((entry) => /^dist\/renderer\/.+\.js$/.test(entry))).toBe(true);
  });

  it('starts on the operator’s server: the packaged configuration, read by the app’s own code', async () => {
    const packaged = path.join(workDir, 'operator.json');
    await writeFile(packaged, extractFile(asarFile, 'dist/operator.json'));
    const read = await readOperatorConfig(packaged);
    expect(read).toEqual({
      kind: 'ok',
      config: {
        kratosPublicUrl: operatorServer,
        allowServerChange: false,
        updateFeedUrl: undefined,
        passkeyPageUrl: operatorPasskeyPage,
      },
    });
    const config = read.kind === 'ok' ? read.config : undefined;
    expect(
      chooseEndpoint({
        settingsUrl: 'https://saved.example.com',
        environmentUrl: undefined,
        operator: { url: config!.kratosPublicUrl, allowServerChange: config!.allowServerChange },
      }),
    ).toEqual({ kind: 'configured', url: operatorServer, source: 'operator' });
  });

  it('carries no emulator: no bundle of it, and none of its code in any file of the package', async () => {
    expect(asarEntries.filter((entry) => entry.includes('emulator'))).toEqual([]);
    // Markers only the emulator's code has: its data file's name, and the option it serves handed sockets by.
    const markers = ['kratos-emulator.json', 'handedFrom'];
    // The markers are in the emulator bundle `npm run build` wrote beside the app: the check can find them.
    const devBundle = await readFile(path.join(projectRoot, 'dist', 'emulator', 'child.mjs'), 'utf8');
    expect(markers.filter((marker) => devBundle.includes(marker))).toEqual(markers);
    const carrying = files().filter((entry) => {
      const text = extractFile(asarFile, entry).toString('latin1');
      return markers.some((marker) => text.includes(marker));
    });
    expect(carrying).toEqual([]);
  });

  it("starts from an existing file: package.json's main is in the archive", () => {
    const manifest = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.main).toBe('dist/main/index.cjs');
    expect(asarEntries).toContain(manifest.main);
    // Nothing a user runs needs build tooling; electron-builder strips scripts, and no devDependency is listed.
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
  });

  it('holds nothing but built output, package.json and keytar', () => {
    const outsideTheAllowList = files().filter(
      (entry) =>
        entry !== 'package.json' &&
        entry !== 'dist/operator.json' &&
        !/^dist\/(main|preload|renderer)\//.test(entry) &&
        !entry.startsWith('node_modules/keytar/'),
    );
    expect(outsideTheAllowList).toEqual([]);
  });

  it('holds no TypeScript sources, tests, emulator data, env files or source maps', () => {
    const unwanted = files().filter(
      (entry) =>
        /\.(ts|tsx|mts|cts|map)$/.test(entry) ||
        /(^|\/)(test|tests|__tests__|\.emulator-data)\//.test(entry) ||
        /(^|\/)\.env(\.|$)/.test(entry),
    );
    expect(unwanted).toEqual([]);
  });

  it('packs no dependency but keytar (everything else is bundled into dist/)', () => {
    const packages = new Set(
      asarEntries.flatMap((entry) => /^node_modules\/([^/]+)\//.exec(entry)?.[1] ?? []),
    );
    expect([...packages]).toEqual(['keytar']);
  });

  it("unpacks keytar's native binary next to the archive, where it can be loaded", () => {
    const unpackedKeytar = path.join(resourcesDir, 'app.asar.unpacked', 'node_modules', 'keytar');
    expect(statFile(asarFile, 'node_modules/keytar/build/Release/keytar.node')).toMatchObject({
      unpacked: true,
    });
    // Loaded from the packaged files alone (the output folder is outside the project, so nothing resolves from the
    // project's node_modules): a run-time file left out of `files` would fail here.
    const keytar = require(unpackedKeytar) as Record<string, unknown>;
    expect(typeof keytar.getPassword).toBe('function');
    expect(typeof keytar.setPassword).toBe('function');
  });

  it('ships the renderer page that the app serves over app://', async () => {
    const html = extractFile(asarFile, 'dist/renderer/index.html').toString('utf8');
    const built = await readFile(path.join(projectRoot, 'dist', 'renderer', 'index.html'), 'utf8');
    expect(html).toBe(built);
  });
});
