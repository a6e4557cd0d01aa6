/**
 * Runs async tasks one after another per key, in call order; tasks for different keys run concurrently.
 *
 * The keychain needs this: keytar runs each call on a libuv worker thread, so two `setPassword` calls for
 * the same endpoint may finish in either order and the older token could win. VS Code's `SequencerByKey`
 * is the model. Written by hand because it is a dozen lines and the small queue libraries (p-queue,
 * async-mutex) are global queues or locks, not chains keyed by a string.
 */
export class KeyedSequencer {
  /** The tail of each key's chain; removed when the chain is idle so the map does not grow forever. */
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    // A failed task must not break the chain: the next one runs after it settles, whatever the outcome.
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** How many keys have queued or running tasks (for tests and diagnostics). */
  get activeKeys(): number {
    return this.#tails.size;
  }
}
