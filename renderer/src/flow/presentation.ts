/**
 * What a screen shows of a flow, beyond drawing its nodes: messages the screen already says in its own
 * words are left out, and "a code was sent" names the address and how long the code can be used (Kratos's
 * own sentence says neither, though the flow knows both). Pure functions; FlowScreen memoizes the result,
 * so a new object only comes with a new flow.
 */
import type { UiNode, UiText } from '../../../shared/kratos-wire';
import type { FlowView } from '../../../shared/ipc-contract';
import type { MessageId } from '../../../shared/kratos-messages';
import { isRecord } from '../../../shared/is-record';

/** "A code has been sent..." (recovery 1060003, verification 1080003): filled with `sent_to`, `code_expires_at`. */
const codeSent = new Set<number>([1060003, 1080003] satisfies MessageId[]);

/**
 * Kratos messages that say what the hand-off note of the previous flow says: 1060001 "You recovered your
 * account..." on the settings flow after a recovery (with the time left to change the password), so the
 * note "Your account is recovered" gives way to it.
 */
const notesSaidBy = new Set<number>([1060001] satisfies MessageId[]);

export function presentFlow(flow: FlowView, said: readonly number[] = []): FlowView {
  const messages = messagesOf(flow);
  const address = codeAddress(flow);
  const context = { sent_to: address, code_expires_at: flow.expiresAt };
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

/** Whether the flow's own messages already say what the note says (then only they are shown). */
export function noteIsSaid(flow: FlowView): boolean {
  return messagesOf(flow).some((message) => notesSaidBy.has(message.id));
}

/**
 * Where a recovery or verification code went: the "Resend code" button (`email`) carries the address once
 * the code is sent (state `sent_email`).
 */
export function codeAddress(flow: FlowView): string | undefined {
  if ((flow.kind !== 'recovery' && flow.kind !== 'verification') || flow.state !== 'sent_email')
    return undefined;
  const node = flow.ui.nodes.find((candidate: UiNode) => attributesOf(candidate)?.['name'] === 'email');
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
