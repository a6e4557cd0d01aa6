/**
 * The terminal as the CLI's only I/O: lines out, answers in. The flow runner talks to the `Terminal`
 * interface, so its tests script the answers; `openTerminal` is the real thing over a TTY.
 *
 * Why a small line reader of our own instead of node:readline or a prompt library: readline has no hidden
 * input (the usual trick patches its private `_writeToOutput`), and a secret must never be echoed, not even
 * briefly. Reading in raw mode gives that, plus one clear meaning for Ctrl-C (cancel, nothing half-done).
 */
import { text } from './strings';

import { printable } from './printable';

export interface Terminal {
  /**
   * Writes one line (the CLI never writes the session token; callers pass human text only). The real
   * terminal removes control characters first (printable.ts): much of what is printed comes from the server.
   */
  print(line?: string): void;
  /** Asks for one line. `hidden`: nothing typed is shown (passwords, codes). */
  ask(question: string, options?: { hidden?: boolean }): Promise<string>;
  /**
   * Waits for `work` (the browser part of a social sign-in) while Ctrl-C still cancels: rejects with
   * `Cancelled` when it is pressed first. Other keys typed meanwhile are dropped.
   */
  interruptible<T>(work: Promise<T>): Promise<T>;
  /** Releases the terminal (raw mode off). */
  close(): void;
}

/** Ctrl-C or Ctrl-D at a prompt: the command stops and sends nothing more. */
export class Cancelled extends Error {
  constructor() {
    super(text.terminal.cancelled);
  }
}

/** Whether an answer to a `typeYes` question agrees ("yes", or the catalogue's own word). */
export function confirmed(answer: string): boolean {
  return text.terminal.agreed.test(answer.trim());
}

/** Commands that prompt need a terminal; in a pipe or a script they fail at once instead of hanging. */
export class NotInteractive extends Error {}

const enter = new Set(['\r', '\n']);
const erase = new Set(['\x7f', '\b']);
const interrupt = '\x03';
const endOfInput = '\x04';

export function openTerminal(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): Terminal {
  /** Characters typed ahead of the prompt that will read them (a paste may hold several answers). */
  let pending = '';
  let waiting: (() => void) | undefined;
  const onData = (chunk: Buffer | string) => {
    pending += chunk.toString();
    waiting?.();
  };
  let listening = false;
  const listen = () => {
    if (listening) return;
    if (!input.isTTY) throw new NotInteractive(text.terminal.notInteractive);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
    listening = true;
  };

  const nextCharacter = async (): Promise<string> => {
    while (pending === '') await new Promise<void>((resolve) => (waiting = resolve));
    waiting = undefined;
    // Escape sequences (arrow keys, function keys) are not line editing we support: drop them whole.
    // eslint-disable-next-line no-control-regex -- matching the terminal's ESC byte is the point
    const escape = /^\x1b(\[[0-9;?]*[A-Za-z~]|O[A-Za-z]|.)?/.exec(pending);
    const length = escape ? escape[0].length : [...pending][0]!.length;
    const character = pending.slice(0, length);
    pending = pending.slice(length);
    return escape ? '' : character;
  };

  return {
    print(line = '') {
      output.write(`${printable(line)}\n`);
    },
    async ask(question, { hidden = false } = {}) {
      listen();
      output.write(printable(question));
      let answer = '';
      for (;;) {
        const character = await nextCharacter();
        if (character === interrupt || (character === endOfInput && answer === '')) {
          output.write('\n');
          throw new Cancelled();
        }
        if (enter.has(character)) {
          output.write(hidden && answer !== '' ? ` ${text.terminal.hidden}\n` : '\n');
          return answer;
        }
        if (erase.has(character)) {
          if (answer === '') continue;
          answer = [...answer].slice(0, -1).join('');
          if (!hidden) output.write('\b \b');
          continue;
        }
        if (printable(character) === '') continue;
        answer += character;
        if (!hidden) output.write(character);
      }
    },
    async interruptible(work) {
      listen();
      const settled = work.then(
        () => 'settled' as const,
        () => 'settled' as const,
      );
      for (;;) {
        const next = await Promise.race([settled, nextCharacter()]);
        if (next === 'settled') return work;
        if (next === interrupt) throw new Cancelled();
      }
    },
    close() {
      if (!listening) return;
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      listening = false;
    },
  };
}
