import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonShape, limits } from '../../../main/ipc/payload-limits';
import { fieldName, formTree, leavesOf, prototypeNames } from '../../support/arbitraries';
import { collectValues, nest } from '../../../shared/flow/values';
import { input } from '../../support/nodes';

const passwordLogin = [
  input('csrf_token', 'hidden', { value: '', required: true }),
  input('identifier', 'text', { value: '' }),
  input('password', 'password', { group: 'password' }),
  input('method', 'submit', { group: 'password', value: 'password' }),
  input('totp_code', 'text', { group: 'totp' }),
  input('method', 'submit', { group: 'totp', value: 'totp' }),
  input('provider', 'submit', { group: 'oidc', value: 'google' }),
];
const [, , , passwordSubmit, , totpSubmit, googleSubmit] = passwordLogin;

describe('collectValues', () => {
  it("sends a passkey button's name with the traits, never a value typed elsewhere", () => {
    const nodes = [
      input('traits.email', 'hidden', { value: 'ada@example.org' }),
      input('passkey_register_trigger', 'button', { group: 'passkey' }),
      input('password', 'password', { group: 'password' }),
    ];
    expect(collectValues(nodes, new Map([['password', 'typed']]), nodes[1]!)).toEqual({
      traits: { email: 'ada@example.org' },
      passkey_register_trigger: '',
    });
  });

  it('sends the pressed button, its group and the default group; drops the empty csrf token', () => {
    const edits = new Map([
      ['identifier', 'ada@example.com'],
      ['password', 'secret'],
      ['totp_code', '123456'],
    ]);
    expect(collectValues(passwordLogin, edits, passwordSubmit!)).toEqual({
      identifier: 'ada@example.com',
      password: 'secret',
      method: 'password',
    });
  });

  it('sends only the pressed button when its group has no fields (social sign-in)', () => {
    expect(collectValues(passwordLogin, new Map([['password', 'typed']]), googleSubmit!)).toEqual({
      provider: 'google',
    });
  });

  it('sends the value of the button that was pressed, not the first one with that name', () => {
    expect(collectValues(passwordLogin, new Map([['totp_code', '123456']]), totpSubmit!)).toMatchObject({
      method: 'totp',
      totp_code: '123456',
    });
  });

  it('keeps a csrf token that has a value (browser flows)', () => {
    const nodes = [
      input('csrf_token', 'hidden', { value: 'abc' }),
      input('method', 'submit', { value: 'x' }),
    ];
    expect(collectValues(nodes, new Map(), nodes[1]!)).toEqual({ csrf_token: 'abc', method: 'x' });
  });

  it('nests dotted names, turns checkboxes into booleans and number fields into numbers', () => {
    const nodes = [
      input('traits.email', 'email', { group: 'password' }),
      input('traits.name.first', 'text', { group: 'password', value: 'Ada' }),
      input('traits.tos', 'checkbox', { group: 'password' }),
      input('traits.newsletter', 'checkbox', { group: 'password', value: true }),
      input('traits.age', 'number', { group: 'password' }),
      input('method', 'submit', { group: 'password', value: 'password' }),
    ];
    const edits = new Map<string, string | boolean>([
      ['traits.email', 'ada@example.com'],
      ['traits.tos', true],
      ['traits.age', '36'],
    ]);
    expect(collectValues(nodes, edits, nodes[5]!)).toEqual({
      traits: { email: 'ada@example.com', name: { first: 'Ada' }, tos: true, newsletter: true, age: 36 },
      method: 'password',
    });
  });

  it('sends nothing for empty fields, so Kratos reports them as missing', () => {
    const nodes = [
      input('identifier', 'text', { value: 'kept' }),
      input('method', 'submit', { value: 'code' }),
    ];
    expect(collectValues(nodes, new Map([['identifier', '']]), nodes[1]!)).toEqual({ method: 'code' });
  });

  it('sends hidden values of the pressed group (recovery: method=code next to the code field)', () => {
    const nodes = [
      input('code', 'text', { group: 'code' }),
      input('method', 'hidden', { group: 'code', value: 'code' }),
      input('email', 'submit', { group: 'code', value: 'ada@example.com' }),
    ];
    expect(collectValues(nodes, new Map(), nodes[2]!)).toEqual({ method: 'code', email: 'ada@example.com' });
  });

  it('sends boolean button values as booleans (totp_unlink: true)', () => {
    const nodes = [input('totp_unlink', 'submit', { group: 'totp', value: true })];
    expect(collectValues(nodes, new Map(), nodes[0]!)).toEqual({ totp_unlink: true });
  });
});

