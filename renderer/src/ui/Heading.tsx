import type { ReactNode } from 'react';
import { useFocusIfLost } from './focus';

/**
 * A screen's or a card's heading. It takes the focus when it appears and the focus was lost (focus.ts), so
 * after signing in, signing out or a finished step the person starts reading at the new screen's title.
 */
export function Heading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useFocusIfLost<HTMLHeadingElement>();
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}
