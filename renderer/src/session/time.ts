/**
 * Time formatting for the session screen: the live expiry countdown and "when" texts, through `Intl` in the
 * system's locale. Pure functions.
 */
import { strings } from '../strings';

/**
 * How long until `expiresAt`, for a countdown that ticks every second: `2 d 3 h`, `23 h 59 min`,
 * `4 min 05 s`, `42 s`; `expired` once the time has passed; `unknown` without a valid time.
 */
export function formatCountdown(expiresAt: string | undefined, now: number): string {
  const end = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  if (Number.isNaN(end)) return strings.time.unknown;
  const seconds = Math.floor((end - now) / 1000);
  if (seconds <= 0) return strings.time.expired;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}

/** A timestamp as date and time in the system's locale and time zone (`Dec 2, 2026, 4:05 AM`), or `unknown`. */
export function formatLocalTime(value: string | undefined, locale?: string): string {
  const time = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(time)) return strings.time.unknown;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** How long ago (or from now) `value` is, in the system's words: `5 minutes ago`, `yesterday`. */
export function formatRelative(value: string | undefined, now: number, locale?: string): string {
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
