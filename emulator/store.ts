/**
 * All emulator state, kept in memory and, when a data directory is given, mirrored to ONE JSON file.
 *
 * The file holds what outlives a flow: identities, sessions, the courier's outbox and the demo identity
 * provider's accounts. Flows stay in memory
 * only: they live minutes, and a client must already cope with losing one (Kratos answers 404 or 410 and the
 * client starts a new flow), so an emulator restart that drops open flows costs a person one "start again".
 * Writing them made every request pay for every flow still stored (docs/emulator.md, "Data directory").
 *
 * Writes are asynchronous and coalesced: `commit()` only marks the state changed; one write at a time turns
 * every change made so far into a new file (temp file + rename, so a crash mid-write leaves the previous
 * complete file, never a half-written one), and skips the disk when the file's text would not change (a
 * change to flows only). The HTTP shell waits for `persisted()` before it answers, so an answer still means
 * its change is on disk, and concurrent requests share a write.
 *
 * Flows that expired more than a flow lifespan ago are dropped when a new one is stored (until then an old
 * flow still answers Kratos's 410). The memory flows take is bounded, not their number: past the budget the
 * flow used least recently is dropped (a later request for it is Kratos's 404, and the client starts again).
 * Anyone who can reach the server can create flows, so a bound on how many may be created locked the app out
 * of every flow as soon as a stranger created two a second (issue 21); a budget of memory costs the app an
 * open flow only if a stranger floods the server with megabytes in the minute the person spends on a form,
 * and the flow they are using was saved last, so it is dropped last. Stored secrets: bcrypt hashes of passwords and SHA-256 hashes of session
 * tokens, never a token itself (domain/session.ts).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowKind } from '../shared/kratos-wire';
import type { FlowRecord } from './domain/flow';
import type { IdentityRecord } from './domain/identity';
import { isSessionActive, type SessionRecord } from './domain/session';
import { hashToken } from './domain/tokens';

/** A message the emulator "sent" (a one-time code): the app's demo inbox and the tests read it. */
export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  code: string;
  template: 'recovery_code' | 'verification_code' | 'login_code' | 'registration_code';
  createdAt: string;
}

/** An account at the demo identity provider (routes/example-idp.ts): an address and its password's hash. */
interface IdpAccount {
  provider: string;
  email: string;
  passwordHash: string;
}

/** What the data file holds. */
export interface StoreData {
  version: 1;
  identities: IdentityRecord[];
  sessions: SessionRecord[];
  outbox: OutboxMessage[];
  idpAccounts: IdpAccount[];
}

export const DATA_FILE_NAME = 'kratos-emulator.json';

const emptyData = (): StoreData => ({
  version: 1,
  identities: [],
  sessions: [],
  outbox: [],
  idpAccounts: [],
});

export interface StoreOptions {
  /** Flows that expired longer ago than this are dropped when a new flow is stored. */
  keepExpiredFlowsMs: number;
  /** The memory flows may take (their JSON's length); past it the least recently saved are dropped. */
  flowBudgetBytes: number;
  now: () => Date;
}

