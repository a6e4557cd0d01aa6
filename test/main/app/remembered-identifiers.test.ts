import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowResponse } from '../../../shared/ipc-contract';
import type { AppCore } from '../../../main/app/core';
import { settingsFileName } from '../../../main/app/settings';
import { registerInApp } from '../../support/app-core';
import { cleanUp, core, emulator, password } from './app-world';

afterEach(cleanUp);

/** The value main put in the sign-in form's visible `identifier` field (undefined: empty). */
function identifierIn(response: FlowResponse): unknown {
  if (response.kind !== 'flow') throw new Error(`no flow: ${JSON.stringify(response)}`);
  const node = response.flow.ui.nodes.find(
    (node) => 'name' in node.attributes && node.attributes.name === 'identifier',
  );
  if (node === undefined || !('value' in node.attributes)) throw new Error('no identifier field');
  return node.attributes.value === '' ? undefined : node.attributes.value;
}

async function signIn(app: AppCore, identifier: string): Promise<void> {
  const started = await app.startFlow({ kind: 'login' });
  if (started.kind !== 'flow') throw new Error('sign-in did not start');
  const done = await app.submitFlow({
    flowId: started.flow.id,
    values: { method: 'password', identifier, password },
  });
  expect(done).toMatchObject({ kind: 'done' });
}

const settingsIn = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, settingsFileName), 'utf8'));

describe('the sign-in form remembers the last email (issue 25)', () => {
  it('is empty until a sign-in, then starts with the email signed in with — after a sign-out and a restart', async () => {
    const kratos = await emulator();
    const { app, userDataDir } = await core({ environmentUrl: kratos.url });
    await registerInApp(app, 'ada@example.com', password);
    await app.logout();
    // A sign-up is not a sign-in with a typed identifier: nothing is remembered yet.
    expect(identifierIn(await app.startFlow({ kind: 'login' }))).toBeUndefined();

    await signIn(app, 'ada@example.com');
    await app.logout();
    expect(identifierIn(await app.startFlow({ kind: 'login' }))).toBe('ada@example.com');
    await app.stop();

    // Only the identifier, filed under its server: no password, no token, nothing else of the sign-in.
    const saved = await settingsIn(userDataDir);
    expect(saved).toEqual({ lastIdentifiers: [{ server: kratos.url, identifier: 'ada@example.com' }] });
    expect(JSON.stringify(saved)).not.toContain(password);

    const { app: again } = await core({ environmentUrl: kratos.url, userDataDir });
    expect(identifierIn(await again.startFlow({ kind: 'login' }))).toBe('ada@example.com');
  });

  it("never offers one server's account on another, and keeps the other settings", async () => {
    const first = await emulator();
    const second = await emulator();
    const { app, userDataDir } = await core({ environmentUrl: first.url });
    await registerInApp(app, 'first@example.com', password);
    await app.logout();
    await signIn(app, 'first@example.com');
    await app.logout();
    expect(await app.setEndpoint(second.url)).toMatchObject({ kind: 'ok' });
    expect(identifierIn(await app.startFlow({ kind: 'login' }))).toBeUndefined();
    await app.stop();

    const saved = await settingsIn(userDataDir);
    expect(saved).toEqual({
      kratosPublicUrl: second.url,
      lastIdentifiers: [{ server: first.url, identifier: 'first@example.com' }],
    });
  });

  it('ignores a bad value in settings.json and keeps the other settings', async () => {
    const kratos = await emulator();
    const { userDataDir } = await core({ environmentUrl: kratos.url });
    for (const bad of [
      'ada@example.com',
      [{ server: kratos.url, identifier: 42 }],
      [{ server: kratos.url, identifier: 'x'.repeat(1000) }],
      [{ server: kratos.url }],
    ]) {
      await writeFile(
        path.join(userDataDir, settingsFileName),
        JSON.stringify({ language: 'de', lastIdentifiers: bad }),
      );
      const { app } = await core({ environmentUrl: kratos.url, userDataDir });
      expect(identifierIn(await app.startFlow({ kind: 'login' }))).toBeUndefined();
      expect(app.languageSetting()).toBe('de');
      await app.stop();
    }
  });
});
