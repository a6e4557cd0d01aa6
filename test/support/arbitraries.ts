/** fast-check arbitraries that several property tests share (docs/testing.md#property-tests). */
import fc from 'fast-check';

/** Names that lead from any object to `Object.prototype` (or a constructor) when used as a key. */
export const prototypeNames = ['__proto__', 'constructor', 'prototype'];

/** A form field name as Kratos writes them (`password`, `totp_code`): no dot, never a prototype name. */
export const fieldName = fc
  .stringMatching(/^[a-z_][a-z0-9_]{0,11}$/)
  .filter((name) => !prototypeNames.includes(name));

/**
 * What a form with dotted names (`traits.name.first`) means, written nested: `leaf` values at the ends,
 * no empty object on the way.
 */
export function formTree(leaf: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.letrec<{ tree: Record<string, unknown> }>((tie) => ({
    tree: fc.dictionary(fieldName, fc.oneof({ depthSize: 'small' }, leaf, tie('tree')), {
      minKeys: 1,
      maxKeys: 4,
    }),
  })).tree;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf of a `formTree` value with its key path: `{a: {b: 1}}` → `[[['a', 'b'], 1]]`. */
export const leavesOf = (values: Record<string, unknown>, path: string[] = []): [string[], unknown][] =>
  Object.entries(values).flatMap(([key, child]) =>
    isPlainObject(child) ? leavesOf(child, [...path, key]) : [[[...path, key], child] as [string[], unknown]],
  );
