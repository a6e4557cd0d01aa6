/** Time source of the emulator. Tests pass a manual clock to force expiry without sleeping. */
export interface Clock {
  now(): Date;
}

export interface ManualClock extends Clock {
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
}

export const systemClock: Clock = { now: () => new Date() };

export function createManualClock(start: Date = new Date()): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
}
