import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, saveSettings, settingsFileName } from '../../../main/app/settings';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'kd-settings-'));

describe('settings.json in userData', () => {
  it('defaults to no settings when the file does not exist', async () => {
    expect(await loadSettings(await tempDir())).toEqual({ ok: true, settings: {} });
  });

  it('round-trips the saved endpoint, creating the directory', async () => {
    const dir = path.join(await tempDir(), 'nested');
    await saveSettings(dir, { kratosPublicUrl: 'https://auth.example.com' });
    expect(await loadSettings(dir)).toEqual({
      ok: true,
      settings: { kratosPublicUrl: 'https://auth.example.com' },
    });
    expect(JSON.parse(await readFile(path.join(dir, settingsFileName), 'utf8'))).toEqual({
      kratosPublicUrl: 'https://auth.example.com',
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
