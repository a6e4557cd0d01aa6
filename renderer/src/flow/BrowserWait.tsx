/**
 * "Continue in your browser…": what the window shows while a social sign-in happens in the system browser
 * (docs/social-sign-in.md). The submit that opened the browser is still on its way; it answers when the
 * browser comes back through the app's link (signed in, or the form again with Kratos's message), on
 * "Cancel" (the form again), or after ten minutes. Main holds everything about the exchange: this screen only
 * says what is going on and offers the two things the person can do meanwhile.
 */
import { useEffect, useRef, useState } from 'react';
import { call, kratos } from '../ipc';
import { Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useWindowTitle } from '../ui/useWindowTitle';
import { strings } from '../../../shared/strings';

export interface BrowserWaitProps {
  flowId: string;
  /** What the browser shows: a provider's sign-in page (its name as the button said it), or the passkey page. */
  provider: string | { passkey: true };
}

type Action = 'reopen' | 'cancel';

export function BrowserWait({ flowId, provider }: BrowserWaitProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [pending, setPending] = useState<Action>();
  const [result, setResult] = useState<{ level: 'error' | 'info'; text: string }>();

  useWindowTitle(strings.browserWait.title);
  // The form the person pressed a button in is gone: their eyes go to what happens now.
  useEffect(() => heading.current?.focus(), []);

  const act = async (action: Action) => {
    setPending(action);
    setResult(undefined);
    const outcome = await call(kratos().browserSignIn({ flowId, action }));
    setPending(undefined);
    if (!outcome.ok) setResult({ level: 'error', text: outcome.message });
    else if (outcome.value.kind === 'error') setResult({ level: 'error', text: outcome.value.message });
    else if (action === 'reopen') setResult({ level: 'info', text: strings.browserWait.reopened });
    // After "Cancel" the waiting submit answers with the form: this screen goes away by itself.
  };

  return (
    <section className="browser-wait" aria-labelledby="browser-wait-heading" data-testid="flow/browser-wait">
      <h3 id="browser-wait-heading" ref={heading} tabIndex={-1}>
        {strings.browserWait.heading}
      </h3>
      <p>
        {typeof provider === 'string'
          ? strings.browserWait.intro(provider)
          : strings.browserWait.passkeyIntro}
      </p>
      <Progress
        label={
          pending === 'cancel'
            ? strings.browserWait.cancelling
            : typeof provider === 'string'
              ? strings.browserWait.waiting(provider)
              : strings.browserWait.passkeyWaiting
        }
      />
      {result && (
        <Message level={result.level} testId="flow/browser-wait/result">
          {result.text}
        </Message>
      )}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={pending !== undefined}
          onClick={() => void act('reopen')}
          data-testid="flow/browser-wait/reopen"
        >
          {strings.browserWait.reopen}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={pending !== undefined}
          onClick={() => void act('cancel')}
          data-testid="flow/browser-wait/cancel"
        >
          {strings.browserWait.cancel}
        </button>
      </div>
    </section>
  );
}
