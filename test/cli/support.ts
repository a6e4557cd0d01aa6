/**
 * Shared by the terminal-client suites: the CLI bundle built once from source, and the environment a CLI
 * process gets (nothing of the test process's, so no developer keyring or settings leak in).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cliBundle = path.join(repoRoot, 'dist', 'cli', 'index.cjs');

/** Builds dist/cli/index.cjs exactly as scripts/build.mjs does (its `cli` part). */
export function buildCli(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), 'cli'], { cwd: repoRoot });
  if (!existsSync(cliBundle)) throw new Error(`the build did not write ${cliBundle}`);
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
