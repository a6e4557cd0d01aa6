/**
 * Bounds on what an IPC payload may look like before any schema looks at it. Electron delivers invoke
 * arguments through the structured-clone algorithm, which can carry cycles, Maps, Dates, typed arrays,
 * NaN and objects nested thousands deep; none of that is a legitimate request here. Only plain JSON values,
 * small and shallow, pass.
 */

export const limits = {
  /** Serialized size of a whole invoke payload, and of a flow's form values. */
  bytes: 64 * 1024,
  /** Nesting depth of flow values (`{traits: {name: {first}}}` is depth 3). */
  valuesDepth: 8,
  /**
   * Nesting depth of a whole argument tuple: a coarse guard checked before any schema runs. The precise
   * limit for form values (`valuesDepth`) is checked by their schema, with a message that names the field.
   */
  argumentsDepth: 16,
  urlLength: 2048,
} as const;

/** Names that lead from any object to `Object.prototype` (or a constructor) when used as a property key. */
const prototypeNames: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether a key could walk into a prototype anywhere on its way: itself, or any segment of it once some code
 * expands it as a path. Form names are expanded on `.` (`traits.email`), and query-string style parsers also
 * split on brackets (`a[__proto__][x]`), so both count. No Kratos form field is named like this.
 */
function isPrototypePath(key: string): boolean {
  return key.split(/[.[\]]/).some((segment) => prototypeNames.has(segment));
}

export interface ShapeProblem {
  /** Where in the value, as path segments. */
  path: (string | number)[];
  message: string;
}

/**
 * Walks `value` (breadth-first, no recursion, stops at the first problem) and reports the first thing that
 * makes it not small plain JSON.
 */
export function checkJsonShape(
  value: unknown,
  maxDepth: number = limits.valuesDepth,
  maxBytes: number = limits.bytes,
): ShapeProblem | null {
  let bytes = 0;
  const queue: { value: unknown; path: (string | number)[]; depth: number }[] = [
    { value, path: [], depth: 0 },
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { value: item, path, depth } = next;
    switch (typeof item) {
      case 'string':
        bytes += item.length + 2;
        break;
      case 'boolean':
        bytes += 5;
        break;
      case 'number':
        if (!Number.isFinite(item)) return { path, message: 'expected a finite number' };
        bytes += 8;
        break;
      case 'object': {
        if (item === null) {
          bytes += 4;
          break;
        }
        if (depth >= maxDepth) return { path, message: `nested deeper than ${maxDepth} levels` };
        const isArray = Array.isArray(item);
        const prototype: unknown = Object.getPrototypeOf(item);
        if (!isArray && prototype !== Object.prototype && prototype !== null) {
          return { path, message: 'expected plain JSON (an object, array, string, number, boolean or null)' };
        }
        for (const key of Object.keys(item)) {
          if (!isArray && isPrototypePath(key)) {
            return {
              path: [...path, key],
              message: 'forbidden key (names with __proto__, constructor or prototype are refused)',
            };
          }
          bytes += key.length + 4;
          const child = (item as Record<string, unknown>)[key];
          queue.push({ value: child, path: [...path, isArray ? Number(key) : key], depth: depth + 1 });
        }
        break;
      }
      case 'undefined':
        // An absent optional field (`{refresh: undefined}`) survives structured clone; JSON would drop it.
        break;
      default:
        // bigint, symbol, function
        return { path, message: `expected plain JSON, got ${typeof item}` };
    }
    if (bytes > maxBytes) return { path: [], message: `larger than ${maxBytes / 1024} KiB` };
  }
  return null;
}
