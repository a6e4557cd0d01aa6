/**
 * A local, Kratos-compatible public API for native clients: what `npm start` runs beside the app (in a
 * process of its own: emulator/process/) and the server every test talks to.
 *
 *   const emulator = await start({ port: 0 });
 *   fetch(`${emulator.url}/self-service/login/api`);
 *   await emulator.stop();
 */
import type { AddressInfo, Socket } from 'node:net';
import type { App } from './app';
import { systemClock, type Clock } from './clock';
import { defaultConfig, resolveConfig, type EmulatorConfig } from './config';
import { ignoredKeysNotice, readKratosConfig } from './config-file';
import { sessionJson } from './domain/session';
import { allowedHosts } from './http/limits';
import { createShell, type Exchange, type ServerStats } from './http/server';
import { browserRoutes, publicRoutes, testOnlyRoutes } from './routes/table';
import { DEFAULT_FLOW_BUDGET_BYTES, Store, type OutboxMessage } from './store';

export { createManualClock, type Clock, type ManualClock } from './clock';
export { defaultConfig, type EmulatorConfig } from './config';
export { EmulatorConfigError, readKratosConfig } from './config-file';
export type { Exchange } from './http/server';
export type { OutboxMessage } from './store';

export interface StartOptions {
  /** Default 4433 (Kratos's public port); 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Accept no connections itself: another process holds the port (the supervisor, emulator/process/) and
   * hands each connection in with `accept`; this is the URL it listens on. `port` and `host` are unused.
   */
  handedFrom?: string;
  /** Directory of the JSON data file; undefined keeps everything in memory. */
  dataDir?: string;
  clock?: Clock;
  config?: Partial<EmulatorConfig>;
  /**
   * A Kratos configuration file (the YAML `kratos serve -c` takes): the keys the emulator implements are
   * honoured (docs/emulator.md), the others listed once on the console. What the file leaves out is Kratos's
   * own default (`kratosDefaults`), not the demo's; `config` wins over the file.
   */
  configFile?: string;
  /** Called after every public-API response (the test spec validator uses it). */
  onExchange?: (exchange: Exchange) => void;
  /** Called with every message the emulator "sends" (`npm start` prints them in its terminal). */
  onMail?: (message: OutboxMessage) => void;
  /** TEST-ONLY: also serve GET /__emulator/outbox. Never set by the app. */
  testOnlyRoutes?: boolean;
  /** The memory stored flows may take before the least recently saved is dropped (default 32 MiB). */
  flowBudgetBytes?: number;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4433 (no trailing slash). */
  url: string;
  /** Serves a connection accepted by the process that holds the port (`handedFrom`). */
  accept(socket: Socket): void;
  stop(): Promise<void>;
  clock: Clock;
  config: EmulatorConfig;
  stats: ServerStats;
  /** Test hook: is the session with this id active (not revoked, not expired)? */
  sessionIsActive(id: string): boolean;
  /** Test hook: identities (id, traits, verifiable addresses; never credentials). */
  identities(): unknown[];
  /** Test hook: deletes an identity (as Kratos's admin API would), its sessions with it. */
  deleteIdentity(id: string): void;
  /** Test and benchmark hook: how many times the data file was written. */
  dataFileWrites(): number;
  /** Test hook: the memory stored flows take, as counted against `flowBudgetBytes`. */
  flowBytes(): number;
  /** TEST-ONLY: messages the emulator "sent" (recovery/verification codes); see also `testOnlyRoutes`. */
  outbox(): OutboxMessage[];
}

export async function start(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const fromFile = options.configFile === undefined ? undefined : readKratosConfig(options.configFile);
  if (fromFile) {
    const notice = ignoredKeysNotice(fromFile);
    if (notice) console.warn(`[kratos-emulator] ${options.configFile}: ${notice}`);
  }
  // A file starts from Kratos's own defaults (readKratosConfig); without one, the demo's.
  const config = resolveConfig(fromFile?.config ?? defaultConfig, options.config);
  const app: App = {
    store: Store.open(options.dataDir, {
      keepExpiredFlowsMs: Math.max(...Object.values(config.flowLifespanMs)),
      flowBudgetBytes: options.flowBudgetBytes ?? DEFAULT_FLOW_BUDGET_BYTES,
      now: () => clock.now(),
    }),
    config,
    clock,
    publicUrl: '',
    onMail: options.onMail ?? (() => undefined),
    idpGrants: new Map(),
  };
  const stats: ServerStats = { requests: 0, cookieOrOriginRequests: 0 };
  let hosts: ReadonlySet<string> = new Set();
  const server = createShell({
    routes: publicRoutes,
    privateRoutes: [...browserRoutes, ...(options.testOnlyRoutes ? testOnlyRoutes : [])],
    app,
    stats,
    onExchange: options.onExchange,
    allowedHosts: () => hosts,
    persisted: () => app.store.persisted(),
  });

  let url: string;
  if (options.handedFrom === undefined) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4433, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    hosts = allowedHosts(host, port);
    url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  } else {
    const handed = new URL(options.handedFrom);
    hosts = allowedHosts(handed.hostname, Number(handed.port));
    url = handed.origin;
  }
  app.publicUrl = url;

  return {
    url,
    clock,
    config,
    stats,
    accept: (socket) => {
      server.emit('connection', socket);
      // Handed over paused (the holder reads nothing): from here on this process reads it.
      socket.resume();
    },
    stop: async () => {
      if (server.listening) {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        });
      } else {
        server.closeAllConnections();
      }
      await app.store.persisted();
    },
    sessionIsActive: (id) => {
      const session = app.store.session(id);
      return (
        session !== undefined &&
        sessionJson(session, { publicUrl: url, now: clock.now(), identity: null }).active
      );
    },
    outbox: () => structuredClone(app.store.data.outbox),
    deleteIdentity: (id) => {
      app.store.data.identities = app.store.data.identities.filter((i) => i.id !== id);
      app.store.data.sessions = app.store.data.sessions.filter((s) => s.identityId !== id);
      app.store.commit();
    },
    dataFileWrites: () => app.store.writes,
    flowBytes: () => app.store.flowBytes,
    identities: () =>
      app.store.data.identities.map((i) => ({
        id: i.id,
        traits: i.traits,
        verifiable_addresses: i.verifiableAddresses,
      })),
  };
}
