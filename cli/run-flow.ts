/**
 * One interactive flow in the terminal, driven by the app's own flow service (through the same `AppServices`
 * port the window's IPC uses): second-factor step-up, refresh-and-resend, expired flows and `continue_with`
 * behave exactly as in the window because they are the same code.
 */
import QRCode from 'qrcode';
import type { FlowResponse, FlowValues, FlowView, StartFlowRequest } from '../shared/ipc-contract';
import type { AppServices } from '../main/ipc/services';
import {
  continuesInBrowser,
  questionsFor,
  screenOf,
  valuesFor,
  type Action,
  type Screen,
  type ScreenLine,
} from './flow-screen';
import { text } from './strings';
import { Cancelled, confirmed, type Terminal } from './terminal';

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
  /**
   * Answers given on the command line (`--user`, `--password-stdin`), by field name: those questions are
   * not asked, and the menu takes its preset action without asking.
   */
  preset?: ReadonlyMap<string, string>;
}

export type FlowOutcome = { kind: 'done' } | { kind: 'left' } | { kind: 'failed'; message: string };

export async function runFlow(
  port: FlowPort,
  terminal: Terminal,
  start: StartFlowRequest,
  options: RunFlowOptions,
): Promise<FlowOutcome> {
  terminal.print(text.flow.contacting(options.serverName));
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
        terminal.print(text.flow.error(response.message));
        return { kind: 'failed', message: response.message };
      case 'done':
        if (response.message) terminal.print(response.message);
        if (!response.next) return { kind: 'done' };
        if (response.press !== undefined) {
          // "Add passkey" again, now that the person confirmed it is them (the flow service asked that first).
          shown = response.next;
          const values = { [response.press]: '' };
          response = await continueInBrowser(port, terminal, response.next, values, options);
          continue;
        }
        response = { kind: 'flow', flow: response.next };
        continue;
      case 'flow': {
        shown = response.flow;
        const next = await oneStep(port, terminal, response.flow, options);
        if (next === 'left') return { kind: 'left' };
        if (next === 'refused') return { kind: 'failed', message: text.flow.refused };
        response = next;
        continue;
      }
      default: {
        // A new kind of answer must be handled here before the CLI compiles again.
        const unhandled: never = response;
        return { kind: 'failed', message: text.flow.unexpected(JSON.stringify(unhandled)) };
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
): Promise<FlowResponse | 'left' | 'refused'> {
  const screen = screenOf(flow);
  terminal.print();
  for (const line of screen.lines) await printLine(terminal, line, options);
  // A script's answers were refused (a wrong password): said above; answering the same again would not help.
  if (options.preset !== undefined && screen.lines.some((line) => line.kind === 'error')) return 'refused';
  // Settings stay open after a save (there may be more to change) until the person leaves.
  const leaveLabel = flow.kind === 'settings' ? text.flow.leaveSettings : undefined;
  const action = await chooseAction(terminal, screen, leaveLabel, options.preset !== undefined);
  if (action === undefined) return 'left';
  // Destroying something (unlinking, turning off) and hiding new backup codes for good are agreed to first.
  for (const sentence of [action.confirm, action.acknowledge]) {
    if (sentence === undefined) continue;
    if (!confirmed(await terminal.ask(`${sentence} ${text.terminal.typeYes} `))) {
      terminal.print(text.flow.notConfirmed);
      return { kind: 'flow', flow };
    }
  }
  const answers = new Map<string, string | boolean>();
  for (const question of questionsFor(flow, action)) {
    const given = options.preset?.get(question.name);
    if (given !== undefined) {
      answers.set(question.name, given);
      continue;
    }
    const keep = question.current !== undefined && !question.hidden ? ` [${question.current}]` : '';
    if (question.kind === 'yes-no') {
      const answer = await terminal.ask(`${question.label} ${text.terminal.yesNo}${keep}: `);
      if (answer.trim() !== '') answers.set(question.name, text.terminal.yesAnswer.test(answer.trim()));
      continue;
    }
    const answer = await terminal.ask(`${question.label}${keep}: `, { hidden: question.hidden });
    if (answer !== '') answers.set(question.name, answer);
  }
  const values = valuesFor(flow, action, answers);
  if (!continuesInBrowser(action)) {
    terminal.print(text.flow.contacting(options.serverName));
    return port.submitFlow({ flowId: flow.id, values });
  }
  return continueInBrowser(port, terminal, flow, values, options);
}

/**
 * A provider or passkey button: the sign-in continues in the system browser (the flow service opens the
 * provider's page or the passkey page) and this command waits for it to come back; Ctrl-C cancels the wait, and the flow service forgets the exchange.
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
  terminal.print(text.flow.contacting(options.serverName));
  try {
    return await terminal.interruptible(port.submitFlow({ flowId: flow.id, values }));
  } catch (error) {
    if (error instanceof Cancelled) await port.browserSignIn({ flowId: flow.id, action: 'cancel' });
    throw error;
  }
}

/**
 * The menu: one action is taken without asking; otherwise Enter takes the screen's preset (shown in
 * brackets, like a pre-filled answer), which is also what a scripted sign-in (`scripted`) takes.
 */
async function chooseAction(
  terminal: Terminal,
  { actions, preset }: Screen,
  leaveLabel: string | undefined,
  scripted: boolean,
): Promise<Action | undefined> {
  if (actions.length === 1 && leaveLabel === undefined) return actions[0];
  if (scripted && preset !== undefined) return actions[preset];
  const labels = [...actions.map((action) => action.label), ...(leaveLabel ? [leaveLabel] : [])];
  if (labels.length === 0) return undefined;
  terminal.print();
  labels.forEach((label, index) => terminal.print(`  ${index + 1}. ${label}`));
  const question = `${text.flow.choose(labels.length)}${preset === undefined ? '' : ` [${preset + 1}]`}: `;
  for (;;) {
    const answer = (await terminal.ask(question)).trim();
    if (answer === '' && preset !== undefined) return actions[preset];
    const index = Number(answer) - 1;
    if (answer !== '' && Number.isInteger(index) && index >= 0 && index < labels.length)
      return actions[index];
    terminal.print(text.flow.typeNumber(labels.length));
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
      terminal.print(text.flow.codes);
      for (const code of line.codes) terminal.print(`  ${code}`);
      return;
    case 'qr':
      terminal.print(text.flow.scan);
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
function otpauthUri(secret: string, options: Pick<RunFlowOptions, 'serverName' | 'accountName'>): string {
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
