/**
 * What a Kratos flow looks like in a terminal, decided without any I/O: the lines to print, the actions the
 * person can take (one per submit button) and the questions an action needs.
 *
 * It reads nodes with the rules it shares with the window (shared/flow/nodes.ts, values.ts, messages.ts): the same
 * node classification, the same message texts, the same body sent for the pressed button. Only the output
 * differs — lines instead of elements — so the terminal and the window cannot drift apart.
 */
import { isInputNode, type UiNode, type UiText } from '../shared/kratos-wire';
import type { FlowValues, FlowView } from '../shared/ipc-contract';
import { messageText } from '../shared/flow/messages';
import { arrange, sectionStatus, signUpStepLine } from '../shared/flow/arrangement';
import {
  classifyNode,
  confirmationFor,
  groupTitle,
  isPasskeyButton,
  submitLabel,
  type NodeSection,
} from '../shared/flow/nodes';
import { strings } from '../shared/strings';
import { collectValues, type Edits } from '../shared/flow/values';
import { presentFlow } from '../shared/flow/presentation';
import { text } from './strings';

/** A line of the screen; `qr` is drawn by the shell (it needs the qrcode library's terminal renderer). */
export type ScreenLine =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'secret'; label: string; secret: string }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'qr'; secret: string };

export interface Action {
  label: string;
  node: UiNode;
  /** A sentence the person must agree to first (new backup codes are hidden once confirmed). */
  acknowledge?: string;
  /** What pressing it destroys, asked first with the window's own words (unlinking, turning off). */
  confirm?: string;
}

export interface Question {
  name: string;
  label: string;
  /** Passwords and one-time codes are read without echo. */
  hidden: boolean;
  kind: 'text' | 'yes-no';
  /** What the server pre-filled; Enter keeps it. */
  current: string | undefined;
}

export interface Screen {
  lines: ScreenLine[];
  actions: Action[];
  /**
   * The action Enter picks at the menu: the first one that is neither a provider's button nor destructive.
   * Settings have none: there every action is a choice of its own.
   */
  preset: number | undefined;
}

/** Fields whose value is a one-time secret: read without echo, like a password. */
const codeFields = new Set(['code', 'totp_code', 'lookup_secret']);

export function screenOf(flow: FlowView, now: number = Date.now()): Screen {
  const lines: ScreenLine[] = [{ kind: 'heading', text: titleOf(flow) }];
  // The window's presentation of the messages: "a code was sent" names where it went.
  lines.push(...messagesOf(presentFlow(flow).ui.messages, now));
  const actions: Action[] = [];
  const action = (node: UiNode, title: string | undefined) => {
    const view = classifyNode(node);
    // A button Kratos offers switched off is no choice (its reason, if any, is among the lines).
    if (view.kind !== 'submit' || view.disabled) return;
    // The window's button names: Kratos labels every settings save "Save".
    const label = submitLabel(node) ?? labelOf(node, view.name);
    const confirmation = confirmationFor(node, flow.ui.nodes);
    actions.push({
      label: title ? `${title}: ${label}` : label,
      node,
      ...(view.acknowledge ? { acknowledge: view.acknowledge } : {}),
      ...(confirmation ? { confirm: `${confirmation.title} ${confirmation.body}` } : {}),
    });
  };
  // The window's order (shared/flow/arrangement.ts): providers, "or", the step of a sign-up, the rest.
  const { providers, sections, signUpStep, intro } = arrange(flow);
  const drawSection = (section: NodeSection) => {
    const title = groupTitle(section.group);
    const status = flow.kind === 'settings' ? sectionStatus(section) : undefined;
    const body: ScreenLine[] = status === undefined ? [] : [{ kind: 'text', text: status }];
    for (const node of section.nodes) {
      body.push(...displayOf(node, now));
      action(node, title);
      const view = classifyNode(node);
      if (view.kind === 'browser-only-button') {
        body.push({ kind: 'text', text: text.flow.needsBrowser(labelOf(node, view.name)) });
      }
      // "Link <provider>" is never sent (a native app cannot finish it): how to link it, said at once.
      if (view.kind === 'provider-link') {
        body.push({ kind: 'text', text: `${labelOf(node, view.name)}: ${view.guidance}` });
      }
      if (view.kind === 'submit' && view.note !== undefined) body.push({ kind: 'text', text: view.note });
    }
    if (title && body.length > 0) lines.push({ kind: 'heading', text: title });
    lines.push(...body);
  };
  providers.forEach(drawSection);
  if (providers.length > 0 && sections.length > 0) lines.push({ kind: 'text', text: strings.flow.or });
  if (signUpStep) lines.push({ kind: 'text', text: signUpStepLine(signUpStep) });
  if (intro !== undefined) lines.push({ kind: 'text', text: intro });
  sections.forEach(drawSection);
  // "Change" (Kratos's Back) is offered after the step's own button, which Enter picks.
  if (signUpStep?.step === 2 && signUpStep.change) action(signUpStep.change, undefined);
  const preset =
    flow.kind === 'settings'
      ? -1
      : actions.findIndex((action) => !continuesInBrowser(action) && action.confirm === undefined);
  return { lines, actions, preset: preset === -1 ? undefined : preset };
}

