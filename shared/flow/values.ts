/**
 * The JSON body a flow submit sends, built from the flow's nodes, what the user typed and the button
 * that was pressed.
 *
 * Rules (docs/protocol.md §10; the recipe Ory's own UIs use):
 * - only the pressed button's group and the shared `default` group are sent, so pressing "Sign in with
 *   password" never sends a half-typed TOTP code from another section;
 * - the pressed button's own name/value is sent (`method: "password"`, `totp_unlink: true`, `provider: "x"`);
 * - an empty `csrf_token` is dropped: API flows have the node but no value, and Kratos ignores it;
 * - checkboxes send booleans, number fields numbers, empty fields nothing (Kratos then says which is missing);
 * - dotted names become nested objects: `traits.email` → `{ traits: { email } }`.
 */
import { isInputNode, type UiNode, type UiText } from '../kratos-wire';
import type { FlowValues } from '../ipc-contract';
import type { MessageId } from '../kratos-messages';
import { classifyNode } from './nodes';

/** What the user changed, by input name: text for fields, booleans for checkboxes. */
export type Edits = ReadonlyMap<string, string | boolean>;

export function collectValues(nodes: readonly UiNode[], edits: Edits, pressed: UiNode): FlowValues {
  const flat: [string, unknown][] = [];
  for (const node of nodes) {
    if (node.group !== 'default' && node.group !== pressed.group) continue;
    const entry = valueOf(node, edits);
    if (entry) flat.push(entry);
  }
  const button = classifyNode(pressed);
  if (button.kind === 'submit' && button.name !== '') flat.push([button.name, button.value ?? true]);
  return nest(flat);
}

/** The value a node contributes, or `undefined` when it sends nothing. Submit buttons send only when pressed. */
function valueOf(node: UiNode, edits: Edits): [string, unknown] | undefined {
  const view = classifyNode(node);
  const initial = isInputNode(node) ? node.attributes.value : undefined;
  switch (view.kind) {
    case 'hidden':
      if (view.name === '' || initial === undefined || initial === null) return undefined;
      if (view.name === 'csrf_token' && initial === '') return undefined;
      return [view.name, initial];
    case 'checkbox': {
      const edited = edits.get(view.name);
      return [view.name, typeof edited === 'boolean' ? edited : initial === true || initial === 'true'];
    }
    case 'field': {
      const edited = edits.get(view.name);
      const raw = typeof edited === 'string' ? edited : initial;
      if (raw === undefined || raw === null || raw === '') return undefined;
      if (view.inputType === 'number') {
        const number = Number(raw);
        return [view.name, Number.isFinite(number) ? number : raw];
      }
      return [view.name, raw];
    }
    default:
      return undefined;
  }
}

/** Names a server could send to reach `Object.prototype` through the nesting below. */
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** `[['traits.email', 'a@b'], ['method', 'password']]` → `{ traits: { email: 'a@b' }, method: 'password' }`. */
export function nest(entries: readonly (readonly [string, unknown])[]): FlowValues {
  const root: FlowValues = {};
  for (const [name, value] of entries) {
    const path = name.split('.');
    if (path.some((key) => key === '' || unsafeKeys.has(key))) continue;
    const last = path.pop() as string;
    let target = root;
    for (const key of path) {
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as FlowValues;
    }
    target[last] = value;
  }
  return root;
}

/** Kratos's "wrong identifier or password" (4000006): the typed password is the problem. */
const credentialErrors = new Set<number>([4000006 satisfies MessageId]);

/**
 * What the person typed that survives Kratos's answer. Kratos never sends a password back, so a failed
 * submit would empty the field even when the problem was elsewhere (an email already taken, a missing
 * name). Typed passwords are kept when the answer is a refusal (it carries an error) about something else;
 * after a success, or a refusal of the password itself, the field starts empty. Everything else shows the
 * values Kratos sent back.
 */
export function keptAfterAnswer(
  edits: Edits,
  nodes: readonly UiNode[],
  flowMessages: readonly UiText[],
): Edits {
  const refused =
    flowMessages.some((message) => message.type === 'error') ||
    nodes.some((node) => node.messages.some((message) => message.type === 'error'));
  if (!refused || flowMessages.some((message) => credentialErrors.has(message.id))) return new Map();
  const kept = new Map<string, string | boolean>();
  for (const node of nodes) {
    if (!isInputNode(node) || node.attributes.type !== 'password') continue;
    const { name } = node.attributes;
    const typed = edits.get(name);
    if (typeof typed === 'string' && !node.messages.some((message) => message.type === 'error')) {
      kept.set(name, typed);
    }
  }
  return kept;
}
