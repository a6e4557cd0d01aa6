import { describe, expect, it } from 'vitest';
import { formatCountdown, formatRelative, formatLocalTime } from '../../../shared/strings/time';

const now = Date.parse('2026-07-29T12:00:00Z');
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();

describe('formatCountdown', () => {
  it("shows the two largest units, in the catalogue's language (English)", () => {
    expect(formatCountdown(at(2 * 86_400 + 3 * 3600 + 59), now)).toBe('2 days 3 hr');
    expect(formatCountdown(at(86_400 + 3600), now)).toBe('1 day 1 hr');
    expect(formatCountdown(at(23 * 3600 + 59 * 60 + 30), now)).toBe('23 hr 59 min');
    expect(formatCountdown(at(4 * 60 + 5), now)).toBe('4 min 05 sec');
    expect(formatCountdown(at(42), now)).toBe('42 sec');
  });

  it('in another language, its own unit words and plurals: a translation needs no code', () => {
    expect(formatCountdown(at(2 * 86_400 + 3 * 3600), now, 'de')).toBe('2 Tg., 3 Std.');
    expect(formatCountdown(at(4 * 60 + 5), now, 'de')).toBe('4 Min., 05 Sek.');
    expect(formatCountdown(at(2 * 86_400 + 3 * 3600), now, 'pl')).toBe('2 dni i 3 godz.');
  });

  it('rounds down, so it never promises time that is not there', () => {
    expect(formatCountdown(new Date(now + 1999).toISOString(), now)).toBe('1 sec');
  });

  it('says expired at and after the expiry time, unknown without one', () => {
    expect(formatCountdown(at(0), now)).toBe('expired');
    expect(formatCountdown(at(-60), now)).toBe('expired');
    expect(formatCountdown(undefined, now)).toBe('unknown');
    expect(formatCountdown('not a date', now)).toBe('unknown');
  });
});

describe('formatLocalTime', () => {
  it('formats date and time through Intl in the given (by default the system) locale', () => {
    const when = '2026-07-29T12:00:00Z';
    expect(formatLocalTime(when, 'en-US')).toBe(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(when)),
    );
    expect(formatLocalTime(when, 'en-US')).toMatch(/^Jul 29, 2026, \d{1,2}:\d{2}\s?[AP]M$/);
    expect(formatLocalTime(when, 'de-DE')).toMatch(/^29\.07\.2026, \d{2}:\d{2}$/);
  });

  it('says unknown for missing or bad values', () => {
    expect(formatLocalTime(undefined)).toBe('unknown');
    expect(formatLocalTime('yesterday')).toBe('unknown');
  });
});

describe('formatRelative', () => {
  it("says how long ago in the largest whole unit, in the locale's words", () => {
    expect(formatRelative(at(-5 * 60 - 10), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(at(-86_400), now, 'en')).toBe('yesterday');
    expect(formatRelative(at(-3 * 3600), now, 'de')).toBe('vor 3 Stunden');
    expect(formatRelative(at(-10), now, 'en')).toBe('now');
    expect(formatRelative(undefined, now, 'en')).toBe('unknown');
  });
});
