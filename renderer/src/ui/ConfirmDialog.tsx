/**
 * "Are you sure?" before an action that cannot be undone (revoking a session, unlinking the authenticator
 * app, replacing backup codes). It names what will happen and its confirm button repeats the action's name,
 * so the person confirms what they read, not a generic "OK".
 *
 * A ModalDialog: focus stays inside, Escape cancels. The focus starts on Cancel, the harmless choice, and
 * goes back to the button that asked once the dialog is gone.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { Confirmation } from '../../../shared/confirmation';
import { ModalDialog } from './ModalDialog';
import { strings } from '../../../shared/strings';

interface Asking extends Confirmation {
  resolve: (confirmed: boolean) => void;
}

/** `ask(confirmation)` resolves `true` when confirmed; render `dialog` somewhere in the component. */
export function useConfirm(): { ask(confirmation: Confirmation): Promise<boolean>; dialog: ReactNode } {
  const [asking, setAsking] = useState<Asking>();
  const ask = useCallback(
    (confirmation: Confirmation) =>
      new Promise<boolean>((resolve) => setAsking({ ...confirmation, resolve })),
    [],
  );
  const answer = (confirmed: boolean) => {
    if (!asking) return;
    setAsking(undefined);
    asking.resolve(confirmed);
  };
  return { ask, dialog: asking ? <ConfirmDialog {...asking} onAnswer={answer} /> : null };
}

function ConfirmDialog({
  title,
  body,
  confirm,
  onAnswer,
}: Confirmation & { onAnswer: (confirmed: boolean) => void }) {
  const initial = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      role="alertdialog"
      labelledBy="confirm-title"
      describedBy="confirm-body"
      initialFocus={initial}
      onClose={() => onAnswer(false)}
      testId="confirm"
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-body">{body}</p>
      <div className="actions">
        <button type="button" className="danger" onClick={() => onAnswer(true)} data-testid="confirm/yes">
          {confirm}
        </button>
        <button
          ref={initial}
          type="button"
          className="secondary"
          onClick={() => onAnswer(false)}
          data-testid="confirm/no"
        >
          {strings.ui.cancel}
        </button>
      </div>
    </ModalDialog>
  );
}
