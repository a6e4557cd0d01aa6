/**
 * Files the project says are byte-for-byte copies (Kratos's OpenAPI document, real Kratos payloads) stay so:
 * each folder's README lists every copy with the SHA-256 of the original, every file matches its hash, and
 * Prettier is told to leave them alone (it once rewrote them all).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getFileInfo } from 'prettier';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const folders = ['emulator/spec', 'test/fixtures/kratos'];

/** `file → sha256` from the README table rows of the form | `name` | … | `<64 hex digits>` |. */
function recordedHashes(folder: string): Map<string, string> {
  const readme = readFileSync(path.join(root, folder, 'README.md'), 'utf8');
  return new Map(
    [...readme.matchAll(/^\|\s*`([^`]+)`\s*\|.*\|\s*`([0-9a-f]{64})`\s*\|$/gm)].map(
      (row) => [row[1]!, row[2]!] as const,
    ),
  );
}

describe.each(folders)('the copies in %s', (folder) => {
  const copies = readdirSync(path.join(root, folder)).filter((name) => name.endsWith('.json'));
  const recorded = recordedHashes(folder);

  it('are each listed in the README with the hash of the original', () => {
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.filter((name) => !recorded.has(name))).toEqual([]);
    expect([...recorded.keys()].filter((name) => !copies.includes(name))).toEqual([]);
  });

  it.each(copies)('%s is byte for byte the original', (name) => {
    const bytes = readFileSync(path.join(root, folder, name));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(recorded.get(name));
  });

  it.each(copies)('%s is skipped by Prettier', async (name) => {
    const info = await getFileInfo(path.join(root, folder, name), {
      ignorePath: path.join(root, '.prettierignore'),
    });
    expect(info.ignored).toBe(true);
  });
});
