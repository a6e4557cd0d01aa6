/**
 * kratos-desktop-cli: the terminal client on the desktop app's own core. It builds the same `AppCore` the
 * window uses (Kratos client, session controller, flow service, vault), with the same keychain entry
 * (service "Kratos Desktop", account = endpoint URL), so a sign-in from the shell is the window's sign-in
 * too, and the other way round.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { AppCore } from '../main/app/core';
import { endpointEnvironmentVariable } from '../main/app/endpoint-choice';
import { appName, appUserDataDir } from '../main/app/user-data';
import { connectEndpoint } from '../main/app/wiring';
import { createLogger } from '../main/log';
import { Vault } from '../main/vault/vault';
import {
  ExitStatus,
  interactive,
  listSessions,
  logout,
  revoke,
  whoami,
  type CommandContext,
  type FlowCommand,
} from './commands';
import {
  LoopbackCallback,
  callbackPortEnvironmentVariable,
  callbackPortFrom,
  callbackUrl,
  defaultCallbackPort,
} from './loopback-callback';
import { printable } from './printable';
import { openInSystemBrowser } from './system-browser';
import { Cancelled, NotInteractive, openTerminal } from './terminal';

const usage = `Usage: kratos-desktop-cli <command> [options]

Commands:
  login                     sign in (asks for what the server needs; second factor included)
  register                  create an account
  recover                   recover an account with a code sent by email, then set a new password
  verify                    verify an email address with a code
  settings                  change profile, password, authenticator app, backup codes
  whoami [--json]           who is signed in (exit 0 signed in, 1 signed out, 2 server unreachable)
  sessions                  list this account's sessions
  sessions revoke <id>      sign out one session        (asks first; --yes for scripts)
  sessions revoke --others  sign out all other sessions (asks first; --yes for scripts)
  logout                    sign out here: revoke the session on the server, then forget it

Options:
  --endpoint <url>   the Kratos public URL for this run (else ${endpointEnvironmentVariable}, else the app's saved choice)
  --callback-port <n>  where the browser comes back after a social sign-in: http://127.0.0.1:<n>/auth/callback
                     (else ${callbackPortEnvironmentVariable}, else ${defaultCallbackPort}; the server must allow it)
  --verbose          print the core's log lines (secrets redacted) to stderr
  -h, --help         this text
`;

const interactiveCommands: readonly string[] = ['login', 'register', 'recover', 'verify', 'settings'];

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        'callback-port': { type: 'string' },
        json: { type: 'boolean' },
        others: { type: 'boolean' },
        yes: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return ExitStatus.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(usage);
    return command === undefined && !values.help ? ExitStatus.usage : ExitStatus.ok;
  }
  const known = [...interactiveCommands, 'whoami', 'sessions', 'logout'];
  if (!known.includes(command)) {
    process.stderr.write(`Unknown command "${command}".\n\n${usage}`);
    return ExitStatus.usage;
  }
  const needsTerminal =
    interactiveCommands.includes(command) || (command === 'sessions' && rest[0] === 'revoke' && !values.yes);
  if (needsTerminal && !process.stdin.isTTY) {
    process.stderr.write(
      `"${command}" asks questions and needs a terminal; stdin is not one.` +
        (command === 'sessions' ? ' Add --yes to revoke without asking.\n' : '\n'),
    );
    return ExitStatus.usage;
  }

  let callbackPort: number;
  try {
    callbackPort = callbackPortFrom(values['callback-port'], process.env[callbackPortEnvironmentVariable]);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return ExitStatus.usage;
  }

  // Notes carry server text too (an error's message): controls removed, as the terminal does (printable.ts).
  const note = (line: string) => process.stderr.write(`${printable(line)}\n`);
  const log = createLogger(values.verbose ? undefined : () => undefined);
  const vault = await Vault.open({ service: appName });
  const keychain = vault.status();
  if (keychain.kind === 'memory') {
    note(
      `The OS keychain cannot be used: ${keychain.reason} This sign-in lasts only for this command. ${keychain.hint}`,
    );
  }
  const terminal = openTerminal();
  // Social sign-in: Kratos sends the browser back to this listener (started only when a provider is chosen).
  const browserReturn = new LoopbackCallback({
    port: callbackPort,
    redeem: (callback) => core.redeemAuthCallback(callback),
  });
  /** The provider's page, as the flow service hands it over: printed too, for a browser on another screen. */
  const openProviderPage = async (url: string) => {
    terminal.print('Continue in your web browser. If it did not open, open this address in a browser here:');
    terminal.print(`  ${url}`);
    if (!(await openInSystemBrowser(url)))
      terminal.print('(No browser could be started from this terminal.)');
    terminal.print('Waiting for the browser to come back… (Ctrl-C cancels)');
  };
  let core: AppCore;
  try {
    core = await AppCore.start({
      userDataDir: appUserDataDir(process.platform, process.env, os.homedir()),
      environmentUrl: process.env[endpointEnvironmentVariable],
      ...(values.endpoint === undefined ? {} : { commandLineUrl: values.endpoint }),
      keychain: vault,
      startEmulator: () => {
        throw new NoServer();
      },
      // The terminal's own user agent: its sessions are told apart from the window's in every session list.
      connect: (endpoint, keychain, options) =>
        connectEndpoint(endpoint, keychain, { ...options, client: 'terminal' }),
      openExternal: openProviderPage,
      returnTo: callbackUrl(callbackPort),
      // The terminal client never switches servers while it runs (the server comes from --endpoint).
      confirmEndpoint: async () => false,
      log,
    });
  } catch (error) {
    if (error instanceof NoServer) {
      note(error.message);
      return ExitStatus.usage;
    }
    throw error;
  }
  const state = await core.getState();
  if (state.notice?.level === 'warning' || state.notice?.level === 'error') note(state.notice.text);

  const context: CommandContext = {
    services: core,
    terminal,
    note,
    prepareBrowserReturn: () => browserReturn.listen(),
  };
  try {
    switch (command) {
      case 'whoami':
        return await whoami(context, values.json === true);
      case 'logout':
        return await logout(context);
      case 'sessions': {
        if (rest[0] === undefined || rest[0] === 'list') return await listSessions(context);
        if (rest[0] !== 'revoke' || (rest[1] === undefined) === (values.others !== true)) {
          note('Use `sessions revoke <id>` or `sessions revoke --others`.');
          return ExitStatus.usage;
        }
        const target = values.others
          ? ({ kind: 'others' } as const)
          : ({ kind: 'one', id: rest[1]! } as const);
        return await revoke(context, target, values.yes === true);
      }
      default:
        return await interactive(context, command as FlowCommand);
    }
  } catch (error) {
    if (error instanceof Cancelled) {
      note('Cancelled; nothing more was sent.');
      return ExitStatus.cancelled;
    }
    if (error instanceof NotInteractive) {
      note(error.message);
      return ExitStatus.usage;
    }
    throw error;
  } finally {
    terminal.close();
    await browserReturn.close();
    await core.stop();
  }
}

/** The CLI does not run the app's embedded demo server: it would compete with the app's own copy. */
class NoServer extends Error {
  constructor() {
    super(
      `No Kratos server is configured. Pass --endpoint <url> or set ${endpointEnvironmentVariable} ` +
        "(the desktop app's embedded demo server, at http://127.0.0.1:4433 while the app runs, works too).",
    );
  }
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    // Unexpected: say so in one line; the core's logger already redacts tokens, and errors never carry one.
    process.stderr.write(
      printable(`kratos-desktop-cli failed: ${error instanceof Error ? error.message : String(error)}`) +
        '\n',
    );
    process.exit(ExitStatus.failed);
  },
);
