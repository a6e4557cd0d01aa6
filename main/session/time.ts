/** Kratos timestamps: RFC 3339 strings on the wire (shared/kratos-wire.ts), read into milliseconds here. */

/** Milliseconds since the epoch, or undefined for a missing or unparsable value. */
export function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : millis;
}

/** ISO 8601 for the renderer, or undefined for anything that is not a representable time (never throws). */
export function toIso(value: string | number | undefined): string | undefined {
  const millis = typeof value === 'number' ? value : parseTime(value);
  if (millis === undefined) return undefined;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `2026-08-01 14:05 UTC`: the same text on every machine, so notices are testable. */
export function formatUtcTime(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
