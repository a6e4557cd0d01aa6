/**
 * The terminal client's commands over the app's core (`AppServices` + the session view). Each returns an
 * exit status; none ever prints the session token (the core never hands it out).
 */
import { printableJson } from './printable';
import type { AppServices } from '../main/ipc/services';
import type {
  Aal,
  SessionListItem,
  SessionSummary,
  SessionView,
  StartFlowRequest,
} from '../shared/ipc-contract';
import { formatLocale } from '../main/strings';
import { runFlow } from './run-flow';
import { text } from './strings';
import { endpointEnvironmentVariable } from '../main/app/endpoint-choice';
import { confirmed, type Terminal } from './terminal';

type CliServices = AppServices;

/** Exit statuses scripts can rely on (`whoami`: 0 signed in, 1 signed out, 2 server unreachable). */
export const ExitStatus = { ok: 0, failed: 1, unreachable: 2, usage: 64, cancelled: 130 } as const;

export interface CommandContext {
  services: CliServices;
  terminal: Terminal;
  /** Where errors and notes go (stderr), so stdout stays clean for `--json`. */
  note: (line: string) => void;
  /** Starts the loopback listener a social sign-in comes back to (see run-flow.ts). */
  prepareBrowserReturn?: () => Promise<void>;
}

/** The commands that print data, and so take `--json`. */
export const dataCommands: readonly string[] = ['whoami', 'sessions'];

const aalWords = (aal: Aal) => text.session.aal[aal];

export async function whoami(context: CommandContext, json: boolean): Promise<number> {
  const view = await context.services.getState();
  const status = statusOf(view);
  if (json) {
    context.terminal.print(printableJson(whoamiJson(view)));
    return status;
  }
  for (const line of describeView(view)) context.terminal.print(line);
  return status;
}

function statusOf(view: SessionView): number {
  if (view.status === 'signed-in') return ExitStatus.ok;
  if (view.status === 'unreachable') return ExitStatus.unreachable;
  return ExitStatus.failed;
}

/** What `whoami --json` prints: the session as scripts need it, never the token. */
function whoamiJson(view: SessionView): Record<string, unknown> {
  const base = { status: view.status, endpoint: view.status === 'no-server' ? null : view.endpoint.url };
  switch (view.status) {
    case 'signed-in': {
      const { session } = view;
      return {
        ...base,
        identity: session.identity && { id: session.identity.id, traits: session.identity.traits },
        aal: session.aal,
        methods: session.authenticationMethods.map((method) => method.method),
        authenticatedAt: session.authenticatedAt ?? null,
        expiresAt: session.expiresAt ?? null,
      };
    }
    case 'second-factor-required':
      return { ...base, secondFactorMethods: view.methods };
    case 'unreachable':
      return { ...base, message: view.message };
    default:
      return base;
  }
}

export function describeView(view: SessionView, now = Date.now()): string[] {
  if (view.status === 'no-server') return [text.server.none(endpointEnvironmentVariable)];
  const server = view.endpoint.url;
  switch (view.status) {
    case 'signed-in':
      return describeSession(view.session, server, now);
    case 'second-factor-required':
      return [
        text.session.halfSignedIn(server, view.methods.map(methodName).join(', ')),
        text.session.finishWithLogin,
      ];
    case 'unreachable':
      // The message already names the server and why it cannot be reached.
      return [view.message, text.session.keptTryLater];
    case 'checking':
      return [text.session.checking(server)];
    case 'signed-out':
      return [text.session.signedOut(server)];
  }
}

function describeSession(session: SessionSummary, server: string, now: number): string[] {
  const who = identityName(session) ?? text.session.anAccount;
  const lines = [text.session.signedIn(server, who)];
  lines.push(text.session.assurance(aalWords(session.aal), session.aal));
  const methods = session.authenticationMethods.map((method) => methodName(method.method));
  if (methods.length > 0) lines.push(text.session.methodsUsed(methods.join(', ')));
  if (session.expiresAt) lines.push(text.session.ends(timeText(session.expiresAt, now)));
  return lines;
}

