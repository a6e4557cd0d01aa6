import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanForSecret } from './scan-for-secret';

// The leak scans elsewhere assert "no hits"; these show the scanner does find a secret when there is one.
describe('scanForSecret', () => {
  const secret = `ory_st_${'k'.repeat(8)}${Date.now()}`;
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds the secret in nested files, in each encoding, and names the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'scan-'));
    await mkdir(join(dir, 'a/b'), { recursive: true });
    await writeFile(join(dir, 'a/b/plain.json'), JSON.stringify({ token: secret }));
    await writeFile(join(dir, 'a/utf16.dat'), Buffer.from(`x${secret}x`, 'utf16le'));
    await writeFile(join(dir, 'b64.txt'), Buffer.from(secret).toString('base64'));
    await writeFile(join(dir, 'hex.txt'), Buffer.from(secret).toString('hex'));
    await writeFile(join(dir, 'clean.txt'), 'nothing here');

    const hits = await scanForSecret(secret, [dir]);

    expect(hits.sort((x, y) => x.file.localeCompare(y.file))).toEqual([
      { file: join(dir, 'a/b/plain.json'), encoding: 'utf8' },
      { file: join(dir, 'a/utf16.dat'), encoding: 'utf16le' },
      { file: join(dir, 'b64.txt'), encoding: 'base64' },
      { file: join(dir, 'hex.txt'), encoding: 'hex' },
    ]);
  });

  it('does not follow symlinks out of the scanned tree, and accepts roots that do not exist', async () => {
    dir = await mkdtemp(join(tmpdir(), 'scan-'));
    const outside = await mkdtemp(join(tmpdir(), 'scan-outside-'));
    await writeFile(join(outside, 'secret.txt'), secret);
    await symlink(outside, join(dir, 'link'));
    try {
      expect(await scanForSecret(secret, [dir, join(dir, 'missing')])).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses secrets too short to mean anything', async () => {
    await expect(scanForSecret('abc', [tmpdir()])).rejects.toThrow(/too short|short/);
  });
});
