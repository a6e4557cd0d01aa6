/**
 * Keeps a render crash inside the part of the window that crashed. Without it one odd value from a server
 * (a node with `attributes: null`) unmounts the whole React tree: a blank window, the Server button gone with
 * it, and, with that server saved, the same on every start. Main already refuses the shapes it knows to be
 * broken (main/kratos/shapes.ts); this is for everything nobody foresaw.
 *
 * React catches render errors only in a class component (there is no hook for it).
 */
import { Component, type ReactNode } from 'react';
import { useFocusIfLost } from './focus';
import { Message } from './Message';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What is shown instead of the crashed part; `retry` renders the children again. */
  fallback: (retry: () => void) => ReactNode;
  /** A new value (another flow, another session state) renders the children again. */
  resetKey: unknown;
}

interface ErrorBoundaryState {
  failed: boolean;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    return this.state.failed
      ? this.props.fallback(() => this.setState({ failed: false }))
      : this.props.children;
  }
}

/** The sentence in place of a part that crashed, and the one thing to do about it. */
export function BrokenPart({
  text,
  action,
  onAction,
}: {
  text: string;
  action: string;
  onAction: () => void;
}) {
  // The part that held the focus is gone: the sentence that explains why takes it.
  const ref = useFocusIfLost<HTMLParagraphElement>();
  return (
    <div className="flow-problem" data-testid="broken">
      <Message level="error" boxed testId="broken/message" ref={ref} tabIndex={-1}>
        {text}
      </Message>
      <button type="button" className="primary" onClick={onAction} data-testid="broken/retry">
        {action}
      </button>
    </div>
  );
}
