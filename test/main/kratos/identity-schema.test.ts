import { describe, expect, it } from 'vitest';
import { traitTitlesOf } from '../../../main/kratos/identity-schema';
import emulatorSchema from '../../../emulator/identity.schema.json' with { type: 'json' };

describe('traitTitlesOf: the names the schema gives the traits', () => {
  it("reads each trait's title, nested objects as dotted paths", () => {
    const schema = {
      properties: {
        traits: {
          type: 'object',
          properties: {
            email: { type: 'string', title: 'E-Mail' },
            name: {
              type: 'object',
              title: 'Name',
              properties: { first: { title: 'First name' }, last: { type: 'string' } },
            },
          },
        },
      },
    };
    expect(traitTitlesOf(schema)).toEqual([
      { path: 'email', title: 'E-Mail' },
      { path: 'name', title: 'Name' },
      { path: 'name.first', title: 'First name' },
    ]);
  });

  it("reads the emulator's own schema", () => {
    expect(traitTitlesOf(emulatorSchema)).toEqual([
      { path: 'email', title: 'E-Mail' },
      { path: 'name', title: 'Name' },
    ]);
  });

  it('ignores what is not a string title, and anything that is not a schema', () => {
    const schema = {
      properties: {
        traits: {
          properties: {
            a: { title: 42 },
            b: { title: '   ' },
            c: { title: 'x'.repeat(201) },
            d: 'not an object',
          },
        },
      },
    };
    expect(traitTitlesOf(schema)).toEqual([]);
    for (const hostile of [null, 'schema', [], { properties: [] }, { properties: { traits: 1 } }]) {
      expect(traitTitlesOf(hostile)).toEqual([]);
    }
  });

  it('keeps a hostile key a plain entry of the list, never an object key', () => {
    const schema: unknown = JSON.parse(
      '{"properties":{"traits":{"properties":{"__proto__":{"title":"Hi"}}}}}',
    );
    const titles = traitTitlesOf(schema);
    expect(titles).toEqual([{ path: '__proto__', title: 'Hi' }]);
    expect(Object.getPrototypeOf(titles[0])).toBe(Object.prototype);
  });

  it('stops at a bounded depth and count', () => {
    let deep: Record<string, unknown> = { title: 'Leaf' };
    for (let i = 0; i < 50; i++) deep = { title: `Level`, properties: { x: deep } };
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`t${i}`, { title: `T${i}` }]));
    expect(traitTitlesOf({ properties: { traits: { properties: { x: deep } } } }).length).toBe(6);
    expect(traitTitlesOf({ properties: { traits: { properties: many } } }).length).toBe(200);
  });
});
