/**
 * The app's non-secret settings, saved as JSON in Electron's userData directory (`settings.json`). Today that
 * is the Kratos endpoint the user picked in the window, the window's language and the last identifier signed in
 * with per server. Never a token or a password: tokens live in the TokenStore, passwords nowhere.
 *
 * A missing file means defaults. A file that is not valid (edited by hand, truncated) is reported and treated
 * as defaults rather than stopping the app; it is overwritten at the next save.
 */
import path from 'node:path';
import { z } from 'zod';
import { languageNames, type Language } from '../../shared/language';
import { maxIdentifierLength } from '../flows/remembered-identifier';
import { readJsonFile, writeAtomically } from './json-file';

/** Servers whose last sign-in identifier is kept (the newest; remembered-identifiers.ts). */
export const maxRememberedIdentifiers = 20;

const settingsSchema = z.object({
  /** The Kratos public URL chosen in the window; absent means "use the default". */
  kratosPublicUrl: z.string().optional(),
  /**
   * The window's language (the top bar's selector); absent means the system's. A value this version has no
   * catalogue for (a hand edit, a newer version's language) is dropped alone: the other settings stay.
   */
  language: z
    .enum(Object.keys(languageNames) as [Language, ...Language[]])
    .optional()
    .catch(undefined),
  /**
   * The identifier (email) last signed in with, per server: the next sign-in form starts with it. A list,
   * oldest first (server URLs never become object keys). A value that is not valid is dropped alone.
   */
  lastIdentifiers: z
    .array(z.object({ server: z.string().max(2048), identifier: z.string().min(1).max(maxIdentifierLength) }))
    .max(maxRememberedIdentifiers)
    .optional()
    .catch(undefined),
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

async function saveSettings(userDataDir: string, settings: Settings): Promise<void> {
  const file = path.join(userDataDir, settingsFileName);
  await writeAtomically(file, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`);
}

/** Updates in flight per settings directory: one at a time, so two changes never overwrite each other. */
const updating = new Map<string, Promise<unknown>>();

/**
 * Changes some settings and keeps the others (the endpoint switch and the language setting each own a
 * field). Reads the file again each time: it is the one truth, written by one update at a time.
 */
export function updateSettings(userDataDir: string, change: Partial<Settings>): Promise<void> {
  const previous = updating.get(userDataDir) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const { settings } = await loadSettings(userDataDir);
      await saveSettings(userDataDir, { ...settings, ...change });
    });
  updating.set(userDataDir, next);
  const forget = () => {
    if (updating.get(userDataDir) === next) updating.delete(userDataDir);
  };
  // The caller gets the failure (`next`); this bookkeeping chain must not report it a second time.
  next.then(forget, forget);
  return next;
}