describe('nest', () => {
  it('builds objects from dotted names', () => {
    expect(
      nest([
        ['a.b.c', 1],
        ['a.d', 2],
        ['e', 3],
      ]),
    ).toEqual({ a: { b: { c: 1 }, d: 2 }, e: 3 });
  });

  it('ignores names that would reach the object prototype', () => {
    const values = nest([
      ['__proto__.polluted', 'yes'],
      ['constructor.prototype.polluted', 'yes'],
      ['ok', 1],
    ]);
    expect(values).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('ignores malformed names with empty segments', () => {
    expect(
      nest([
        ['a..b', 1],
        ['.a', 2],
        ['b', 3],
      ]),
    ).toEqual({ b: 3 });
  });
});

describe('nest (properties)', () => {
  const leaf = fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
  const formValues = fc.oneof(fc.constant({}), formTree(leaf));

  /** The dotted names and values of a form that means `values`. */
  const flatten = (values: Record<string, unknown>): [string, unknown][] =>
    leavesOf(values).map(([path, value]) => [path.join('.'), value]);
  /** The form's fields in any order. */
  const fieldsOf = (values: Record<string, unknown>) =>
    fc.shuffledSubarray(flatten(values), { minLength: flatten(values).length });

  it('builds the nested values from the dotted names of their fields, in any order', () => {
    fc.assert(
      fc.property(
        formValues.chain((values) => fieldsOf(values).map((fields) => ({ values, fields }))),
        ({ values, fields }) => {
          expect(nest(fields)).toEqual(values);
        },
      ),
    );
  });

  it('drops every name with a prototype or empty segment, and plants nothing on Object.prototype', () => {
    const badName = fc
      .record({
        before: fc.array(fieldName, { maxLength: 3 }),
        bad: fc.constantFrom(...prototypeNames, ''),
        after: fc.array(fieldName, { maxLength: 3 }),
      })
      .map(({ before, bad, after }) => [...before, bad, ...after].join('.'));
    const badField = fc.tuple(badName, fc.constantFrom<unknown>('yes', { polluted: true }));
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(
        formValues.chain((values) =>
          fc
            .tuple(fieldsOf(values), fc.array(badField, { minLength: 1, maxLength: 4 }))
            .chain(([good, bad]) =>
              fc.shuffledSubarray([...good, ...bad], { minLength: good.length + bad.length }),
            )
            .map((fields) => ({ values, fields })),
        ),
        ({ values, fields }) => {
          expect(nest(fields)).toEqual(values);
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
    );
  });

  it(`builds values main accepts for names of up to ${limits.valuesDepth} segments, and that main refuses beyond, naming the field`, () => {
    fc.assert(
      fc.property(
        fc.array(fieldName, { minLength: 1, maxLength: 2 * limits.valuesDepth }),
        leaf,
        (path, value) => {
          const problem = checkJsonShape(nest([[path.join('.'), value]]));
          if (path.length <= limits.valuesDepth) expect(problem).toBeNull();
          else
            expect(problem).toEqual({
              path: path.slice(0, limits.valuesDepth),
              message: `nested deeper than ${limits.valuesDepth} levels`,
            });
        },
      ),
    );
  });
});
