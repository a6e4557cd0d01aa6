/**
 * The terminal client's commands over the app's core (`AppServices` + the session view). Each returns an
 * exit status; none ever prints the session token (the core never hands it out).
 */
import { printableJson } from './printable';
import type { AppServices } from '../main/ipc/services';
import type { Aal, SessionSummary, SessionView, StartFlowRequest } from '../shared/ipc-contract';
import { runFlow } from './run-flow';
import type { Terminal } from './terminal';

export type CliServices = AppServices;

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

const aalWords: Readonly<Record<Aal, string>> = {
  aal0: 'not signed in',
  aal1: 'one factor',
  aal2: 'two factors',
  aal3: 'two factors, one of them phishing-resistant',
};

const methodWords: Readonly<Record<string, string>> = {
  password: 'password',
  totp: 'authenticator app',
  lookup_secret: 'backup code',
  code: 'email code',
  link: 'email link',
  oidc: 'social sign-in',
  saml: 'single sign-on',
  webauthn: 'security key',
  passkey: 'passkey',
};

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

export function statusOf(view: SessionView): number {
  if (view.status === 'signed-in') return ExitStatus.ok;
  if (view.status === 'unreachable') return ExitStatus.unreachable;
  return ExitStatus.failed;
}

/** What `whoami --json` prints: the session as scripts need it, never the token. */
export function whoamiJson(view: SessionView): Record<string, unknown> {
  const base = { status: view.status, endpoint: view.endpoint.url };
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
  const server = view.endpoint.url;
  switch (view.status) {
    case 'signed-in':
      return describeSession(view.session, server, now);
    case 'second-factor-required':
      return [
        `Half signed in to ${server}: a second step is needed (${view.methods.map(methodName).join(', ')}).`,
        'Run `kratos-desktop-cli login` to finish signing in.',
      ];
    case 'unreachable':
      return [`${server} cannot be reached: ${view.message}`, 'Your sign-in is kept; try again later.'];
    case 'checking':
      return [`Still checking your sign-in with ${server}.`];
    case 'signed-out':
      return [`Not signed in to ${server}.`];
  }
}

function describeSession(session: SessionSummary, server: string, now: number): string[] {
  const who = identityName(session) ?? 'an account';
  const lines = [`Signed in to ${server} as ${who}.`];
  lines.push(`Assurance: ${aalWords[session.aal]} (${session.aal}).`);
  const methods = session.authenticationMethods.map((method) => methodName(method.method));
  if (methods.length > 0) lines.push(`Signed in with: ${methods.join(', ')}.`);
  if (session.expiresAt) lines.push(`Session ends: ${timeText(session.expiresAt, now)}.`);
  return lines;
}

export function identityName(session: SessionSummary): string | undefined {
  const traits = session.identity?.traits ?? {};
  for (const key of ['email', 'username', 'phone']) {
    const value = traits[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return session.identity?.verifiableAddresses[0]?.value;
}

function methodName(method: string): string {
  return methodWords[method] ?? method.replace(/_/g, ' ');
}

/** In the system's locale and time zone, like the window. */
export function timeText(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
  const minutes = Math.round((time - now) / 60_000);
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const distance =
    Math.abs(minutes) < 120
      ? relative.format(minutes, 'minute')
      : relative.format(Math.round(minutes / 60), 'hour');
  return `${when} (${distance})`;
}

// ---------------------------------------------------------------------------------------------------------
// Interactive flows

export type FlowCommand = 'login' | 'register' | 'recover' | 'verify' | 'settings';

export async function interactive(context: CommandContext, command: FlowCommand): Promise<number> {
  const view = await context.services.getState();
  if (view.status === 'unreachable') {
    context.note(describeView(view).join(' '));
    return ExitStatus.unreachable;
  }
  const signedIn = view.status === 'signed-in';
  if (command === 'settings' && !signedIn) {
    context.note('You are not signed in. Run `kratos-desktop-cli login` first.');
    return ExitStatus.failed;
  }
  const start: StartFlowRequest =
    command === 'login' && view.status === 'second-factor-required'
      ? { kind: 'login', aal: 'aal2' }
      : { kind: flowKinds[command] };
  const outcome = await runFlow(context.services, context.terminal, start, {
    serverName: view.endpoint.url,
    ...(context.prepareBrowserReturn ? { prepareBrowserReturn: context.prepareBrowserReturn } : {}),
    ...(signedIn ? accountName(view.session) : {}),
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

// ---------------------------------------------------------------------------------------------------------
// Sessions and sign-out

export async function listSessions(context: CommandContext): Promise<number> {
  const response = await context.services.listSessions();
  if (response.kind === 'error') {
    context.note(response.message);
    return ExitStatus.failed;
  }
  const now = Date.now();
  for (const session of response.sessions) {
    const device = session.devices[0];
    const where = [device?.userAgent, device?.ipAddress, device?.location].filter(Boolean).join(', ');
    context.terminal.print(
      `${session.current ? '* this session ' : '  '}${session.id}  ${aalWords[session.aal]}` +
        `${where ? `  ${where}` : ''}${session.authenticatedAt ? `  signed in ${timeText(session.authenticatedAt, now)}` : ''}`,
    );
  }
  if (response.sessions.length === 0) context.terminal.print('No sessions.');
  return ExitStatus.ok;
}

/** Revoking asks first (it signs a device out); `--yes` answers for scripts. */
export async function revoke(
  context: CommandContext,
  target: { kind: 'one'; id: string } | { kind: 'others' },
  confirmed: boolean,
): Promise<number> {
  const what =
    target.kind === 'others'
      ? 'Sign out every other session of this account (this one stays signed in)?'
      : `Sign out session ${target.id}? The device using it will have to sign in again.`;
  if (!confirmed) {
    const answer = await context.terminal.ask(`${what} Type "yes" to continue: `);
    if (answer.trim().toLowerCase() !== 'yes') {
      context.note('Not confirmed; nothing was changed.');
      return ExitStatus.failed;
    }
  }
  const response =
    target.kind === 'others'
      ? await context.services.revokeOtherSessions()
      : await context.services.revokeSession(target.id);
  if (response.kind === 'error') {
    context.note(response.message);
    return ExitStatus.failed;
  }
  context.terminal.print(response.message ?? 'Done.');
  return ExitStatus.ok;
}

export async function logout(context: CommandContext): Promise<number> {
  const view = await context.services.getState();
  if (view.status === 'signed-out') {
    context.terminal.print(`Not signed in to ${view.endpoint.url}; nothing to do.`);
    return ExitStatus.ok;
  }
  const response = await context.services.logout();
  if (response.kind === 'error') {
    context.note(response.message);
    return ExitStatus.failed;
  }
  context.terminal.print(response.message ?? 'Signed out.');
  return ExitStatus.ok;
}
