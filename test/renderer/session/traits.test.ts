import { describe, expect, it } from 'vitest';
import { flattenTraits, identityRows } from '../../../renderer/src/session/traits';

describe('flattenTraits', () => {
  it('flattens nested traits into dotted paths and joins lists', () => {
    expect(
      flattenTraits({
        email: 'ada@example.com',
        name: { first: 'Ada', last: 'Lovelace' },
        tags: ['a', 'b'],
        tos: true,
      }),
    ).toEqual([
      ['email', 'ada@example.com'],
      ['name.first', 'Ada'],
      ['name.last', 'Lovelace'],
      ['tags', 'a, b'],
      ['tos', 'true'],
    ]);
  });

  it('leaves out empty values', () => {
    expect(flattenTraits({ phone: null, email: 'x' })).toEqual([['email', 'x']]);
  });
});

describe('identityRows: traits in the schema’s words, one row per address with its state', () => {
  const identity = {
    traits: { email: 'ada@example.com', name: { first: 'Ada', last: 'Lovelace' } },
    verifiableAddresses: [{ value: 'ada@example.com', via: 'email', verified: false }],
  };

  it("labels traits with the schema's titles and shows an address once, with its verification state", () => {
    const titles = [
      { path: 'email', title: 'E-Mail' },
      { path: 'name.first', title: 'First name' },
    ];
    expect(identityRows(identity, titles)).toEqual([
      { label: 'First name', value: 'Ada' },
      { label: 'Name last', value: 'Lovelace' },
      // A title that only spells "email" reads as the catalogue's word, as the flows' labels do.
      { label: 'Email', value: 'ada@example.com', verified: false, via: 'email' },
    ]);
  });

  it('falls back to the key in words, and to the kind of address when no trait holds it', () => {
    const rows = identityRows(
      {
        traits: { email: 'ada@example.com' },
        verifiableAddresses: [
          { value: 'ada@example.com', via: 'email', verified: true },
          { value: '+4912345', via: 'sms', verified: false },
        ],
      },
      [],
    );
    expect(rows).toEqual([
      { label: 'Email', value: 'ada@example.com', verified: true, via: 'email' },
      { label: 'Sms', value: '+4912345', verified: false, via: 'sms' },
    ]);
  });

  it('takes a title only for its exact path, whatever the key is called', () => {
    const hostile = { traits: JSON.parse('{"__proto__":"x","constructor":"y"}'), verifiableAddresses: [] };
    expect(identityRows(hostile, [{ path: '__proto__', title: 'Proto' }])).toEqual([
      { label: 'Proto', value: 'x' },
      { label: 'Constructor', value: 'y' },
    ]);
  });
});
