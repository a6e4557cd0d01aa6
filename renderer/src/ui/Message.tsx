import type { HTMLAttributes, ReactNode, Ref } from 'react';
import type { ActionResult } from './useAction';

type MessageLevel = 'error' | 'success' | 'info';

export interface MessageProps extends Omit<HTMLAttributes<HTMLParagraphElement>, 'className' | 'role'> {
  level: MessageLevel;
  /** On a tinted background: for messages that head a screen or a form. */
  boxed?: boolean;
  testId?: string;
  ref?: Ref<HTMLParagraphElement>;
  children: ReactNode;
}

/**
 * A sentence for the person, coloured by its level. Errors are announced at once (`alert`), everything else
 * politely (`status`), so a screen reader hears what a sighted person sees appear.
 */
export function Message({ level, boxed = false, testId, children, ...rest }: MessageProps) {
  return (
    <p
      className={`message message-${level}${boxed ? ' boxed' : ''}`}
      role={level === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      {...rest}
    >
      {children}
    </p>
  );
}

/** What the last action (`useAction`) said, if it said anything. */
export function ActionMessage({ result, testId }: { result: ActionResult | undefined; testId?: string }) {
  if (!result) return null;
  return (
    <Message level={result.ok ? 'success' : 'error'} testId={testId}>
      {result.text}
    </Message>
  );
}
