/** The list of Kratos message ids by name: one name per id, each in Kratos's seven-digit ranges. */
import { describe, expect, it } from 'vitest';
import { messageIds } from '../../shared/kratos-messages';

describe('messageIds', () => {
  it('gives every id one name, and only ids of Kratos ranges (1xxxxxx info, 4xxxxxx error)', () => {
    const ids = Object.values(messageIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[145]\d{6}$/.test(String(id)))).toEqual([]);
  });
});
