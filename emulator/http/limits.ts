/**
 * Guards of the HTTP shell that Kratos itself does not need but a local server inside a desktop app does
 * (docs/emulator.md, "Limits"): the Host rule. Only `127.0.0.1:<port>` / `localhost:<port>` are answered: a
 * web page that rebinds its own DNS name to 127.0.0.1 sends its own name as Host, so it is refused (DNS
 * rebinding). The bound on flows is one of memory, kept by the store (store.ts).
 */

/** The Host header values this server answers: its own address and `localhost`, on its port. */
export function allowedHosts(host: string, port: number): ReadonlySet<string> {
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return new Set([`${bracketed}:${port}`.toLowerCase(), `localhost:${port}`]);
}
