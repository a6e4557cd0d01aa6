import { useState } from 'react';
import { strings } from '../../../shared/strings';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text` to the clipboard and says whether it worked (the clipboard can be refused). */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy">
      <button type="button" className="secondary" onClick={copy} data-testid={testId}>
        {label}
      </button>
      <span role="status" className="copy-state">
        {state === 'copied' && strings.ui.copied}
        {state === 'failed' && strings.ui.copyFailed}
      </span>
    </span>
  );
}
