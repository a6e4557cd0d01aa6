import { describe, expect, it } from 'vitest';
import { KeyedSequencer } from '../../../main/keychain/keyed-sequencer';

/** A promise the test resolves by hand: tasks finish exactly when the test says, not after a sleep. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Lets every queued promise callback run (setImmediate fires after the microtask queue is empty). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A task that records its start, waits for its gate, records its end. */
function gatedTask(events: string[], name: string) {
  const { opened, open } = gate();
  const task = async () => {
    events.push(`start ${name}`);
    await opened;
    events.push(`end ${name}`);
    return name;
  };
  return { task, open };
}

describe('KeyedSequencer', () => {
  it('runs tasks for one key one at a time, in call order, even when later ones could finish first', async () => {
    const sequencer = new KeyedSequencer();
    const events: string[] = [];
    const [one, two, three] = ['1', '2', '3'].map((name) => gatedTask(events, name));

    const results = Promise.all([
      sequencer.run('a', one!.task),
      sequencer.run('a', two!.task),
      sequencer.run('a', three!.task),
    ]);
    await settle();
    expect(events).toEqual(['start 1']);

    // The later tasks are allowed to finish first; without the chain they would.
    three!.open();
    two!.open();
    await settle();
    expect(events).toEqual(['start 1']);

    one!.open();
    expect(await results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys concurrently', async () => {
    const sequencer = new KeyedSequencer();
    const events: string[] = [];
    const a = gatedTask(events, 'a');
    const b = gatedTask(events, 'b');

    const runA = sequencer.run('a', a.task);
    const runB = sequencer.run('b', b.task);
    await settle();
    expect(events).toEqual(['start a', 'start b']);

    b.open();
    expect(await runB).toBe('b');
    expect(events).toEqual(['start a', 'start b', 'end b']);
    a.open();
    expect(await runA).toBe('a');
  });

  it('keeps the chain going after a failed task and passes the failure to its caller only', async () => {
    const sequencer = new KeyedSequencer();
    const failed = sequencer.run('a', async () => {
      throw new Error('boom');
    });
    const next = sequencer.run('a', async () => 'next');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('forgets keys whose chains are idle', async () => {
    const sequencer = new KeyedSequencer();
    await Promise.all([sequencer.run('a', async () => 1), sequencer.run('b', async () => 2)]);
    await settle();
    expect(sequencer.activeKeys).toBe(0);
  });
});
