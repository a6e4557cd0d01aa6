import { describe, expect, it } from 'vitest';
import { formatCountdown, formatLocalTime } from '../../../renderer/src/session/time';

const now = Date.parse('2026-07-29T12:00:00Z');
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();

describe('formatCountdown', () => {
  it('shows the two largest units', () => {
    expect(formatCountdown(at(2 * 86_400 + 3 * 3600 + 59), now)).toBe('2 d 3 h');
    expect(formatCountdown(at(23 * 3600 + 59 * 60 + 30), now)).toBe('23 h 59 min');
    expect(formatCountdown(at(4 * 60 + 5), now)).toBe('4 min 05 s');
    expect(formatCountdown(at(42), now)).toBe('42 s');
  });

  it('rounds down, so it never promises time that is not there', () => {
    expect(formatCountdown(new Date(now + 1999).toISOString(), now)).toBe('1 s');
  });

  it('says expired at and after the expiry time, unknown without one', () => {
    expect(formatCountdown(at(0), now)).toBe('expired');
    expect(formatCountdown(at(-60), now)).toBe('expired');
    expect(formatCountdown(undefined, now)).toBe('unknown');
    expect(formatCountdown('not a date', now)).toBe('unknown');
  });
});

describe('formatLocalTime', () => {
  it('formats local date and minutes, unknown for missing or bad values', () => {
    expect(formatLocalTime(at(0))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(formatLocalTime(undefined)).toBe('unknown');
    expect(formatLocalTime('yesterday')).toBe('unknown');
  });
});
