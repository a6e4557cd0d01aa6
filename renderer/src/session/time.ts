/** Time formatting for the session screen: the live expiry countdown and "when" texts. Pure functions. */

/**
 * How long until `expiresAt`, for a countdown that ticks every second: `2 d 3 h`, `23 h 59 min`,
 * `4 min 05 s`, `42 s`; `expired` once the time has passed; `unknown` without a valid time.
 */
export function formatCountdown(expiresAt: string | undefined, now: number): string {
  const end = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  if (Number.isNaN(end)) return 'unknown';
  const seconds = Math.floor((end - now) / 1000);
  if (seconds <= 0) return 'expired';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}

/** A timestamp as local date and time (`2026-07-29 14:03`), or `unknown`. */
export function formatLocalTime(value: string | undefined): string {
  const time = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(time)) return 'unknown';
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
