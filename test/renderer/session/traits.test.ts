import { describe, expect, it } from 'vitest';
import { flattenTraits } from '../../../renderer/src/session/traits';

describe('flattenTraits', () => {
  it('flattens nested traits into readable rows and joins lists', () => {
    expect(
      flattenTraits({
        email: 'ada@example.com',
        name: { first: 'Ada', last: 'Lovelace' },
        tags: ['a', 'b'],
        tos: true,
      }),
    ).toEqual({
      email: 'ada@example.com',
      'name first': 'Ada',
      'name last': 'Lovelace',
      tags: 'a, b',
      tos: 'true',
    });
  });

  it('leaves out empty values', () => {
    expect(flattenTraits({ phone: null, email: 'x' })).toEqual({ email: 'x' });
  });
});