/** What flows may take: ~10,000 ordinary flows (3 KiB each), ~2,000 that carry the longest fields allowed. */
export const DEFAULT_FLOW_BUDGET_BYTES = 32 * 1024 * 1024;

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class Store {
  readonly data: StoreData;
  /** By flow id, least recently saved first (about the order they expire in), with their size. */
  readonly #flows = new Map<string, { record: FlowRecord; bytes: number }>();
  #flowBytes = 0;
  readonly #file: string | undefined;
  readonly #options: StoreOptions;
  /** Changes committed so far, and how many of them are on disk. */
  #committed = 0;
  #written = 0;
  #writing = false;
  #waiters: Waiter[] = [];
  /** The file's text as last written (or read): a commit that would write the same text writes nothing. */
  #onDisk: string | undefined;
  /** Files written, for the tests and the benchmark. */
  writes = 0;

  private constructor(data: StoreData, file: string | undefined, options: StoreOptions) {
    this.data = data;
    this.#file = file;
    this.#options = options;
  }

  /** In-memory store when `dataDir` is undefined; otherwise loads (or creates) `<dataDir>/kratos-emulator.json`. */
  static open(dataDir: string | undefined, options: StoreOptions): Store {
    if (dataDir === undefined) return new Store(emptyData(), undefined, options);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, DATA_FILE_NAME);
    // A process killed mid-write leaves its temp file (never the data file) behind.
    for (const name of readdirSync(dataDir)) {
      if (name.startsWith(`${DATA_FILE_NAME}.`) && name.endsWith('.tmp'))
        rmSync(join(dataDir, name), { force: true });
    }
    return new Store(readData(file), file, options);
  }

  /** Marks the state changed; it is written soon, together with any other change made meanwhile. */
  commit(): void {
    if (this.#file === undefined) return;
    this.#committed++;
    if (this.#writing) return;
    this.#writing = true;
    void this.#writeLoop(this.#file);
  }

  /** Resolves once every change committed before this call is on disk (rejects if that write failed). */
  persisted(): Promise<void> {
    const upTo = this.#committed;
    if (this.#written >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ upTo, resolve, reject }));
  }

  async #writeLoop(file: string): Promise<void> {
    // Let the current request (and any others in this turn of the event loop) finish their changes first.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#written < this.#committed) {
      const upTo = this.#committed;
      try {
        const text = serialize(this.data);
        if (text !== this.#onDisk) {
          const temp = `${file}.${process.pid}.tmp`;
          await writeFile(temp, text, { mode: 0o600 });
          await rename(temp, file);
          this.#onDisk = text;
          this.writes++;
        }
        this.#written = upTo;
        this.#settle(
          (w) => w.upTo <= upTo,
          (w) => w.resolve(),
        );
      } catch (error) {
        // Those waiting learn it; the change stays in memory and the next commit tries again.
        this.#written = upTo;
        this.#settle(
          (w) => w.upTo <= upTo,
          (w) => w.reject(error),
        );
      }
    }
    this.#writing = false;
  }

  #settle(due: (waiter: Waiter) => boolean, act: (waiter: Waiter) => void): void {
    const done = this.#waiters.filter(due);
    this.#waiters = this.#waiters.filter((w) => !due(w));
    for (const waiter of done) act(waiter);
  }

  identity(id: string): IdentityRecord | undefined {
    return this.data.identities.find((i) => i.id === id);
  }

  identityByPasswordIdentifier(identifier: string): IdentityRecord | undefined {
    return this.data.identities.find((i) => i.credentials.password?.identifiers.includes(identifier));
  }

  /** The identity one of whose passkeys was made for this user handle (how Kratos finds it at sign-in). */
  identityByPasskeyUserHandle(userHandle: string): IdentityRecord | undefined {
    return this.data.identities.find((i) =>
      i.credentials.passkey?.credentials.some((c) => c.userHandle === userHandle),
    );
  }

  identityByOidc(provider: string, subject: string): IdentityRecord | undefined {
    return this.data.identities.find((i) =>
      i.credentials.oidc?.providers.some((p) => p.provider === provider && p.subject === subject),
    );
  }

  /** The login or registration flow whose social sign-in carries this `state` hash. */
  flowByOidcState(stateHash: string): FlowRecord | undefined {
    return this.#findFlow((f) => f.oidc?.stateHash === stateHash);
  }

  /** The flow of a session token exchange, found by the hashes of both codes. */
  flowByExchange(initCodeHash: string, returnToCodeHash: string): FlowRecord | undefined {
    return this.#findFlow(
      (f) => f.exchange?.initCodeHash === initCodeHash && f.exchange.returnToCodeHash === returnToCodeHash,
    );
  }

  #findFlow(fits: (flow: FlowRecord) => boolean): FlowRecord | undefined {
    for (const { record } of this.#flows.values()) if (fits(record)) return record;
    return undefined;
  }

  sessionByToken(token: string): SessionRecord | undefined {
    const hash = hashToken(token);
    return this.data.sessions.find((s) => s.tokenHash === hash);
  }

  session(id: string): SessionRecord | undefined {
    return this.data.sessions.find((s) => s.id === id);
  }

  activeSessionsOf(identityId: string, now: Date): SessionRecord[] {
    return this.data.sessions.filter((s) => s.identityId === identityId && isSessionActive(s, now));
  }

  flow(kind: FlowKind, id: string): FlowRecord | undefined {
    const flow = this.#flows.get(id)?.record;
    return flow?.kind === kind ? flow : undefined;
  }

  /** The memory stored flows take, as counted against the budget (tests). */
  get flowBytes(): number {
    return this.#flowBytes;
  }

  /**
   * Stores a flow (in memory only) as the most recently saved, and commits: the step that changed the flow
   * may have changed identities or sessions too, and a commit that leaves the file's text unchanged writes
   * nothing. Then the flows least recently saved are dropped while the budget is exceeded.
   */
  saveFlow(record: FlowRecord): void {
    const id = record.body.id;
    const previous = this.#flows.get(id);
    if (previous) {
      this.#flows.delete(id);
      this.#flowBytes -= previous.bytes;
    } else {
      this.#purgeExpiredFlows();
    }
    const bytes = JSON.stringify(record).length;
    this.#flows.set(id, { record, bytes });
    this.#flowBytes += bytes;
    for (const [oldest, { bytes: size }] of this.#flows) {
      if (this.#flowBytes <= this.#options.flowBudgetBytes || oldest === id) break;
      this.#drop(oldest, size);
    }
    this.commit();
  }

  /**
   * Drops the least recently saved flows while they expired more than `keepExpiredFlowsMs` ago, stopping at
   * the first that did not: constant time per new flow. A flow behind a longer-lived one waits for it (it
   * answers 410 a little longer, as Kratos, which keeps expired flows, always does).
   */
  #purgeExpiredFlows(): void {
    const cutoff = this.#options.now().getTime() - this.#options.keepExpiredFlowsMs;
    for (const [id, { record, bytes }] of this.#flows) {
      if (Date.parse(record.body.expires_at) > cutoff) return;
      this.#drop(id, bytes);
    }
  }

  #drop(id: string, bytes: number): void {
    this.#flows.delete(id);
    this.#flowBytes -= bytes;
  }
}

/** The data file's text: sessions without their tokens (their hashes identify them). */
function serialize(data: StoreData): string {
  return JSON.stringify({
    ...data,
    sessions: data.sessions.map(({ token: _token, ...stored }) => stored),
  });
}

function readData(file: string): StoreData {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw error;
  }
  const parsed = JSON.parse(raw) as Partial<StoreData> & { flows?: unknown };
  if (parsed.version !== 1) throw new Error(`Unsupported emulator data file version in ${file}`);
  // Files written before flows stayed in memory hold flows: dropped, as a restart drops open flows anyway.
  const { flows: _flows, ...kept } = parsed;
  const data = { ...emptyData(), ...kept } as StoreData;
  for (const session of data.sessions) {
    // Files written before tokens were hashed hold the token: hash it (the next write drops the token).
    session.tokenHash ??= hashToken(session.token);
    // No token on disk: a session gets it back in memory when a request presents it (app.ts authenticate).
    session.token = '';
  }
  return data;
}
