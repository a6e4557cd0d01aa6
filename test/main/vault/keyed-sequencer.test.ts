import { describe, expect, it } from 'vitest';
import { KeyedSequencer } from '../../../main/vault/keyed-sequencer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSequencer', () => {
  it('runs tasks for one key one at a time, in call order, even when later ones are faster', async () => {
    const sequencer = new KeyedSequencer();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      return name;
    };

    const results = await Promise.all([
      sequencer.run('a', task('1', 30)),
      sequencer.run('a', task('2', 1)),
      sequencer.run('a', task('3', 10)),
    ]);

    expect(results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys concurrently', async () => {
    const sequencer = new KeyedSequencer();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
    };

    await Promise.all([sequencer.run('a', task('a', 30)), sequencer.run('b', task('b', 1))]);

    expect(events).toEqual(['start a', 'start b', 'end b', 'end a']);
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
    await sleep(0);
    expect(sequencer.activeKeys).toBe(0);
  });
});
