/**
 * The update journey against a real feed on 127.0.0.1, with electron-updater's own AppImage updater doing the
 * work (its feed parsing, version check, download, sha512 check and install); only the `electron` module is
 * replaced (fake-electron.ts: Node's http for `net.request`, a packaged app of version 0.1.0).
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppImageUpdater } from 'electron-updater';
import type { UpdateView } from '../../../shared/ipc-contract';
import { createMemoryLogger } from '../../../main/log';
import { updatePlan, updaterCacheDirName, Updates, type UpdatesOptions } from '../../../main/update/updates';
import { installFakeElectron, type FakeElectron } from './fake-electron';
import { sha512, startFeed, type Feed } from './feed';

const currentVersion = '0.1.0';
/** The "new version": a program that says it ran, so the test sees the install start it. */
const newRelease = (marker: string) => Buffer.from(`#!/bin/sh\necho started > '${marker}'\n`);

let dir: string;
let electron: FakeElectron;
let installed: string;
let feed: Feed | undefined;
let updates: Updates | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kd-updates-'));
  for (const sub of ['userData', 'cache', 'app']) await mkdir(path.join(dir, sub));
  // The installed AppImage (no version in its name: the update replaces it in place).
  installed = path.join(dir, 'app', 'kratos-desktop.AppImage');
  await writeFile(installed, '#!/bin/sh\necho old version\n');
  await chmod(installed, 0o755);
  vi.stubEnv('APPIMAGE', installed);
  vi.stubEnv('XDG_CACHE_HOME', path.join(dir, 'cache'));
  electron = installFakeElectron({ version: currentVersion, userData: path.join(dir, 'userData') });
});

