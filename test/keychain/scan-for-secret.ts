/**
 * Reusable leak check: which files under some directories contain a secret, in any common encoding.
 *
 * Used after every keychain suite on the test's HOME/XDG dirs, the app's data dir and os.tmpdir(): the
 * session token must be in no file at all (gnome-keyring's own keyring file is encrypted, so the
 * plaintext token must not appear there either). Other suites can import it from here.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SecretHit {
  file: string;
  /** How the secret was written: plain UTF-8, UTF-16 (Windows-style), base64 or hex. */
  encoding: 'utf8' | 'utf16le' | 'base64' | 'hex';
}

/** A bigger file makes the scan fail loudly rather than be skipped silently. */
const maxFileBytes = 256 * 1024 * 1024;

export async function scanForSecret(secret: string, roots: string[]): Promise<SecretHit[]> {
  if (secret.length < 8) throw new Error('scanForSecret: a secret this short would match by chance');
  const needles: [SecretHit['encoding'], Buffer][] = [
    ['utf8', Buffer.from(secret, 'utf8')],
    ['utf16le', Buffer.from(secret, 'utf16le')],
    ['base64', Buffer.from(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), 'utf8')],
    ['hex', Buffer.from(Buffer.from(secret, 'utf8').toString('hex'), 'utf8')],
  ];
  const hits: SecretHit[] = [];
  const seen = new Set<string>(); // roots may nest (a session dir inside os.tmpdir())
  for (const root of roots) {
    for await (const file of regularFiles(root)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const content = await readIfPossible(file);
      if (!content) continue;
      for (const [encoding, needle] of needles) {
        if (content.includes(needle)) hits.push({ file, encoding });
      }
    }
  }
  return hits;
}

/** Every regular file under `dir`; symlinks are not followed (they would lead out of the scanned tree). */
async function* regularFiles(dir: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return; // removed while scanning, or never created
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* regularFiles(path);
    else if (entry.isFile()) yield path;
    // sockets (the D-Bus bus, keyring control), fifos and symlinks hold no stored data
  }
}

async function readIfPossible(file: string): Promise<Buffer | null> {
  try {
    const { size } = await lstat(file);
    if (size > maxFileBytes) throw new Error(`scanForSecret: ${file} is ${size} bytes; scan it another way`);
    return await readFile(file);
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
