/**
 * Guards of the HTTP shell that Kratos itself does not need but a local server inside a desktop app does
 * (docs/emulator.md, "Limits"):
 * - the Host rule: only `127.0.0.1:<port>` / `localhost:<port>` are answered. A web page that rebinds its own
 *   DNS name to 127.0.0.1 sends its own name as Host, so it is refused (DNS rebinding);
 * - a bound on flows created per minute, answered like Ory Network's rate limit: 429 with Retry-After.
 */

/** The Host header values this server answers: its own address and `localhost`, on its port. */
export function allowedHosts(host: string, port: number): ReadonlySet<string> {
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return new Set([`${bracketed}:${port}`.toLowerCase(), `localhost:${port}`]);
}

const FLOW_CREATION = /^\/self-service\/[a-z]+\/api$/;

/** `GET /self-service/<flow>/api` creates a flow (and stores it). */
export const createsFlow = (method: string, path: string): boolean =>
  method === 'GET' && FLOW_CREATION.test(path);

/**
 * A sliding one-minute window over real (monotonic) time, not the emulator's clock: the bound is about load,
 * and tests that move the emulator's clock must not move it.
 */
export class PerMinuteLimit {
  readonly #limit: number;
  readonly #now: () => number;
  readonly #times: number[] = [];

  constructor(limit: number, now: () => number = () => performance.now()) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Counts one event; returns undefined when allowed, else the seconds until one is allowed again. */
  take(): number | undefined {
    const now = this.#now();
    while (this.#times.length > 0 && this.#times[0]! <= now - 60_000) this.#times.shift();
    if (this.#times.length >= this.#limit)
      return Math.max(1, Math.ceil((this.#times[0]! + 60_000 - now) / 1000));
    this.#times.push(now);
    return undefined;
  }
}