afterEach(async () => {
  updates?.stop();
  updates = undefined;
  await feed?.stop();
  feed = undefined;
  electron.uninstall();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** electron-updater's real AppImage updater, on the fake `electron`. */
async function appImageUpdater(): Promise<AppImageUpdater> {
  const { AppImageUpdater } = await import('electron-updater');
  return new AppImageUpdater();
}

async function startUpdates(feedUrl: string, options: Partial<UpdatesOptions> = {}) {
  const log = createMemoryLogger();
  const seen: UpdateView[] = [];
  updates = new Updates({
    loadUpdater: appImageUpdater,
    configDir: path.join(dir, 'userData'),
    feedUrl,
    log,
    ...options,
  });
  updates.onChange((view) => seen.push(view));
  return { updates, seen, log };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every file under the updater's cache (downloads are kept there until installed). */
async function cachedFiles(): Promise<Buffer[]> {
  const root = path.join(dir, 'cache', updaterCacheDirName);
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFile(path.join(entry.parentPath, entry.name))),
  );
}

describe('the update plan', () => {
  it('never checks in a development run, even with a feed', () => {
    expect(updatePlan(false, 'https://updates.example.com/')).toEqual({ kind: 'off', reason: 'development' });
  });

  it('never checks without a feed in the operator configuration', () => {
    expect(updatePlan(true, undefined)).toEqual({ kind: 'off', reason: 'no-feed' });
  });

  it('checks the operator’s feed in a packaged app', () => {
    expect(updatePlan(true, 'https://updates.example.com/')).toEqual({
      kind: 'check',
      feedUrl: 'https://updates.example.com/',
    });
  });
});

describe('a newer version on the feed', () => {
  it('is found, downloaded, verified and offered; "Restart to update" installs and starts it', async () => {
    feed = await startFeed();
    const marker = path.join(dir, 'started');
    const bytes = newRelease(marker);
    feed.publish({ version: '0.2.0', fileName: 'kratos-desktop-0.2.0-linux-x86_64.AppImage', bytes });
    const { updates, seen } = await startUpdates(feed.url);

    await updates.start();

    expect(updates.view()).toEqual({ state: 'ready', version: '0.2.0' });
    expect(seen.map((view) => view.state)).toEqual(
      expect.arrayContaining(['checking', 'downloading', 'ready']),
    );
    expect(feed.requests).toContain('/kratos-desktop-0.2.0-linux-x86_64.AppImage');
    // Nothing installed until the person asks.
    expect(await readFile(installed, 'utf8')).toContain('old version');
    expect(electron.quits).toBe(0);

    expect(updates.restartToUpdate()).toEqual({ ok: true });

    expect(await readFile(installed)).toEqual(bytes);
    await until(() => existsSync(marker), 'the new version to start');
    await until(() => electron.quits === 1, 'the app to quit');
  });
});

describe('a download that does not match the feed', () => {
  const fileName = 'kratos-desktop-0.2.0-linux-x86_64.AppImage';
  it.each([
    ['a tampered file', (bytes: Buffer) => ({ serve: Buffer.concat([bytes, Buffer.from('echo owned\n')]) })],
    ['a wrong sha512 in the feed', () => ({ sha512: sha512(Buffer.from('another file')) })],
  ])('%s is refused: said in the state, nothing installed, no restart offered', async (_name, change) => {
    feed = await startFeed();
    const bytes = newRelease(path.join(dir, 'started'));
    feed.publish({ version: '0.2.0', fileName, bytes, ...change(bytes) });
    const { updates, log } = await startUpdates(feed.url);

    await updates.start();

    expect(updates.view()).toEqual({ state: 'failed', version: '0.2.0', reason: 'not-verified' });
    expect(feed.requests).toContain(`/${fileName}`);
    expect(log.lines.join('\n')).toMatch(/the update download was refused.*checksum mismatch/);
    expect(updates.restartToUpdate()).toEqual({ ok: false });
    expect(await readFile(installed, 'utf8')).toContain('old version');
    expect(electron.quits).toBe(0);
    // The refused bytes are not kept for a later install.
    for (const file of await cachedFiles()) expect(file.toString()).not.toContain('echo started');
  });
});

describe('the same or an older version on the feed', () => {
  it.each(['0.1.0', '0.0.9'])('%s is not offered and not downloaded', async (version) => {
    feed = await startFeed();
    const fileName = `kratos-desktop-${version}-linux-x86_64.AppImage`;
    feed.publish({ version, fileName, bytes: Buffer.from('#!/bin/sh\n') });
    const { updates } = await startUpdates(feed.url, { now: () => new Date('2026-12-07T12:00:00Z') });

    await updates.start();

    expect(updates.view()).toEqual({ state: 'up-to-date', checkedAt: '2026-12-07T12:00:00.000Z' });
    expect(feed.requests).not.toContain(`/${fileName}`);
    expect(updates.restartToUpdate()).toEqual({ ok: false });
  });
});

describe('a feed that cannot be reached', () => {
  it('stays quiet and is tried again later, which finds the update once the feed is back', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const { updates, seen, log } = await startUpdates(url, {
      retryMs: 300,
      now: () => new Date('2026-12-07T12:00:00Z'),
    });

    await updates.start();

    // No error state, no message for the window: when the next try is.
    expect(updates.view()).toEqual({ state: 'unreachable', retryAt: '2026-12-07T12:00:00.300Z' });
    expect(seen.some((view) => view.state === 'failed')).toBe(false);
    expect(log.lines.join('\n')).toMatch(/the update feed could not be read; trying again later/);

    feed = await startFeed(port);
    feed.publish({
      version: '0.2.0',
      fileName: 'kratos-desktop-0.2.0-linux-x86_64.AppImage',
      bytes: newRelease(path.join(dir, 'started')),
    });
    await until(() => updates.view().state === 'ready', 'the retry to find and download the update');
  });

  it('gives a feed that never answers a deadline, then tries again later', async () => {
    const held = new Set<Socket>();
    const silent = createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { updates, log } = await startUpdates(`http://127.0.0.1:${port}/`, {
        checkDeadlineMs: 300,
        retryMs: 60_000,
      });
      const started = Date.now();
      await updates.start();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(updates.view().state).toBe('unreachable');
      expect(log.lines.join('\n')).toMatch(/the check took longer than 300 ms/);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
