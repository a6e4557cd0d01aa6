/**
 * Where the focus goes when a screen changes under it. When the element that held the focus disappears
 * (the sign-in form after signing in, the revoked session's button), the browser drops the focus to
 * `<body>` and a keyboard or screen-reader user is lost. A new screen's heading, or a message that says
 * what just happened, takes the focus in that case, and only in that case: focus the person moved on
 * purpose is never stolen.
 */
import { useEffect, useRef, type RefObject } from 'react';

/** Nothing useful holds the focus: it fell back to `<body>` (or to nothing). */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/** Focus `ref` once it is on screen, if the focus was lost. Give the element `tabIndex={-1}`. */
export function useFocusIfLost<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    // After the commit that removed the old screen, so the lost focus is visible here.
    if (focusIsLost()) ref.current?.focus();
  }, []);
  return ref;
}
