/**
 * Time formatting for the session screen: the live expiry countdown and "when" texts, through `Intl` in the
 * catalogue's language (the system's region when it matches). Pure functions.
 */
import { countdown } from '../intl-words';
import { formatLocale, strings } from './index';

/**
 * How long until `expiresAt`, for a countdown that ticks every second, in the catalogue's language:
 * `2 days 3 hr`, `23 hr 59 min`, `4 min 05 sec`, `42 sec` (shared/intl-words.ts); `expired` once the time
 * has passed; `unknown` without a valid time.
 */
export function formatCountdown(expiresAt: string | undefined, now: number, locale = formatLocale()): string {
  const end = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  if (Number.isNaN(end)) return strings.time.unknown;
  const seconds = Math.floor((end - now) / 1000);
  if (seconds <= 0) return strings.time.expired;
  return countdown(locale, seconds);
}

/** A timestamp as date and time in the system's locale and time zone (`Dec 2, 2026, 4:05 AM`), or `unknown`. */
export function formatLocalTime(value: string | undefined, locale = formatLocale()): string {
  const time = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(time)) return strings.time.unknown;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** How long ago (or from now) `value` is, in the system's words: `5 minutes ago`, `yesterday`. */
export function formatRelative(value: string | undefined, now: number, locale = formatLocale()): string {
  const time = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(time)) return strings.time.unknown;
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
