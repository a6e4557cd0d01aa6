/**
 * The app's small JSON files in userData (settings.json, trait-titles.json): read and checked against a
 * schema, written atomically. Each caller decides what a missing or unusable file means for it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

export type JsonFile<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'missing' }
  | { kind: 'unreadable'; error: unknown }
  | { kind: 'not-json' }
  | { kind: 'unexpected' };

export async function readJsonFile<T>(file: string, schema: z.ZodType<T>): Promise<JsonFile<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', error };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'not-json' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { kind: 'ok', data: parsed.data } : { kind: 'unexpected' };
}

/** Temporary file + rename, readable by the user only: a crash mid-write never leaves half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}
