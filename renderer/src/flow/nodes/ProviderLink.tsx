/**
 * Settings' "Link <provider>": never sent (a native app cannot finish Kratos's link, shared/flow/nodes.ts), it
 * opens the way that works instead — sign out, then sign in with the provider and the same address (Kratos's
 * account linking). The sentence takes the focus, where the person reads next.
 */
import { useEffect, useRef, useState } from 'react';
import type { NodeView } from '../../../../shared/flow/nodes';
import { messageText } from '../../../../shared/flow/messages';

type View = Extract<NodeView, { kind: 'provider-link' }>;

export function ProviderLink({ view, domId }: { view: View; domId: string }) {
  const [open, setOpen] = useState(false);
  const guidance = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (open) guidance.current?.focus();
  }, [open]);
  return (
    <div className="node node-provider-link">
      <button
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls={`${domId}-guidance`}
        disabled={view.disabled}
        onClick={() => setOpen((shown) => !shown)}
        data-testid={`field/link/${view.value}`}
      >
        {view.label ? messageText(view.label) : view.name}
      </button>
      {open && (
        <p
          id={`${domId}-guidance`}
          ref={guidance}
          tabIndex={-1}
          className="hint"
          data-testid={`field/link/${view.value}/guidance`}
        >
          {view.guidance}
        </p>
      )}
    </div>
  );
}
