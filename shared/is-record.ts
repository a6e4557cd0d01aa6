/** A JSON object (not null, not an array): what a parsed body, a trait or a message context must be to be read by key. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
