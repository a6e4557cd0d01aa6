import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, settingsFileName, updateSettings } from '../../../main/app/settings';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'kd-settings-'));

describe('settings.json in userData', () => {
  it('defaults to no settings when the file does not exist', async () => {
    expect(await loadSettings(await tempDir())).toEqual({ ok: true, settings: {} });
  });

  it('round-trips the saved endpoint, creating the directory', async () => {
    const dir = path.join(await tempDir(), 'nested');
    await updateSettings(dir, { kratosPublicUrl: 'https://auth.example.com' });
    expect(await loadSettings(dir)).toEqual({
      ok: true,
      settings: { kratosPublicUrl: 'https://auth.example.com' },
    });
    expect(JSON.parse(await readFile(path.join(dir, settingsFileName), 'utf8'))).toEqual({
      kratosPublicUrl: 'https://auth.example.com',
    });
  });

  it('changes one setting and keeps the others, also when two changes come at once', async () => {
    const dir = await tempDir();
    await updateSettings(dir, { kratosPublicUrl: 'https://auth.example.com' });
    await Promise.all([
      updateSettings(dir, { language: 'de' }),
      updateSettings(dir, { kratosPublicUrl: 'https://other.example.com' }),
    ]);
    expect(await loadSettings(dir)).toEqual({
      ok: true,
      settings: { kratosPublicUrl: 'https://other.example.com', language: 'de' },
    });
    // Back to the system's language: the field goes, the endpoint stays.
    await updateSettings(dir, { language: undefined });
    expect(JSON.parse(await readFile(path.join(dir, settingsFileName), 'utf8'))).toEqual({
      kratosPublicUrl: 'https://other.example.com',
    });
  });

  it('drops a language it has no catalogue for, and keeps the saved server', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, settingsFileName),
      JSON.stringify({ kratosPublicUrl: 'https://auth.example.com', language: 'fr' }),
    );
    expect(await loadSettings(dir)).toEqual({
      ok: true,
      settings: { kratosPublicUrl: 'https://auth.example.com' },
    });
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['{"kratosPublicUrl": 42}', /unexpected content/],
  ])('reports a damaged file (%s) and falls back to defaults', async (content, message) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, settingsFileName), content);
    const loaded = await loadSettings(dir);
    expect(loaded).toMatchObject({ ok: false, settings: {} });
    if (!loaded.ok) expect(loaded.message).toMatch(message);
  });
});
