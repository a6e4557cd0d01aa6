/**
 * kratos-desktop-cli: the terminal client on the desktop app's own core. It builds the same `AppCore` the
 * window uses (Kratos client, session controller, flow service, keychain), with the same keychain entry
 * (service "Kratos Desktop", account = endpoint URL), so a sign-in from the shell is the window's sign-in
 * too, and the other way round.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppCore } from '../main/app/core';
import { endpointEnvironmentVariable } from '../main/app/endpoint-choice';
import { readRunConfiguration } from '../main/app/run-configuration';
import { appName, appUserDataDir } from '../main/app/user-data';
import { buildConnection } from '../main/app/wiring';
import { createLogger } from '../main/log';
import { parseEndpoint } from '../main/kratos/endpoint';
import { OsKeychain } from '../main/keychain/os-keychain';
import { languageEnvironmentVariable } from '../shared/language';
import packageJson from '../package.json';
import {
  ExitStatus,
  interactive,
  listSessions,
  logout,
  dataCommands,
  revoke,
  whoami,
  type CommandContext,
} from './commands';
import {
  LoopbackCallback,
  callbackPortEnvironmentVariable,
  callbackPortFrom,
  callbackUrl,
  passkeyReturnUrl,
  defaultCallbackPort,
} from './loopback-callback';
import { printable } from './printable';
import { openInSystemBrowser } from './system-browser';
import { languageFor, selectLanguage, text } from './strings';
import { Cancelled, NotInteractive, openTerminal } from './terminal';

const flowCommands = ['login', 'register', 'recover', 'verify', 'settings'] as const;
const commands = [...flowCommands, 'whoami', 'sessions', 'logout'] as const;
type Command = (typeof commands)[number];
const isCommand = (name: string | undefined): name is Command =>
  (commands as readonly string[]).includes(name ?? '');

const generalUsage = () =>
  text.usage.general(
    {
      endpoint: endpointEnvironmentVariable,
      callbackPort: callbackPortEnvironmentVariable,
      language: languageEnvironmentVariable,
    },
    defaultCallbackPort,
  );

async function main(argv: readonly string[]): Promise<number> {
  // Notes carry server text too (an error's message): controls removed, as the terminal does (printable.ts).
  const note = (line: string) => process.stderr.write(`${printable(line)}\n`);
  // The environment's language first, so that even a command line that cannot be read is answered in it.
  const fromEnvironment = languageFor(undefined, process.env);
  selectLanguage('tag' in fromEnvironment ? fromEnvironment.tag : 'en');
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        'callback-port': { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        others: { type: 'boolean' },
        yes: { type: 'boolean' },
        user: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        verbose: { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    note(`${(error as Error).message}\n\n${generalUsage()}`);
    return ExitStatus.usage;
  }
  const { values, positionals } = parsed;
  const language = languageFor(values.lang, process.env);
  if ('refused' in language) {
    note(text.server.language(language.refused));
    return ExitStatus.usage;
  }
  selectLanguage(language.tag);

  if (values.version) {
    process.stdout.write(`${text.usage.version(packageJson.version)}\n`);
    return ExitStatus.ok;
  }
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'help') {
    // `help <command>` explains that command, like `<command> --help`.
    process.stdout.write(isCommand(rest[0]) ? text.usage.commands[rest[0]] : generalUsage());
    return command === undefined && !values.help ? ExitStatus.usage : ExitStatus.ok;
  }
  if (!isCommand(command)) {
    note(`${text.usage.unknownCommand(command)}\n\n${generalUsage()}`);
    return ExitStatus.usage;
  }
  if (values.help) {
    process.stdout.write(text.usage.commands[command]);
    return ExitStatus.ok;
  }
  const refusal = optionRefusal(command, values);
  if (refusal !== undefined) {
    note(refusal);
    return ExitStatus.usage;
  }
  if (values.endpoint !== undefined) {
    const endpoint = parseEndpoint(values.endpoint);
    if (!endpoint.ok) {
      note(text.server.refused(text.server.endpointOption, endpoint.message));
      return ExitStatus.usage;
    }
  }
  const scripted = values['password-stdin'] === true;
  const needsTerminal =
    ((flowCommands as readonly string[]).includes(command) && !scripted) ||
    (command === 'sessions' && rest[0] === 'revoke' && !values.yes);
  if (needsTerminal && !process.stdin.isTTY) {
    note(`${text.usage.needsTerminal(command)}${command === 'sessions' ? ` ${text.usage.addYes}` : ''}`);
    return ExitStatus.usage;
  }
  let preset: Map<string, string> | undefined;
  if (scripted) {
    const password = (await readAll(process.stdin)).replace(/\r?\n$/, '');
    if (password === '') {
      note(text.usage.emptyPassword);
      return ExitStatus.usage;
    }
    preset = new Map([
      ['identifier', values.user!],
      ['password', password],
    ]);
  }

  let callbackPort: number;
  try {
    callbackPort = callbackPortFrom(values['callback-port'], process.env[callbackPortEnvironmentVariable]);
  } catch (error) {
    note((error as Error).message);
    return ExitStatus.usage;
  }

  const log = createLogger(values.verbose ? undefined : () => undefined);
  const keychain = await OsKeychain.open({ service: appName });
  const status = keychain.status();
  if (status.kind === 'memory') {
    note(text.server.keychainMemory(status.reason, status.hint));
  }
  // The environment, and the operator's configuration where `npm run dist` wrote one into the dist/ this
  // bundle runs from (dist/cli/index.cjs): the server and its passkey page, learned as the window learns them.
  const { configuration, ignored } = await readRunConfiguration({
    distDir: path.join(__dirname, '..'),
    env: process.env,
    installed: false,
  });
  if (ignored) note(text.server.operatorIgnored(ignored.join('; ')));
  const terminal = openTerminal();
  // Social sign-in: Kratos sends the browser back to this listener (started only when a provider is chosen).
  const browserReturn = new LoopbackCallback({
    port: callbackPort,
    redeem: (callback) => core.redeemAuthCallback(callback),
  });
  /** The provider's page, as the flow service hands it over: printed too, for a browser on another screen. */
  const openProviderPage = async (url: string) => {
    terminal.print(text.browser.continueThere);
    terminal.print(`  ${url}`);
    if (!(await openInSystemBrowser(url))) terminal.print(text.browser.noBrowser);
    terminal.print(text.browser.waiting);
  };
  const core = await AppCore.start({
    userDataDir: appUserDataDir(process.platform, process.env, os.homedir()),
    ...configuration,
    ...(values.endpoint === undefined ? {} : { commandLineUrl: values.endpoint }),
    keychain,
    // The terminal's own user agent: its sessions are told apart from the window's in every session list.
    connect: (endpoint, keychain, options) =>
      buildConnection(endpoint, keychain, { ...options, client: 'terminal' }),
    openExternal: openProviderPage,
    returnTo: callbackUrl(callbackPort),
    passkeyReturnTo: passkeyReturnUrl(callbackPort),
    // The window's remembered email (settings.json lastIdentifiers) is not offered in the terminal yet: its
    // prompts would show it as `[ada@example.com]`, a behaviour its tmux scripts do not cover.
    rememberIdentifier: false,
    // The terminal client never switches servers while it runs (the server comes from --endpoint).
    confirmEndpoint: async () => false,
    log,
  });
  const state = await core.getState();
  if (state.status === 'no-server') {
    note(noServerMessage(process.env[endpointEnvironmentVariable]));
    terminal.close();
    await core.stop();
    return ExitStatus.usage;
  }
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
        if (rest[0] === undefined || rest[0] === 'list')
          return await listSessions(context, values.json === true);
        if (rest[0] !== 'revoke' || (rest[1] === undefined) === (values.others !== true)) {
          note(text.usage.sessionsUsage);
          return ExitStatus.usage;
        }
        const target = values.others
          ? ({ kind: 'others' } as const)
          : ({ kind: 'one', id: rest[1]! } as const);
        return await revoke(context, target, values.yes === true);
      }
      default:
        return await interactive(context, command, {
          ...(preset ? { preset } : {}),
          confirmed: values.yes === true,
        });
    }
  } catch (error) {
    if (error instanceof Cancelled) {
      note(text.terminal.cancelled);
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

/** With no server configured: how to name one, and why a `KRATOS_PUBLIC_URL` that is set was refused. */
function noServerMessage(environmentUrl: string | undefined): string {
  const environment = environmentUrl?.trim() ? parseEndpoint(environmentUrl) : undefined;
  return [
    ...(environment?.ok === false
      ? [text.server.refused(endpointEnvironmentVariable, environment.message)]
      : []),
    text.server.none(endpointEnvironmentVariable),
  ].join(' ');
}

/** Options that only some commands take: a sentence for one given where it means nothing. */
function optionRefusal(
  command: Command,
  values: { json?: boolean; user?: string; 'password-stdin'?: boolean },
): string | undefined {
  if (values.json && !dataCommands.includes(command)) return text.usage.noJson(command);
  const scripted = values['password-stdin'] === true;
  if ((scripted || values.user !== undefined) && command !== 'login')
    return text.usage.passwordStdinOnlyLogin;
  if (scripted && values.user === undefined) return text.usage.passwordStdinNeedsUser;
  if (values.user !== undefined && !scripted) return text.usage.userNeedsPasswordStdin;
  return undefined;
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    // Unexpected: say so in one line; the core's logger already redacts tokens, and errors never carry one.
    process.stderr.write(
      `${printable(text.usage.failed(error instanceof Error ? error.message : String(error)))}\n`,
    );
    process.exit(ExitStatus.failed);
  },
);
