/**
 * "Confirm it's you": the re-authentication Kratos asks for before a settings change when the session is
 * older than its privileged age (`session_refresh_required`). Main starts it and sends the change again once
 * it succeeds; this frame says whose account it is and which change waits, as GitHub's "Confirm access" and
 * Google's "Verify it's you" do, with a way back and a way out for a forgotten password.
 */
import { useId, type ReactNode } from 'react';
import type { FlowView } from '../../../shared/ipc-contract';
import { strings } from '../../../shared/strings';

/** A login flow that re-authenticates the current session (not an aal2 step-up, not a sign-in). */
export const isReauthentication = (flow: FlowView): boolean => flow.kind === 'login' && flow.refresh === true;

/** Kratos's "Please confirm this action by verifying that it is you." (1010003): the frame says it. */
export const reauthenticationSaid = [1010003] as const;

export function ConfirmIdentity({
  flow,
  account,
  onCancel,
  onForgotPassword,
  children,
}: {
  flow: FlowView;
  /** Who is signed in, as the top bar names them. */
  account: string | undefined;
  onCancel: () => void;
  /** Absent when the screen has nowhere to recover from (or the flow asks for no password). */
  onForgotPassword: (() => void) | undefined;
  children: ReactNode;
}) {
  const headingId = useId();
  const words = strings.flow.reauthenticate;
  const change =
    flow.pendingChange !== undefined && Object.hasOwn(words.changes, flow.pendingChange)
      ? words.changes[flow.pendingChange]!
      : words.someChange;
  const asksPassword = flow.ui.nodes.some(
    (node) => (node.attributes as { name?: unknown; type?: unknown }).type === 'password',
  );
  return (
    <section className="confirm-identity" aria-labelledby={headingId} data-testid="flow/confirm-identity">
      <h3 id={headingId}>{words.heading}</h3>
      {account !== undefined && (
        <p data-testid="confirm-identity/account">
          {strings.app.signedInAs} <strong dir="auto">{account}</strong>
        </p>
      )}
      <p className="hint" data-testid="confirm-identity/change">
        {flow.pendingChange === 'add-passkey' ? words.passkeyAfter : words.change(change)}
      </p>
      {children}
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel} data-testid="confirm-identity/cancel">
          {words.cancel}
        </button>
        {onForgotPassword && asksPassword && (
          <button
            type="button"
            className="link"
            onClick={onForgotPassword}
            data-testid="confirm-identity/forgot"
          >
            {words.forgot}
          </button>
        )}
      </div>
    </section>
  );
}
