/**
 * kratos-desktop-cli in a real terminal (tmux), against the emulator, with no keychain (no D-Bus here, as
 * on a server over SSH): every sign-in lasts only for its command, and the CLI says so. The keychain suite
 * (test/keychain/cli.test.ts) covers sharing the sign-in between commands and with the desktop app.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, withoutSocialSignIn, type TestEmulator } from '../support/emulator';
import { TerminalPane } from '../support/tmux';
import {
  answerPrompts,
  buildCli,
  cliBundle,
  cliEnvironment,
  menuNumber,
  sessionTokenPattern,
} from './support';

const run = promisify(execFile);
let emulator: TestEmulator;
const panes: TerminalPane[] = [];

beforeAll(async () => {
  buildCli();
  // Password and code screens only (social sign-in from the terminal: social.test.ts).
  emulator = await startTestEmulator({ config: withoutSocialSignIn });
});
afterAll(() => emulator.stop());
afterEach(async () => {
  await Promise.all(panes.splice(0).map((pane) => pane.stop()));
});

async function cli(args: string): Promise<TerminalPane> {
  const pane = await TerminalPane.start(`node ${cliBundle} ${args} --endpoint ${emulator.url}`, {
    env: cliEnvironment(),
  });
  panes.push(pane);
  return pane;
}

describe('kratos-desktop-cli in a terminal without a keychain', () => {
  it('registers: says the sign-in is for this command only, hides the password, shows Kratos messages in words', async () => {
    const pane = await cli('register');
    const first = await pane.waitFor(/Email:/);
    expect(first).toContain('The OS keychain cannot be used');
    expect(first).toContain('This sign-in lasts only for this command.');
    const passwords = ['short1', 'a long enough secret 42'];
    // One-step or two-step registration: the driver answers whatever the server asks, in its order.
    const screen = await answerPrompts(
      pane,
      [
        { prompt: /^Email \[.*\]:$/, answer: '' },
        { prompt: /^Email:$/, answer: 'terminal-ada@example.com' },
        { prompt: /^Password:$/, answer: () => passwords.shift() ?? 'out of passwords' },
        { prompt: /^Name \[.*\]:$/, answer: '' },
        { prompt: /^Name:$/, answer: 'Ada' },
        { prompt: /^Choose/, answer: (shown) => menuNumber(shown, /^Password: /) },
      ],
      /KRATOS-CLI-EXIT:/,
    );
    expect(passwords).toEqual([]);
    expect(await pane.exitStatus()).toBe(0);
    expect(screen).toContain('The password must be at least 8 characters long');
    expect(screen).toContain('as terminal-ada@example.com');
    expect(screen).not.toContain('short1');
    expect(screen).not.toContain('a long enough secret 42');
    expect(screen).toMatch(/Password: +\(hidden\)/);
    expect(screen).not.toMatch(sessionTokenPattern);
  });

  it('a wrong password is explained; Ctrl-C at the next prompt cancels with status 130 and sends nothing more', async () => {
    const pane = await cli('login');
    await pane.waitFor(/Email:|ID:/);
    await pane.type('nobody@example.com');
    await pane.waitFor('Password:');
    const requestsBefore = emulator.stats.requests;
    await pane.type('wrong password 1');
    await pane.waitFor('The password is wrong, or no account uses that email address');
    const afterSubmit = emulator.stats.requests;
    expect(afterSubmit).toBe(requestsBefore + 1);
    await pane.waitFor(/\[nobody@example.com\]:/);
    await pane.press('C-c');
    expect(await pane.exitStatus()).toBe(130);
    expect(await pane.screen()).toContain('Cancelled; nothing more was sent.');
    expect(emulator.stats.requests).toBe(afterSubmit);
  });

  it('whoami without a sign-in: status 1, in words and as JSON for scripts', async () => {
    const words = await cli('whoami');
    expect(await words.exitStatus()).toBe(1);
    expect(await words.screen()).toContain(`Not signed in to ${emulator.url}.`);
    const json = await cli('whoami --json');
    expect(await json.exitStatus()).toBe(1);
    const screen = await json.screen();
    const body = screen.slice(screen.indexOf('{'), screen.lastIndexOf('}') + 1);
    expect(JSON.parse(body)).toEqual({ status: 'signed-out', endpoint: emulator.url });
  });
});

describe('kratos-desktop-cli without a terminal', () => {
  it('a command that asks questions fails at once with a clear message instead of hanging', async () => {
    const failure = await run(process.execPath, [cliBundle, 'login', '--endpoint', emulator.url], {
      env: cliEnvironment(),
      timeout: 15_000,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(64);
    expect(failure?.stderr).toContain('"login" asks questions and needs a terminal');
  });

  it('revoking from a script needs --yes; an unknown command prints the usage', async () => {
    const revoke = await run(process.execPath, [cliBundle, 'sessions', 'revoke', '--others'], {
      env: cliEnvironment(),
      timeout: 15_000,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(revoke?.code).toBe(64);
    expect(revoke?.stderr).toContain('Add --yes to revoke without asking.');
    const unknown = await run(process.execPath, [cliBundle, 'fly'], { env: cliEnvironment() }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(unknown?.code).toBe(64);
    expect(unknown?.stderr).toContain('Unknown command "fly".');
    expect(unknown?.stderr).toContain('Usage: kratos-desktop-cli <command>');
  });

  it('with no server configured it names the ways to give one', async () => {
    const failure = await run(process.execPath, [cliBundle, 'whoami'], { env: cliEnvironment() }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(64);
    expect(failure?.stderr).toContain(
      'No Kratos server is configured. Pass --endpoint <url> or set KRATOS_PUBLIC_URL',
    );
  });
});

/** Runs the CLI without a terminal (as a script does); resolves with its status and output. */
async function script(
  args: readonly string[],
  { env = cliEnvironment(), input }: { env?: Record<string, string>; input?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cliBundle, ...args],
      { env, timeout: 15_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input ?? '');
  });
}

