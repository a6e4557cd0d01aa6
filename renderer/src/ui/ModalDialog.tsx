/**
 * The app's modal dialog: a native `<dialog>` shown with `showModal()` while mounted (useModal.ts: the focus
 * starts on `initialFocus`, stays inside, and goes back to the opener), named by its heading. Escape makes
 * the browser fire `cancel`; the dialog asks its owner to close (`onClose`) instead of hiding itself, so
 * the owner's state alone decides what is on screen. `canClose: false` keeps it open meanwhile (the Server
 * dialog while it checks a server).
 */
import type { ReactNode, RefObject } from 'react';
import { useModal } from './useModal';

export interface ModalDialogProps {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  /** The id of the sentence that says what the dialog is about, when one does. */
  describedBy?: string;
  /** `alertdialog` for a question that interrupts (ConfirmDialog). */
  role?: 'alertdialog';
  /** The element that takes the focus on opening. */
  initialFocus: RefObject<HTMLElement | null>;
  /** Whether Escape closes the dialog now (default: yes). */
  canClose?: boolean;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}

export function ModalDialog({
  labelledBy,
  describedBy,
  role,
  initialFocus,
  canClose = true,
  onClose,
  testId,
  children,
}: ModalDialogProps) {
  const dialog = useModal(initialFocus);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        if (canClose) onClose();
      }}
      data-testid={testId}
    >
      {children}
    </dialog>
  );
}
