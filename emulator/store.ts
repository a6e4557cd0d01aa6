/**
 * All emulator state, kept in memory and, when a data directory is given, mirrored to ONE JSON file after
 * every change. The write is atomic (temp file + rename) so a crash never leaves a half-written file, and
 * synchronous so a response is only sent once its change is on disk. Passwords are stored as bcrypt hashes only.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowKind, FlowRecord } from './domain/flow';
import type { IdentityRecord } from './domain/identity';
import { isSessionActive, type SessionRecord } from './domain/session';

/** A message the emulator "sent" (a one-time code). Readable only via the test outbox. */
export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  code: string;
  template: 'recovery_code' | 'verification_code' | 'login_code' | 'registration_code';
  createdAt: string;
}

export interface StoreData {
  version: 1;
  identities: IdentityRecord[];
  sessions: SessionRecord[];
  flows: FlowRecord[];
  outbox: OutboxMessage[];
}

export const DATA_FILE_NAME = 'kratos-emulator.json';

const emptyData = (): StoreData => ({ version: 1, identities: [], sessions: [], flows: [], outbox: [] });

export class Store {
  readonly data: StoreData;
  private readonly file: string | undefined;

  private constructor(data: StoreData, file: string | undefined) {
    this.data = data;
    this.file = file;
  }

  /** In-memory store when `dataDir` is undefined; otherwise loads (or creates) `<dataDir>/kratos-emulator.json`. */
  static open(dataDir: string | undefined): Store {
    if (dataDir === undefined) return new Store(emptyData(), undefined);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, DATA_FILE_NAME);
    return new Store(readData(file), file);
  }

  /** Persists the current state. Call after every mutation. */
  commit(): void {
    if (this.file === undefined) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  identity(id: string): IdentityRecord | undefined {
    return this.data.identities.find((i) => i.id === id);
  }

  identityByPasswordIdentifier(identifier: string): IdentityRecord | undefined {
    return this.data.identities.find((i) => i.credentials.password?.identifiers.includes(identifier));
  }

  sessionByToken(token: string): SessionRecord | undefined {
    return this.data.sessions.find((s) => s.token === token);
  }

  session(id: string): SessionRecord | undefined {
    return this.data.sessions.find((s) => s.id === id);
  }

  activeSessionsOf(identityId: string, now: Date): SessionRecord[] {
    return this.data.sessions.filter((s) => s.identityId === identityId && isSessionActive(s, now));
  }

  flow(kind: FlowKind, id: string): FlowRecord | undefined {
    return this.data.flows.find((f) => f.kind === kind && f.body.id === id);
  }

  saveFlow(record: FlowRecord): void {
    const index = this.data.flows.findIndex((f) => f.body.id === record.body.id);
    if (index === -1) this.data.flows.push(record);
    else this.data.flows[index] = record;
    this.commit();
  }
}

function readData(file: string): StoreData {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw error;
  }
  const parsed = JSON.parse(raw) as Partial<StoreData>;
  if (parsed.version !== 1) throw new Error(`Unsupported emulator data file version in ${file}`);
  return { ...emptyData(), ...parsed } as StoreData;
}
