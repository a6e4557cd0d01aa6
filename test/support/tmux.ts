/**
 * A real terminal for tests: tmux runs a command in a pane of a private tmux server, `send-keys` types as
 * a person would, `capture-pane` reads the screen. What the test sees is what a person would see — hidden
 * input really hidden, the QR code really drawn.
 *
 *   const pane = await TerminalPane.start('node dist/cli/index.cjs login', { env });
 *   await pane.waitFor('E-Mail:');
 *   await pane.type('ada@example.com');
 *   expect(await pane.exitStatus()).toBe(0);
 *   await pane.stop();
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Printed after the command ends, so the test can read its exit status from the screen. */
const exitMarker = 'KRATOS-CLI-EXIT:';

export interface PaneOptions {
  /** The command's whole environment (nothing of the test process leaks in unless passed). */
  env: Record<string, string>;
  cwd?: string;
  width?: number;
  height?: number;
}

export class TerminalPane {
  readonly #socket: string;

  private constructor(socket: string) {
    this.#socket = socket;
  }

  static async start(command: string, options: PaneOptions): Promise<TerminalPane> {
    const socket = `kratos-test-${randomUUID().slice(0, 8)}`;
    const env = Object.entries(options.env)
      .map(([key, value]) => `${key}=${shellQuote(value)}`)
      .join(' ');
    // `env -i`: only the given variables; the trailing sleep keeps the pane (and its last screen) readable.
    const script = `env -i ${env} ${command}; echo ${exitMarker}$?; sleep 3600`;
    await run('tmux', [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-x',
      String(options.width ?? 120),
      '-y',
      String(options.height ?? 60),
      ...(options.cwd ? ['-c', options.cwd] : []),
      script,
    ]);
    // Scroll-back, so a long session (QR code + backup codes) can still be read from the start.
    await run('tmux', ['-L', socket, 'set-option', '-g', 'history-limit', '5000']);
    return new TerminalPane(socket);
  }

  /** Everything printed so far, scroll-back included, without trailing blank lines. */
  async screen(): Promise<string> {
    const { stdout } = await run('tmux', [
      '-L',
      this.#socket,
      'capture-pane',
      '-p',
      '-J',
      '-S',
      '-',
      '-t',
      '0',
    ]);
    return stdout.replace(/\s+$/, '');
  }

  /** Waits (with a deadline) until the screen shows `pattern` `count` times; returns the screen. */
  async waitFor(pattern: string | RegExp, { timeoutMs = 20_000, count = 1 } = {}): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.screen();
      if (occurrences(last, pattern) >= count) return last;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${String(pattern)} (x${count}). The screen:\n${last}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Types `text` and presses Enter. */
  async type(text: string): Promise<void> {
    if (text !== '') await run('tmux', ['-L', this.#socket, 'send-keys', '-t', '0', '-l', text]);
    await this.press('Enter');
  }

  /** A key by tmux name: `Enter`, `C-c`, `BSpace`. */
  async press(key: string): Promise<void> {
    await run('tmux', ['-L', this.#socket, 'send-keys', '-t', '0', key]);
  }

  /** Waits for the command to end and returns its exit status. */
  async exitStatus(timeoutMs = 20_000): Promise<number> {
    const screen = await this.waitFor(new RegExp(`${exitMarker}\\d+`), { timeoutMs });
    return Number(new RegExp(`${exitMarker}(\\d+)`).exec(screen)![1]);
  }

  async stop(): Promise<void> {
    await run('tmux', ['-L', this.#socket, 'kill-server']).catch(() => undefined);
  }
}

function occurrences(text: string, pattern: string | RegExp): number {
  if (typeof pattern === 'string') return text.split(pattern).length - 1;
  return [
    ...text.matchAll(
      new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    ),
  ].length;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
