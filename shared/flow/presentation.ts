/**
 * What a screen shows of a flow, beyond drawing its nodes: messages the screen already says in its own
 * words are left out, and "a code was sent" names the address and how long the code can be used (Kratos's
 * own sentence says neither, though the flow knows both). Pure functions; FlowScreen memoizes the result,
 * so a new object only comes with a new flow.
 */
import type { UiNode, UiText } from '../kratos-wire';
import type { FlowKind, FlowView } from '../ipc-contract';
import type { MessageId } from '../kratos-messages';
import { isRecord } from '../is-record';
import { classifyNode } from './nodes';
import { saidBySignUpStep, signUpStepOf } from './arrangement';

/**
 * "A code has been sent..." (sign-in 1010014, recovery 1060003, verification 1080003): filled with `sent_to`,
 * and for recovery and verification `code_expires_at` (their code lives as long as the flow; a sign-in code
 * has a lifespan of its own that the flow does not carry).
 */
const codeSent = new Set<number>([1010014, 1060003, 1080003] satisfies MessageId[]);

/**
 * Kratos messages that say what the hand-off note of the previous flow says: 1060001 "You recovered your
 * account..." on the settings flow after a recovery (with the time left to change the password), so the
 * note "Your account is recovered" gives way to it.
 */
const notesSaidBy = new Set<number>([1060001] satisfies MessageId[]);

export function presentFlow(flow: FlowView, given: readonly number[] = []): FlowView {
  const messages = messagesOf(flow);
  // Step 2 of a sign-up says Kratos's "Please choose a credential…" in the app's words (arrangement.ts).
  const said =
    flow.kind === 'registration' && signUpStepOf(flow.ui.nodes)?.step === 2
      ? [...given, ...saidBySignUpStep]
      : given;
  const address = codeAddress(flow);
  const context =
    flow.kind === 'login' ? { sent_to: address } : { sent_to: address, code_expires_at: flow.expiresAt };
  return {
    ...flow,
    ui: {
      ...flow.ui,
      messages: messages
        .filter((message) => !said.includes(message.id))
        .map((message): UiText =>
          address !== undefined && codeSent.has(message.id)
            ? { ...message, context: { ...(message.context ?? {}), ...context } }
            : message,
        ),
    },
  };
}

/**
 * Kratos's refusal of a code (4000008 a wrong authenticator code, 4000016 a used backup code, 4010008 a wrong
 * email code…) comes as a message of the whole flow. When the section whose button was pressed sent one
 * field of its own and nothing typed besides (the shared section shows no field), the refusal is about that
 * field: it becomes the field's message, so the window marks the field invalid, links the sentence to it and
 * puts the focus there (FlowForm), beside the button that sends it again.
 */
export function errorsOnField(flow: FlowView, pressedGroup: string | undefined): FlowView {
  const messages = messagesOf(flow);
  const errors = messages.filter((message) => message.type === 'error');
  if (pressedGroup === undefined || pressedGroup === 'default' || errors.length === 0) return flow;
  const typed = (group: string) =>
    flow.ui.nodes.filter((node) => node.group === group && classifyNode(node).kind === 'field');
  const fields = typed(pressedGroup);
  if (fields.length !== 1 || typed('default').length > 0) return flow;
  const field = fields[0]!;
  return {
    ...flow,
    ui: {
      ...flow.ui,
      messages: messages.filter((message) => message.type !== 'error'),
      nodes: flow.ui.nodes.map((node) =>
        node === field ? { ...node, messages: [...node.messages, ...errors] } : node,
      ),
    },
  };
}

/** Whether the flow's own messages already say what the note says (then only they are shown). */
export function noteIsSaid(flow: FlowView): boolean {
  return messagesOf(flow).some((message) => notesSaidBy.has(message.id));
}

/**
 * Where a code went, once it is sent (state `sent_email`): in a recovery or verification flow the "Resend
 * code" button (`email`) carries the address; in a sign-in flow the hidden `identifier` does (the address a
 * second-factor code went to — chosen, or the only one when Kratos sent it at once — or the one typed for a
 * passwordless code).
 */
const codeCarriers: Partial<Record<FlowKind, string>> = {
  recovery: 'email',
  verification: 'email',
  login: 'identifier',
};

export function codeAddress(flow: FlowView): string | undefined {
  if (flow.state !== 'sent_email') return undefined;
  const carrier = Object.hasOwn(codeCarriers, flow.kind) ? codeCarriers[flow.kind] : undefined;
  if (carrier === undefined) return undefined;
  const node = flow.ui.nodes.find(
    (candidate: UiNode) =>
      attributesOf(candidate)?.['name'] === carrier &&
      (carrier === 'email' || attributesOf(candidate)?.['type'] === 'hidden'),
  );
  const value = node === undefined ? undefined : attributesOf(node)?.['value'];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The flow's messages; a server that sends something else than a list has none (drawn outside FlowForm's boundary). */
function messagesOf(flow: FlowView): UiText[] {
  return Array.isArray(flow.ui.messages) ? (flow.ui.messages.filter(isRecord) as UiText[]) : [];
}

function attributesOf(node: unknown): Record<string, unknown> | undefined {
  return isRecord(node) && isRecord(node['attributes']) ? node['attributes'] : undefined;
}
