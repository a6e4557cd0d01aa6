/**
 * The app's non-secret settings, saved as JSON in Electron's userData directory (`settings.json`). Today that
 * is only the Kratos endpoint the user picked in the window. Never a token: those live in the SecretStore.
 *
 * A missing file means defaults. A file that is not valid (edited by hand, truncated) is reported and treated
 * as defaults rather than stopping the app; it is overwritten at the next save.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeAtomically } from './json-file';

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
  const read = await readJsonFile(file, settingsSchema);
  switch (read.kind) {
    case 'ok':
      return { ok: true, settings: read.data };
    case 'missing':
      return { ok: true, settings: {} };
    case 'unreadable':
      return { ok: false, settings: {}, message: `could not read ${file}: ${(read.error as Error).message}` };
    case 'not-json':
      return { ok: false, settings: {}, message: `${file} is not valid JSON; using default settings.` };
    case 'unexpected':
      return { ok: false, settings: {}, message: `${file} has unexpected content; using default settings.` };
  }
}

export async function saveSettings(userDataDir: string, settings: Settings): Promise<void> {
  const file = path.join(userDataDir, settingsFileName);
  await writeAtomically(file, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`);
}