/** Groups whose buttons continue at a provider, in the browser. */
const browserGroups = new Set(['oidc', 'saml']);

/** Whether pressing `action` goes on in the browser: a provider's button, or a passkey's (its page). */
export function continuesInBrowser(action: Action): boolean {
  const name = isInputNode(action.node) ? action.node.attributes.name : '';
  return browserGroups.has(action.node.group) || isPasskeyButton(name);
}

/**
 * The questions pressing `action` needs: the fields of the shared `default` group and of the button's own
 * group, but only for the group's first (primary) button — "Resend code" or "Unlink" send no typed values —
 * and none for a social provider's or a passkey's button.
 */
export function questionsFor(flow: FlowView, action: Action): Question[] {
  const { nodes } = flow.ui;
  const primary = nodes.find(
    (node) => node.group === action.node.group && classifyNode(node).kind === 'submit',
  );
  // A provider or passkey button asks nothing here: the person goes on in the browser (a passkey names its
  // account itself; a sign-up's address was given on the step before).
  const groups = continuesInBrowser(action)
    ? []
    : primary === action.node
      ? ['default', action.node.group]
      : ['default'];
  const questions: Question[] = [];
  for (const node of nodes) {
    if (!groups.includes(node.group)) continue;
    const view = classifyNode(node);
    if (!isInputNode(node) || (view.kind !== 'field' && view.kind !== 'checkbox')) continue;
    const { disabled, value } = node.attributes;
    if (disabled === true) continue;
    questions.push({
      name: view.name,
      label: labelOf(node, view.name),
      hidden: view.kind === 'field' && (view.inputType === 'password' || codeFields.has(view.name)),
      kind: view.kind === 'checkbox' ? 'yes-no' : 'text',
      current:
        (typeof value === 'string' && value !== '') || typeof value === 'number' ? String(value) : undefined,
    });
  }
  return questions;
}

/** The JSON body for `action` with the person's answers, built exactly as the window builds it. */
export function valuesFor(flow: FlowView, action: Action, answers: Edits): FlowValues {
  return collectValues(flow.ui.nodes, answers, action.node);
}

function titleOf(flow: FlowView): string {
  if (flow.kind === 'login' && flow.requestedAal === 'aal2') return text.flow.secondStep;
  if (flow.kind === 'login' && flow.refresh) return text.flow.confirmItIsYou;
  return text.flow.titles[flow.kind];
}

function messagesOf(messages: readonly UiText[] | undefined, now: number): ScreenLine[] {
  return (messages ?? []).map((message) => ({
    kind: message.type === 'error' ? 'error' : 'text',
    text: messageText(message, now),
  }));
}

function displayOf(node: UiNode, now: number): ScreenLine[] {
  const view = classifyNode(node);
  const own = messagesOf(node.messages, now);
  switch (view.kind) {
    case 'text':
      return [...(view.text ? [{ kind: 'text' as const, text: messageText(view.text, now) }] : []), ...own];
    case 'secret':
      // The TOTP secret: drawn as a QR code to scan, and printed for typing into the app by hand.
      return [
        { kind: 'qr', secret: view.secret },
        { kind: 'secret', label: labelOf(node, text.flow.secret), secret: view.secret },
        ...own,
      ];
    case 'secret-list':
      return [
        {
          kind: 'codes',
          codes: view.secrets.map((code) =>
            code.kind === 'unused' ? code.code : messageText(code.text, now),
          ),
        },
        ...own,
      ];
    case 'link':
      return [
        { kind: 'text', text: `${view.title ? messageText(view.title, now) : text.flow.link}: ${view.href}` },
        ...own,
      ];
    case 'division': {
      // An empty place for a browser widget: its label and note (a captcha needs a web browser), if any.
      const label = node.meta?.label ? messageText(node.meta.label, now) : undefined;
      const lines = [label, view.note].filter((line): line is string => line !== undefined);
      return [...lines.map((line) => ({ kind: 'text' as const, text: line })), ...own];
    }
    case 'unsupported':
    case 'blocked-link':
    case 'blocked-image':
      return [{ kind: 'text', text: view.reason }, ...own];
    default:
      // The QR image itself is not printed (the `secret` node draws it); fields show their messages.
      return own;
  }
}

function labelOf(node: UiNode, fallback: string): string {
  const label = node.meta?.label;
  return label ? messageText(label) : fallback;
}
