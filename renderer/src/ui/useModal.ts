import { useEffect, useRef, type RefObject } from 'react';

/**
 * A native `<dialog>` shown as a modal while the component is mounted (ModalDialog.tsx is its one user):
 * the browser keeps the focus inside and turns Escape into a `cancel` event. When it goes away the focus
 * returns to the element that had it before (the button that opened it), if that is still on screen.
 * `initial` takes the focus on opening.
 */
export function useModal(initial: RefObject<HTMLElement | null>): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    initial.current?.focus();
    // The browser keeps the page behind inert but lets Tab leave the dialog for its own toolbar; a modal
    // keeps the focus inside, so Tab wraps around.
    const wrapTab = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || !element) return;
      const focusable = Array.from(
        element.querySelectorAll<HTMLElement>(
          'button:not([disabled]), input:not([disabled]), [tabindex="0"]',
        ),
      );
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    element?.addEventListener('keydown', wrapTab);
    return () => {
      element?.removeEventListener('keydown', wrapTab);
      // Closed first: while a modal is open nothing outside it can take the focus.
      element?.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return dialog;
}