function identityName(session: SessionSummary): string | undefined {
  const traits = session.identity?.traits ?? {};
  for (const key of ['email', 'username', 'phone']) {
    const value = traits[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return session.identity?.verifiableAddresses[0]?.value;
}

function methodName(method: string): string {
  return (
    (Object.hasOwn(text.session.methods, method) ? text.session.methods[method] : undefined) ??
    method.replace(/_/g, ' ')
  );
}

/** In the catalogue's language (the system's region when it matches) and the system's time zone, like the window. */
function timeText(iso: string, now: number, locale = formatLocale()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
  const minutes = Math.round((time - now) / 60_000);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const distance =
    Math.abs(minutes) < 120
      ? relative.format(minutes, 'minute')
      : relative.format(Math.round(minutes / 60), 'hour');
  return `${when} (${distance})`;
}

// ---------------------------------------------------------------------------------------------------------
// Interactive flows

export type FlowCommand = 'login' | 'register' | 'recover' | 'verify' | 'settings';

export interface InteractiveOptions {
  /** Answers given on the command line (`--user`, `--password-stdin`), by field name: not asked. */
  preset?: ReadonlyMap<string, string>;
  /** `--yes`: `login` while signed in starts over without asking. */
  confirmed?: boolean;
}

export async function interactive(
  context: CommandContext,
  command: FlowCommand,
  options: InteractiveOptions = {},
): Promise<number> {
  let view = await context.services.getState();
  if (view.status === 'no-server') {
    context.note(describeView(view).join(' '));
    return ExitStatus.usage;
  }
  const server = view.endpoint.url;
  if (view.status === 'unreachable') {
    context.note(describeView(view).join(' '));
    return ExitStatus.unreachable;
  }
  if (command === 'settings' && view.status !== 'signed-in') {
    context.note(text.session.signInFirst);
    return ExitStatus.failed;
  }
  if (command === 'login' && view.status === 'signed-in') {
    // Signing in again replaces this sign-in (it is signed out first): a choice, so it is asked.
    const who = identityName(view.session) ?? text.session.anAccount;
    if (!options.confirmed && !(await askYes(context.terminal, text.session.startOver(server, who)))) {
      context.note(text.session.keptSignIn);
      return ExitStatus.failed;
    }
    const out = await context.services.logout();
    if (out.kind === 'error') {
      context.note(out.message);
      return ExitStatus.failed;
    }
    view = await context.services.getState();
  }
  const start: StartFlowRequest =
    command === 'login' && view.status === 'second-factor-required'
      ? { kind: 'login', aal: 'aal2' }
      : { kind: flowKinds[command] };
  const outcome = await runFlow(context.services, context.terminal, start, {
    serverName: server,
    ...(context.prepareBrowserReturn ? { prepareBrowserReturn: context.prepareBrowserReturn } : {}),
    ...(view.status === 'signed-in' ? accountName(view.session) : {}),
    ...(options.preset ? { preset: options.preset } : {}),
  });
  if (outcome.kind === 'failed') return ExitStatus.failed;
  const after = await context.services.getState();
  if (command !== 'verify' && after.status === 'signed-in') {
    context.terminal.print(describeView(after)[0] ?? '');
  }
  return ExitStatus.ok;
}

const flowKinds = {
  login: 'login',
  register: 'registration',
  recover: 'recovery',
  verify: 'verification',
  settings: 'settings',
} as const;

function accountName(session: SessionSummary): { accountName?: string } {
  const name = identityName(session);
  return name ? { accountName: name } : {};
}

/** A yes/no question that needs the typed word ("yes"): for what cannot be undone. */
async function askYes(terminal: Terminal, question: string): Promise<boolean> {
  return confirmed(await terminal.ask(`${question} ${text.terminal.typeYes} `));
}

// ---------------------------------------------------------------------------------------------------------
// Sessions and sign-out

export async function listSessions(context: CommandContext, json = false): Promise<number> {
  const response = await context.services.listSessions();
  if (response.kind === 'error') {
    context.note(response.message);
    return ExitStatus.failed;
  }
  if (json) {
    context.terminal.print(printableJson(sessionsJson(response.sessions)));
    return ExitStatus.ok;
  }
  const now = Date.now();
  for (const session of response.sessions) {
    const device = session.devices[0];
    const where = [device?.userAgent, device?.ipAddress, device?.location].filter(Boolean).join(', ');
    context.terminal.print(
      `${session.current ? text.sessions.thisSession : '  '}${session.id}  ${aalWords(session.aal)}` +
        `${where ? `  ${where}` : ''}${session.authenticatedAt ? `  ${text.sessions.signedInAt(timeText(session.authenticatedAt, now))}` : ''}`,
    );
  }
  if (response.sessions.length === 0) context.terminal.print(text.sessions.none);
  return ExitStatus.ok;
}

/** What `sessions --json` prints: each session as scripts need it (ids, times, devices; never a token). */
function sessionsJson(sessions: readonly SessionListItem[]): Record<string, unknown>[] {
  return sessions.map((session) => ({
    id: session.id,
    current: session.current,
    aal: session.aal,
    authenticatedAt: session.authenticatedAt ?? null,
    expiresAt: session.expiresAt ?? null,
    devices: session.devices.map((device) => ({
      userAgent: device.userAgent ?? null,
      ipAddress: device.ipAddress ?? null,
      location: device.location ?? null,
    })),
  }));
}

/** Revoking asks first (it signs a device out); `--yes` answers for scripts. */
export async function revoke(
  context: CommandContext,
  target: { kind: 'one'; id: string } | { kind: 'others' },
  yes: boolean,
): Promise<number> {
  const what = target.kind === 'others' ? text.sessions.revokeOthers : text.sessions.revokeOne(target.id);
  if (!yes && !(await askYes(context.terminal, what))) {
    context.note(text.sessions.nothingChanged);
    return ExitStatus.failed;
  }
  const response =
    target.kind === 'others'
      ? await context.services.revokeOtherSessions()
      : await context.services.revokeSession(target.id);
  if (response.kind === 'error') {
    context.note(response.message);
    return ExitStatus.failed;
  }
  context.terminal.print(response.message ?? text.sessions.done);
  return ExitStatus.ok;
}

export async function logout(context: CommandContext): Promise<number> {
  const view = await context.services.getState();
  if (view.status === 'signed-out') {
    context.terminal.print(text.sessions.notSignedIn(view.endpoint.url));
    return ExitStatus.ok;
  }
  const response = await context.services.logout();
  if (response.kind === 'error') {
    context.note(response.message);
    return ExitStatus.failed;
  }
  context.terminal.print(response.message ?? text.sessions.signedOut);
  return ExitStatus.ok;
}
