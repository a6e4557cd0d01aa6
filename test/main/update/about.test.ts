/**
 * The About operations as the window reaches them: the app core answers `about` with the shell's versions,
 * the server in use and the update state, and `restartToUpdate` only when a verified update is ready.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateView } from '../../../shared/ipc-contract';
import { AppCore } from '../../../main/app/core';
import { buildConnection } from '../../../main/app/wiring';
import { createMemoryLogger } from '../../../main/log';
import { text } from '../../../main/strings';
import { processInfo, updatesOff, type AppInfo, type UpdateSource } from '../../../main/update/about';
import { memoryKeychain } from '../app/memory-keychain';

const versions = { appVersion: '0.1.0', electronVersion: '45.4.1', chromiumVersion: '140.0.7339.0' };
const cores: AppCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
});

async function openCore(environmentUrl: string | undefined, about?: AppInfo) {
  const core = await AppCore.open({
    userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-about-')),
    environmentUrl,
    keychain: memoryKeychain(),
    connect: buildConnection,
    openExternal: async () => undefined,
    confirmEndpoint: async () => false,
    ...(about ? { about } : {}),
    log: createMemoryLogger(),
  });
  cores.push(core);
  return core;
}

/** An update source in a given state, recording installs. */
function source(view: UpdateView): UpdateSource & { installs: number } {
  const recorded = {
    installs: 0,
    view: () => view,
    onChange: () => () => undefined,
    restartToUpdate: () => {
      if (view.state !== 'ready') return { ok: false };
      recorded.installs += 1;
      return { ok: true };
    },
  };
  return recorded;
}

describe('about', () => {
  it('answers with the versions, the server in use and where updates stand', async () => {
    const core = await openCore('http://127.0.0.1:4433', { versions, updates: updatesOff('no-feed') });
    expect(await core.about()).toEqual({
      ...versions,
      server: { url: 'http://127.0.0.1:4433', source: 'environment' },
      update: { state: 'off', reason: 'no-feed' },
    });
  });

  it('says no server before one is chosen', async () => {
    const core = await openCore(undefined, { versions, updates: updatesOff('development') });
    expect((await core.about()).server).toBeUndefined();
  });

  it('outside the app (terminal client, tests) it names the process’s versions and never updates', async () => {
    const core = await openCore(undefined);
    const about = await core.about();
    expect(about.update).toEqual({ state: 'off', reason: 'development' });
    expect(about).toMatchObject(processInfo().versions);
  });
});

describe('restartToUpdate', () => {
  it('installs a verified update on the person’s request', async () => {
    const updates = source({ state: 'ready', version: '0.2.0' });
    const core = await openCore(undefined, { versions, updates });
    expect(await core.restartToUpdate()).toEqual({ kind: 'ok' });
    expect(updates.installs).toBe(1);
  });

  it.each<UpdateView>([
    { state: 'off', reason: 'development' },
    { state: 'downloading', version: '0.2.0', percent: 40 },
    { state: 'failed', version: '0.2.0', reason: 'not-verified' },
  ])('is refused in words while the update is $state (a page cannot make the app quit)', async (view) => {
    const updates = source(view);
    const core = await openCore(undefined, { versions, updates });
    expect(await core.restartToUpdate()).toEqual({ kind: 'error', message: text.update.notReady });
    expect(updates.installs).toBe(0);
  });
});
