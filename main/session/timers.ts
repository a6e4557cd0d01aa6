/**
 * The clock and timers the session controller uses, injectable so tests advance time instead of sleeping.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Node fires a timeout longer than this (about 24.8 days) immediately, so longer waits are chained. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
