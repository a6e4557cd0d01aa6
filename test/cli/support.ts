/**
 * Shared by the terminal-client suites: the CLI bundle built once from source, and the environment a CLI
 * process gets (nothing of the test process's, so no developer keyring or settings leak in).
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TerminalPane } from '../support/tmux';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cliBundle = path.join(repoRoot, 'dist', 'cli', 'index.cjs');

/** Builds dist/cli/index.cjs exactly as scripts/build.mjs does (its `cli` part). */
export function buildCli(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), 'cli'], { cwd: repoRoot });
  if (!existsSync(cliBundle)) throw new Error(`the build did not write ${cliBundle}`);
}

/**
 * The CLI bundle as an operator's `npm run dist` leaves it: a copy of dist/cli/index.cjs in a dist/ folder
 * with `operator.json` beside it (scripts/operator-config.ts writes it there), and the project's node_modules
 * for keytar, its one external module. Returns the bundle's path.
 */
export function cliBundleWithOperator(operator: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kratos-cli-operator-'));
  mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  const bundle = path.join(root, 'dist', 'cli', 'index.cjs');
  copyFileSync(cliBundle, bundle);
  writeFileSync(path.join(root, 'dist', 'operator.json'), JSON.stringify(operator));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  return bundle;
}

/** A fresh HOME and config dir: the CLI finds no saved endpoint and no settings of anybody's. */
export function cliEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'kratos-cli-home-'));
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/** Ory session tokens look like `ory_st_…`; none may ever be printed. */
export const sessionTokenPattern = /ory_st_[A-Za-z0-9]+/;

export interface PromptAnswer {
  /** Matched against the prompt line the CLI is waiting on (its last non-empty line). */
  prompt: RegExp;
  /** What to type (Enter is pressed after it); a function sees the whole screen (to pick a menu number). */
  answer: string | ((screen: string) => string | Promise<string>);
}

/**
 * Answers the CLI's prompts as they come until `done` appears on the screen, whichever order and number of
 * steps the server asks for (one-step or two-step registration, a second factor or not). A prompt that no
 * rule matches fails the test with the screen, so the driver never guesses.
 */
export async function answerPrompts(
  pane: TerminalPane,
  rules: readonly PromptAnswer[],
  done: RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let answeredLine = -1;
  let previous = '';
  for (;;) {
    const screen = await pane.screen();
    if (done.test(screen)) return screen;
    const lines = screen.split('\n');
    const last = lines.length - 1;
    const line = lines[last] ?? '';
    // A prompt is a last line ending in ":" that stayed put since the previous look (a printed line that
    // happens to end in ":" is followed by more output at once).
    const settled = screen === previous;
    previous = screen;
    if (settled && last > answeredLine && /: ?$/.test(line)) {
      const rule = rules.find((candidate) => candidate.prompt.test(line));
      if (!rule) throw new Error(`No answer for the prompt "${line}". The screen:\n${screen}`);
      await pane.type(typeof rule.answer === 'function' ? await rule.answer(screen) : rule.answer);
      answeredLine = last;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${String(done)}. The screen:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The menu number of the last menu entry matching `label` (menus print "  2. Password: Sign up"). */
export function menuNumber(screen: string, label: RegExp): string {
  const entries = [...screen.matchAll(/^ {2}(\d+)\. (.*)$/gm)].filter((entry) => label.test(entry[2] ?? ''));
  const found = entries.at(-1);
  if (!found) throw new Error(`No menu entry ${String(label)}. The screen:\n${screen}`);
  return found[1]!;
}

/**
 * A `$BROWSER` for the CLI that opens nothing: it writes the address it is given to a file, as xdg-open would
 * receive it. `opened()` waits for that address (the test then opens it in Chromium, playing the person).
 */
export function recordingBrowser(): {
  env: Record<string, string>;
  opened(screen: () => Promise<string>): Promise<string>;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kratos-cli-browser-'));
  const launcher = path.join(dir, 'browser.sh');
  const file = path.join(dir, 'opened.txt');
  writeFileSync(launcher, `#!/bin/sh\nprintf '%s' "$1" > '${file}'\n`);
  chmodSync(launcher, 0o755);
  return {
    env: { BROWSER: launcher },
    async opened(screen) {
      const deadline = Date.now() + 15_000;
      while (!existsSync(file) || readFileSync(file, 'utf8') === '') {
        if (Date.now() > deadline)
          throw new Error(`the CLI opened no browser. The screen:\n${await screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return readFileSync(file, 'utf8');
    },
  };
}

/** At the CLI's menu, the Example IdP's button (the provider both test servers configure). */
export const chooseExampleProvider: PromptAnswer = {
  prompt: /^Choose/,
  answer: (screen) => menuNumber(screen, /Example/),
};
