/**
 * Identity traits as label/value rows. Traits are whatever the identity schema defines and may nest:
 * `{ name: { first: 'Ada' }, emails: ['a@x', 'b@x'] }` → `{ 'name first': 'Ada', emails: 'a@x, b@x' }`.
 */
import { isRecord } from '../../../shared/is-record';

export function flattenTraits(traits: Record<string, unknown>, prefix = ''): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const [key, value] of Object.entries(traits)) {
    const name = prefix ? `${prefix} ${key}` : key;
    if (isRecord(value)) {
      Object.assign(rows, flattenTraits(value, name));
    } else if (value !== null && value !== undefined) {
      rows[name] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    }
  }
  return rows;
}
