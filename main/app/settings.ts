/**
 * The app's non-secret settings, saved as JSON in Electron's userData directory (`settings.json`). Today that
 * is only the Kratos endpoint the user picked in the window. Never a token: those live in the SecretStore.
 *
 * A missing file means defaults. A file that is not valid (edited by hand, truncated) is reported and treated
 * as defaults rather than stopping the app; it is overwritten at the next save.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const settingsSchema = z.object({
  /** The Kratos public URL chosen in the window; absent means "use the default". */
  kratosPublicUrl: z.string().optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export type LoadedSettings =
  { ok: true; settings: Settings } | { ok: false; settings: Settings; message: string };

export const settingsFileName = 'settings.json';

export async function loadSettings(userDataDir: string): Promise<LoadedSettings> {
  const file = path.join(userDataDir, settingsFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, settings: {} };
    return { ok: false, settings: {}, message: `could not read ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, settings: {}, message: `${file} is not valid JSON; using default settings.` };
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, settings: {}, message: `${file} has unexpected content; using default settings.` };
  }
  return { ok: true, settings: parsed.data };
}

export async function saveSettings(userDataDir: string, settings: Settings): Promise<void> {
  const file = path.join(userDataDir, settingsFileName);
  await writeAtomically(file, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`);
}

/** Temporary file + rename, readable by the user only: a crash mid-write never leaves half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}
