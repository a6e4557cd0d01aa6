/**
 * How the emulator decodes a JSON request body (`jsonBody`), as properties over generated bodies: dotted keys
 * expand as Kratos's decoderx expands them, a key path naming a prototype is refused wherever it is, nesting
 * is bounded like Go's JSON decoder, and no body makes it throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBody, MAX_BODY_DEPTH, type EmulatorRequest } from '../../../emulator/http/request';
import { fieldName, formTree, leavesOf, prototypeNames } from '../../support/arbitraries';

const decode = (body: string | Uint8Array) => jsonBody({ body: Buffer.from(body) } as EmulatorRequest);

const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);
/** What a submit means, written nested: `{traits: {name: {first: "Ada"}}, method: "password"}`. */
const tree = formTree(leaf);

/**
 * `values` as a client may spell it: under each top-level key, the first `dotted` segments of every path
 * joined with dots (`"traits.name": {"first": …}`), the rest nested.
 */
function spell(values: Record<string, unknown>, dotted: (first: string) => number): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path, value] of leavesOf(values)) {
    const split = Math.min(dotted(path[0]!), path.length);
    let target = body;
    const keys = [path.slice(0, split).join('.'), ...path.slice(split)];
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys.at(-1)!] = value;
  }
  return body;
}

const everyObject = (value: unknown): object[] =>
  typeof value === 'object' && value !== null ? [value, ...Object.values(value).flatMap(everyObject)] : [];

describe('jsonBody (properties)', () => {
  it('decodes dotted, nested and mixed spellings of the same values alike', () => {
    const splits = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(tree, splits, (values, split) => {
        const firsts = Object.keys(values);
        const body = spell(values, (first) => split[firsts.indexOf(first) % split.length]!);
        expect(decode(JSON.stringify(body))).toEqual({ ok: true, value: values });
      }),
    );
  });

  it('merges a dotted key into the object its first segment names, in either order', () => {
    fc.assert(
      fc.property(
        fieldName,
        fc.uniqueArray(fieldName, { minLength: 2, maxLength: 2 }),
        leaf,
        leaf,
        fc.boolean(),
        (key, [a, b], first, second, dottedFirst) => {
          const dotted: [string, unknown] = [`${key}.${a}`, first];
          const nested: [string, unknown] = [key, { [b!]: second }];
          const body = Object.fromEntries(dottedFirst ? [dotted, nested] : [nested, dotted]);
          expect(decode(JSON.stringify(body))).toEqual({
            ok: true,
            value: { [key]: { [a!]: first, [b!]: second } },
          });
        },
      ),
    );
  });

  it('builds every object of a dotted body without a prototype', () => {
    fc.assert(
      fc.property(tree, (values) => {
        const decoded = decode(JSON.stringify(spell(values, () => Infinity)));
        if (!decoded.ok) expect.fail(decoded.reason);
        const prototypes = everyObject(decoded.value).filter((object) => !Array.isArray(object));
        expect(prototypes.map(Object.getPrototypeOf)).toEqual(prototypes.map(() => null));
      }),
    );
  });

  it('refuses a prototype key anywhere in the body, naming its path, and plants nothing', () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const polluted = fc
      .record({
        values: tree,
        at: fc.array(fieldName, { maxLength: 4 }),
        name: fc.constantFrom(...prototypeNames),
        spelling: fc.constantFrom('$', '$.polluted', 'a.$', 'a.$.b'),
        inArray: fc.boolean(),
      })
      .map(({ values, at, name, spelling, inArray }) => {
        const key = spelling.replace('$', name);
        const payload = `{${JSON.stringify(key)}:{"polluted":true}}`;
        const wrapped = inArray ? `[1,${payload}]` : payload;
        const nested = at.reduceRight(
          (inner, segmentName) => `{${JSON.stringify(segmentName)}:${inner}}`,
          wrapped,
        );
        // The prototype key goes last, so the refusal cannot come from somewhere else.
        const body = JSON.stringify(values).replace(/}$/, `,"zz_hostile":${nested}}`);
        const path = ['zz_hostile', ...at, ...(inArray ? ['1'] : []), key].join('.');
        return { body, path };
      });
    fc.assert(
      fc.property(polluted, ({ body, path }) => {
        const decoded = decode(body);
        if (decoded.ok) expect.fail(`accepted ${body}`);
        expect(decoded.reason).toContain(`"${path}"`);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      }),
    );
  });

  it(`accepts nesting up to ${MAX_BODY_DEPTH} levels and refuses deeper, dotted keys counted`, () => {
    const depth = fc.oneof(
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: MAX_BODY_DEPTH - 3, max: MAX_BODY_DEPTH + 3 }),
      fc.integer({ min: 2 * MAX_BODY_DEPTH, max: 400_000 }),
    );
    const shaped = fc.constantFrom(
      // The body object is the first level.
      (levels: number) => `{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`,
      (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`,
      (levels: number) => JSON.stringify({ [Array<string>(levels).fill('a').join('.')]: 1 }),
      (levels: number) =>
        JSON.stringify({
          [Array<string>(Math.ceil(levels / 2))
            .fill('a')
            .join('.')]: 1,
        }).replace(
          /1}$/,
          `${'{"b":'.repeat(Math.floor(levels / 2))}1${'}'.repeat(Math.floor(levels / 2) + 1)}`,
        ),
    );
    fc.assert(
      fc.property(depth, shaped, (levels, write) => {
        expect(decode(write(levels)).ok).toBe(levels <= MAX_BODY_DEPTH);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws, whatever the bytes', () => {
    const jsonish = fc
      .array(
        fc.oneof(fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '.', '__proto__', 'a'), fc.string()),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array(), fc.string({ unit: 'binary' }), jsonish, fc.json()), (body) => {
        const decoded = decode(body);
        expect(decoded.ok || decoded.reason.length > 0).toBe(true);
      }),
    );
  });
});
