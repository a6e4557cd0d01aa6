/**
 * The trait titles the app has learned, per server and identity schema, kept across runs in userData
 * (`trait-titles.json`), so the session screen shows "E-Mail" instead of "Email" without asking the server:
 * they are learned from the registration and settings flows the window shows (main/flows/trait-titles.ts).
 *
 * On disk because titles are the server's configuration, the same for everyone who uses it — not personal
 * data (no traits, no identity id, no token; docs/app.md, "Trait titles"). Bounded: the newest schemas are
 * kept. A file that is not valid is reported and ignored; it is overwritten at the next change.
 */
import path from 'node:path';
import { z } from 'zod';
import type { TraitTitle } from '../../shared/ipc-contract';
import { traitTitleLimits } from '../flows/trait-titles';
import type { Logger } from '../log';
import { readJsonFile, writeAtomically } from './json-file';

export const traitTitlesFileName = 'trait-titles.json';
export const maxRememberedSchemas = 20;

const entrySchema = z.object({
  server: z.string().max(2048),
  schemaId: z.string().max(256),
  titles: z
    .array(
      z.object({
        path: z.string().min(1).max(traitTitleLimits.pathLength),
        title: z.string().min(1).max(traitTitleLimits.titleLength),
      }),
    )
    .max(traitTitleLimits.titles),
});
/** A list, oldest first: server URLs and schema ids never become object keys. */
const fileSchema = z.object({ schemas: z.array(entrySchema).max(maxRememberedSchemas) });

type Entry = z.infer<typeof entrySchema>;

export class TraitTitleStore {
  readonly #file: string;
  readonly #log: Logger;
  #entries: Entry[];
  /** Saves run one after another, each writing the entries as they are then. */
  #saved: Promise<void> = Promise.resolve();

  private constructor(file: string, log: Logger, entries: Entry[]) {
    this.#file = file;
    this.#log = log;
    this.#entries = entries;
  }

  static async open(userDataDir: string, log: Logger): Promise<TraitTitleStore> {
    const file = path.join(userDataDir, traitTitlesFileName);
    return new TraitTitleStore(file, log, await readEntries(file, log));
  }

  titles(server: string, schemaId: string): TraitTitle[] {
    return this.#find(server, schemaId)?.titles.map((title) => ({ ...title })) ?? [];
  }

  /**
   * A flow showed these titles for `schemaId`: they replace what was known (none shown: nothing learned).
   * What the file's bounds refuse is not learned: one server's 300-character schema id, written, made the
   * whole file invalid at the next start and wiped every server's titles (issue 21).
   */
  learn(server: string, schemaId: string, titles: readonly TraitTitle[]): void {
    if (titles.length === 0 || schemaId === '') return;
    const entry = { server, schemaId, titles: titles.slice(0, traitTitleLimits.titles) };
    if (!entrySchema.safeParse(entry).success) return;
    const known = this.#find(server, schemaId);
    if (known !== undefined && sameTitles(known.titles, titles)) return;
    this.#entries = [...this.#entries.filter((other) => other !== known), entry].slice(-maxRememberedSchemas);
    this.#save();
  }

  /** Settles when every change so far is on disk (or its failure logged). */
  saved(): Promise<void> {
    return this.#saved;
  }

  #find(server: string, schemaId: string): Entry | undefined {
    return this.#entries.find((entry) => entry.server === server && entry.schemaId === schemaId);
  }

  #save(): void {
    this.#saved = this.#saved.then(async () => {
      try {
        await writeAtomically(this.#file, `${JSON.stringify({ schemas: this.#entries }, null, 2)}\n`);
      } catch (error) {
        // Only a comfort is lost: the titles are learned again from the next flow.
        this.#log.warn('could not save the trait titles', { error: String(error) });
      }
    });
  }
}

async function readEntries(file: string, log: Logger): Promise<Entry[]> {
  const read = await readJsonFile(file, fileSchema);
  if (read.kind === 'ok') return read.data.schemas;
  if (read.kind === 'unreadable') log.warn('could not read the trait titles', { error: String(read.error) });
  else if (read.kind !== 'missing')
    log.warn('trait titles ignored', { reason: `${file} has unexpected content` });
  return [];
}

function sameTitles(a: readonly TraitTitle[], b: readonly TraitTitle[]): boolean {
  return (
    a.length === b.length && a.every((title, i) => title.path === b[i]?.path && title.title === b[i]?.title)
  );
}
