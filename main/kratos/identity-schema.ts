/**
 * The trait titles of an identity schema (`properties.traits.properties.*.title`, nested objects included):
 * the names the schema's author gave the fields ("E-Mail", "First name"), which the window shows instead of
 * the trait keys. The schema comes from the server: only string titles are read, within bounds, and the
 * result is a list (keys from a server never become object keys).
 */
import { isRecord } from '../../shared/is-record';
import type { TraitTitle } from '../../shared/ipc-contract';

const limits = { depth: 6, titles: 200, titleLength: 200, pathLength: 256 } as const;

export function traitTitlesOf(schema: unknown): TraitTitle[] {
  const traits = propertiesOf(propertiesOf(schema)?.['traits']);
  const titles: TraitTitle[] = [];
  const walk = (properties: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, property] of Object.entries(properties)) {
      if (titles.length >= limits.titles || !isRecord(property)) continue;
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (path.length > limits.pathLength) continue;
      const title = property['title'];
      if (typeof title === 'string' && title.trim() !== '' && title.length <= limits.titleLength) {
        titles.push({ path, title: title.trim() });
      }
      const nested = propertiesOf(property);
      if (nested !== undefined && depth < limits.depth) walk(nested, path, depth + 1);
    }
  };
  if (traits !== undefined) walk(traits, '', 1);
  return titles;
}

function propertiesOf(schema: unknown): Record<string, unknown> | undefined {
  if (!isRecord(schema)) return undefined;
  const properties = schema['properties'];
  return isRecord(properties) ? properties : undefined;
}
