/**
 * One interactive flow in the terminal, driven by the app's own flow service (through the same `AppServices`
 * port the window's IPC uses): second-factor step-up, refresh-and-resend, expired flows and `continue_with`
 * behave exactly as in the window because they are the same code.
 */
import QRCode from 'qrcode';
import type { FlowResponse, FlowValues, FlowView, StartFlowRequest } from '../shared/ipc-contract';
import type { AppServices } from '../main/ipc/services';
import { questionsFor, screenOf, valuesFor, type Action, type ScreenLine } from './flow-screen';
import { Cancelled, type Terminal } from './terminal';

export type FlowPort = Pick<AppServices, 'startFlow' | 'submitFlow' | 'browserSignIn'>;

export interface RunFlowOptions {
  /** Shown while a request is on its way ("Contacting https://…"). */
  serverName: string;
  /** How the authenticator app will name the account when the QR code is scanned. */
  accountName?: string;
  /**
   * Makes ready for the browser to come back before a provider button is sent (the loopback listener);
   * rejects with a sentence when it cannot (e.g. the port is taken).
   */
  prepareBrowserReturn?: () => Promise<void>;
}

export type FlowOutcome = { kind: 'done' } | { kind: 'left' } | { kind: 'failed'; message: string };

export async function runFlow(
  port: FlowPort,
  terminal: Terminal,
  start: StartFlowRequest,
  options: RunFlowOptions,
): Promise<FlowOutcome> {
  terminal.print(`Contacting ${options.serverName}…`);
  let response: FlowResponse = await port.startFlow(start);
  /** The flow on screen: after a "not sent" answer (the server asked to slow down) it is still good. */
  let shown: FlowView | undefined;
  for (;;) {
    switch (response.kind) {
      case 'not-sent':
        terminal.print(`! ${response.message}`);
        if (!shown) return { kind: 'failed', message: response.message };
        // The person sends again when they choose to (never the CLI by itself).
        response = { kind: 'flow', flow: shown };
        continue;
      case 'error':
        terminal.print(`Error: ${response.message}`);
        return { kind: 'failed', message: response.message };
      case 'done':
        if (response.message) terminal.print(response.message);
        if (!response.next) return { kind: 'done' };
        response = { kind: 'flow', flow: response.next };
        continue;
      case 'flow': {
        shown = response.flow;
        const next = await oneStep(port, terminal, response.flow, options);
        if (next === 'left') return { kind: 'left' };
        response = next;
        continue;
      }
      default: {
        // A new kind of answer must be handled here before the CLI compiles again.
        const unhandled: never = response;
        return { kind: 'failed', message: `Unexpected answer: ${JSON.stringify(unhandled)}` };
      }
    }
  }
}

/** Shows the flow, lets the person pick an action and answer its questions, and submits. */
async function oneStep(
  port: FlowPort,
  terminal: Terminal,
  flow: FlowView,
  options: RunFlowOptions,
): Promise<FlowResponse | 'left'> {
  const screen = screenOf(flow);
  terminal.print();
  for (const line of screen.lines) await printLine(terminal, line, options);
  // Settings stay open after a save (there may be more to change) until the person leaves.
  const leaveLabel = flow.kind === 'settings' ? 'Leave settings' : undefined;
  const action = await chooseAction(terminal, screen.actions, leaveLabel);
  if (action === undefined) return 'left';
  if (action.acknowledge !== undefined) {
    const answer = await terminal.ask(`${action.acknowledge} Type "yes" to continue: `);
    if (answer.trim().toLowerCase() !== 'yes') {
      terminal.print('Not confirmed; nothing was sent.');
      return { kind: 'flow', flow };
    }
  }
  const answers = new Map<string, string | boolean>();
  for (const question of questionsFor(flow, action)) {
    const keep = question.current !== undefined && !question.hidden ? ` [${question.current}]` : '';
    if (question.kind === 'yes-no') {
      const answer = await terminal.ask(`${question.label} (y/n)${keep}: `);
      if (answer.trim() !== '') answers.set(question.name, /^y(es)?$/i.test(answer.trim()));
      continue;
    }
    const answer = await terminal.ask(`${question.label}${keep}: `, { hidden: question.hidden });
    if (answer !== '') answers.set(question.name, answer);
  }
  const values = valuesFor(flow, action, answers);
  if (action.node.group !== 'oidc') {
    terminal.print(`Contacting ${options.serverName}…`);
    return port.submitFlow({ flowId: flow.id, values });
  }
  return continueInBrowser(port, terminal, flow, values, options);
}

/**
 * A provider button: the sign-in continues in the system browser (the flow service opens it) and this
 * command waits for it to come back; Ctrl-C cancels the wait, and the flow service forgets the exchange.
 */
async function continueInBrowser(
  port: FlowPort,
  terminal: Terminal,
  flow: FlowView,
  values: FlowValues,
  options: RunFlowOptions,
): Promise<FlowResponse> {
  try {
    await options.prepareBrowserReturn?.();
  } catch (error) {
    terminal.print(`! ${(error as Error).message}`);
    return { kind: 'flow', flow };
  }
  terminal.print(`Contacting ${options.serverName}…`);
  try {
    return await terminal.interruptible(port.submitFlow({ flowId: flow.id, values }));
  } catch (error) {
    if (error instanceof Cancelled) await port.browserSignIn({ flowId: flow.id, action: 'cancel' });
    throw error;
  }
}

async function chooseAction(
  terminal: Terminal,
  actions: readonly Action[],
  leaveLabel: string | undefined,
): Promise<Action | undefined> {
  if (actions.length === 1 && leaveLabel === undefined) return actions[0];
  const labels = [...actions.map((action) => action.label), ...(leaveLabel ? [leaveLabel] : [])];
  if (labels.length === 0) return undefined;
  terminal.print();
  labels.forEach((label, index) => terminal.print(`  ${index + 1}. ${label}`));
  for (;;) {
    const answer = (await terminal.ask(`Choose 1–${labels.length}: `)).trim();
    const index = Number(answer) - 1;
    if (Number.isInteger(index) && index >= 0 && index < labels.length) return actions[index];
    terminal.print(`Please type a number from 1 to ${labels.length}.`);
  }
}

async function printLine(terminal: Terminal, line: ScreenLine, options: RunFlowOptions): Promise<void> {
  switch (line.kind) {
    case 'heading':
      terminal.print(`== ${line.text} ==`);
      return;
    case 'text':
      terminal.print(line.text);
      return;
    case 'error':
      terminal.print(`! ${line.text}`);
      return;
    case 'secret':
      terminal.print(`${line.label}: ${line.secret}`);
      return;
    case 'codes':
      terminal.print('Backup codes (each works once; they are not shown again after you confirm):');
      for (const code of line.codes) terminal.print(`  ${code}`);
      return;
    case 'qr':
      terminal.print('Scan this with your authenticator app:');
      terminal.print(
        await QRCode.toString(otpauthUri(line.secret, options), { type: 'terminal', small: true }),
      );
  }
}

/**
 * The key URI authenticator apps read (Google's "Key Uri Format"). Kratos sends its own QR only as a PNG,
 * which a terminal cannot show; this encodes the same secret with Kratos's defaults (SHA1, 6 digits, 30 s),
 * so the codes are the same — only the name shown in the authenticator app may differ.
 */
export function otpauthUri(
  secret: string,
  options: Pick<RunFlowOptions, 'serverName' | 'accountName'>,
): string {
  const issuer = hostOf(options.serverName);
  const label = options.accountName ? `${issuer}:${options.accountName}` : issuer;
  return `otpauth://totp/${encodeURIComponent(label)}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
