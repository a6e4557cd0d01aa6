/**
 * Counts and durations through Intl: the forms a sentence takes follow the language's plural rules, and
 * unit words come from the language, so a catalogue in another language is a file, not code.
 */
import { describe, expect, it } from 'vitest';
import { amount, countdown, plural } from '../../shared/intl-words';

describe('plural: the form the locale’s rules pick', () => {
  const sessions = (count: number) => ({ one: 'one session', other: `${count} sessions` });

  it('English: one and other', () => {
    expect(plural('en', 1, sessions(1))).toBe('one session');
    expect(plural('en', 0, sessions(0))).toBe('0 sessions');
    expect(plural('en', 2, sessions(2))).toBe('2 sessions');
  });

  it('Polish: few and many besides one (2 sesje, 5 sesji, 22 sesje)', () => {
    const polish = (count: number) => ({
      one: 'jedna sesja',
      few: `${count} sesje`,
      many: `${count} sesji`,
      other: `${count} sesji`,
    });
    expect(plural('pl', 1, polish(1))).toBe('jedna sesja');
    expect(plural('pl', 2, polish(2))).toBe('2 sesje');
    expect(plural('pl', 5, polish(5))).toBe('5 sesji');
    expect(plural('pl', 22, polish(22))).toBe('22 sesje');
  });

  it('a form the catalogue does not give falls back to other', () => {
    expect(plural('pl', 2, { other: 'sesje' })).toBe('sesje');
  });
});

describe('amount and countdown: unit words from the locale', () => {
  it('long units with their plural', () => {
    expect(amount('en', 1, 'minute')).toBe('1 minute');
    expect(amount('en', 45, 'minute')).toBe('45 minutes');
    expect(amount('de', 1, 'minute')).toBe('1 Minute');
    expect(amount('de', 45, 'minute')).toBe('45 Minuten');
  });

  it('a countdown in its two largest units, seconds padded after minutes', () => {
    expect(countdown('en', 3 * 86_400 + 7200 + 59)).toBe('3 days 2 hr');
    expect(countdown('en', 60 + 7)).toBe('1 min 07 sec');
    expect(countdown('en', 9)).toBe('9 sec');
    expect(countdown('de', 3600 + 60)).toBe('1 Std., 1 Min.');
  });
});