describe('the terminal client for scripts and first-time readers', () => {
  it('an invalid --endpoint or KRATOS_PUBLIC_URL says why it was refused', async () => {
    const option = await script(['whoami', '--endpoint', 'ftp://auth.example.com']);
    expect(option.code).toBe(64);
    expect(option.stderr).toContain(
      'The --endpoint URL was refused: Only https:// URLs are supported (got ftp://).',
    );
    const environment = await script(['whoami'], {
      env: cliEnvironment({ KRATOS_PUBLIC_URL: 'http://auth.example.com' }),
    });
    expect(environment.code).toBe(64);
    expect(environment.stderr).toContain('KRATOS_PUBLIC_URL was refused: Use https:// for auth.example.com');
  });

  it('--version, and --help per command', async () => {
    const version = await script(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^kratos-desktop-cli \d+\.\d+\.\d+/);
    const help = await script(['login', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kratos-desktop-cli login /);
    expect(help.stdout).toContain('--password-stdin');
    expect(help.stdout).not.toContain('Commands:');
    expect((await script(['help', 'sessions'])).stdout).toContain('--json');
  });

  it('--json: refused clearly where a command prints no data', async () => {
    const logout = await script(['logout', '--json', '--endpoint', emulator.url]);
    expect(logout.code).toBe(64);
    expect(logout.stderr).toContain('"logout" prints no data, so --json is not available for it');
    const sessions = await script(['sessions', '--json', '--endpoint', emulator.url]);
    // Signed out here: the answer is said on stderr, and stdout (the JSON channel) stays empty.
    expect(sessions.code).toBe(1);
    expect(sessions.stdout).toBe('');
  });

  it('Enter takes the common path at every menu; then --password-stdin signs a script in, and a wrong password fails', async () => {
    const email = 'script-ada@example.com';
    const secret = 'a scripted secret 42';
    const pane = await cli('register');
    await answerPrompts(
      pane,
      [
        // No number typed: the preset (the password path, never a provider) is taken.
        { prompt: /^Choose 1–\d+ \[\d+\]:$/, answer: '' },
        { prompt: /^Email( \[.*\])?:$/, answer: email },
        { prompt: /^Password:$/, answer: secret },
        { prompt: /^Name( \[.*\])?:$/, answer: 'Ada' },
      ],
      /KRATOS-CLI-EXIT:/,
    );
    expect(await pane.exitStatus()).toBe(0);
    expect(await pane.screen()).toContain(`as ${email}`);

    const signIn = ['login', '--user', email, '--password-stdin', '--endpoint', emulator.url];
    const signedIn = await script(signIn, { input: `${secret}\n` });
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain(`Signed in to ${emulator.url} as ${email}.`);
    expect(signedIn.stdout).not.toContain(secret);
    const refused = await script(signIn, { input: 'not the password\n' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('The password is wrong, or no account uses that email address');
    const alone = await script(['login', '--password-stdin', '--endpoint', emulator.url], { input: secret });
    expect(alone.code).toBe(64);
    expect(alone.stderr).toContain('--password-stdin needs --user');
  });

  it('speaks German with --lang de, KRATOS_DESKTOP_LANG or a German system locale, and refuses a language it lacks', async () => {
    const flag = await script(['whoami', '--lang', 'de', '--endpoint', emulator.url]);
    expect(flag.stdout).toContain(`Nicht angemeldet bei ${emulator.url}.`);
    const system = await script(['whoami', '--endpoint', emulator.url], {
      env: cliEnvironment({ LANG: 'de_DE.UTF-8' }),
    });
    expect(system.stdout).toContain(`Nicht angemeldet bei ${emulator.url}.`);
    expect(system.stderr).toContain('Diese Anmeldung gilt nur für diesen Befehl.');
    const unknown = await script(['whoami', '--endpoint', emulator.url], {
      env: cliEnvironment({ KRATOS_DESKTOP_LANG: 'fr' }),
    });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('The language must be en or de, not "fr".');
  });

  it("German in a terminal: the screen, its questions and Kratos's messages", async () => {
    const pane = await TerminalPane.start(`node ${cliBundle} login --lang de --endpoint ${emulator.url}`, {
      env: cliEnvironment(),
    });
    panes.push(pane);
    await pane.waitFor(/E-Mail-Adresse oder Benutzername:|E-Mail-Adresse:/);
    expect(await pane.screen()).toContain('== Anmelden ==');
    await pane.type('nobody@example.com');
    await pane.waitFor('Passwort:');
    await pane.type('wrong password 1');
    await pane.waitFor('Das Passwort ist falsch, oder kein Konto verwendet');
    await pane.press('C-c');
    expect(await pane.exitStatus()).toBe(130);
    expect(await pane.screen()).toContain('Abgebrochen; es wurde nichts mehr gesendet.');
  });
});
