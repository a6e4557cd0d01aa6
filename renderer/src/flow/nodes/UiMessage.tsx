/** Kratos messages: a node's own, and the flow's above the form. */
import type { UiText } from '../../../../shared/kratos-wire';
import { messageText } from '../../../../shared/flow/messages';
import { Message } from '../../ui/Message';

export function NodeMessages({ messages }: { messages: readonly UiText[] }) {
  return (
    <>
      {messages.map((message, i) => (
        <UiMessage key={`${message.id}-${i}`} message={message} />
      ))}
    </>
  );
}

/** A Kratos message with its type's styling; `boxed` for flow-level messages above the form. */
export function UiMessage({ message, boxed = false }: { message: UiText; boxed?: boolean }) {
  const level = message.type === 'error' ? 'error' : message.type === 'success' ? 'success' : 'info';
  // tabIndex -1: FlowForm moves the focus to the first error message.
  return (
    <Message
      level={level}
      boxed={boxed}
      tabIndex={-1}
      testId={`ui/message/${message.id}`}
      data-message-type={level}
    >
      {messageText(message)}
    </Message>
  );
}
