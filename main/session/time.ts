/**
 * Kratos timestamps. The SDK types them as `Date`, but our client hands over parsed JSON (no SDK runtime
 * runs), so at run time they are RFC 3339 strings; every reader accepts both.
 */

/** Milliseconds since the epoch, or undefined for a missing or unparsable value. */
export function parseTime(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const millis = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(millis) ? undefined : millis;
}

/** ISO 8601 for the renderer, or undefined for anything that is not a representable time (never throws). */
export function toIso(value: Date | string | number | undefined): string | undefined {
  const millis = typeof value === 'number' ? value : parseTime(value);
  if (millis === undefined) return undefined;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `2026-08-01 14:05 UTC`: the same text on every machine, so notices are testable. */
export function formatUtcTime(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
