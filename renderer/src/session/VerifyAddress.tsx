/**
 * "Verify now", in place: a verification flow for one address of the signed-in person, started and sent
 * the address at once, so what shows is the field for the code Kratos just mailed (as GitHub and Google
 * do beside an unverified address). Three requests, the same as the Verify email screen when the address
 * is typed: create the flow, send the address, send the code. Once verified, main fetches the session
 * again and the address's row says so.
 */
import { useEffect, useRef, useState } from 'react';
import type { FlowResponse } from '../../../shared/ipc-contract';
import { FlowScreen } from '../flow/FlowScreen';
import { call, kratos, type Outcome } from '../ipc';
import type { NamedFlow } from '../screen';
import { Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { strings } from '../../../shared/strings';
import { codeRequestFor } from './verify-address';

type Sending = { kind: 'sending' } | { kind: 'sent'; shown: NamedFlow } | { kind: 'failed'; message: string };

const failed = (message: string): Sending => ({ kind: 'failed', message });

/** What a flow call answered, as the state of this panel: a flow to show, or why there is none. */
function asFlow(outcome: Outcome<FlowResponse>): Sending {
  if (!outcome.ok) return failed(outcome.message);
  const answer = outcome.value;
  switch (answer.kind) {
    case 'flow':
      return { kind: 'sent', shown: { flow: answer.flow, note: undefined } };
    case 'done':
      return answer.next
        ? { kind: 'sent', shown: { flow: answer.next, note: answer.message } }
        : failed(answer.message ?? strings.flow.done);
    case 'not-sent':
    case 'error':
      return failed(answer.message);
  }
}

async function sendCode(address: string): Promise<Sending> {
  const started = asFlow(await call(kratos().startFlow({ kind: 'verification' })));
  if (started.kind !== 'sent') return started;
  const values = codeRequestFor(started.shown.flow, address);
  if (values === undefined) return failed(strings.session.verify.cannot);
  return asFlow(await call(kratos().submitFlow({ flowId: started.shown.flow.id, values })));
}

export function VerifyAddress({ address, onClose }: { address: string; onClose(): void }) {
  const [state, setState] = useState<Sending>({ kind: 'sending' });
  // One code request per panel, also when React's StrictMode runs the effect twice (FlowScreen does the same).
  const sending = useRef<Promise<Sending>>(undefined);
  useEffect(() => {
    let current = true;
    sending.current ??= sendCode(address);
    void sending.current.then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [address]);

  return (
    <section className="verify-address" aria-labelledby="verify-address-title" data-testid="verify-address">
      <h3 id="verify-address-title" dir="auto">
        {strings.session.verify.heading(address)}
      </h3>
      {state.kind === 'sending' && <Progress label={strings.session.verify.sending(address)} />}
      {state.kind === 'failed' && (
        <Message level="error" boxed testId="verify-address/error">
          {state.message}
        </Message>
      )}
      {state.kind === 'sent' && (
        <FlowScreen request={{ kind: 'verification' }} initial={state.shown} focusGroup="code" />
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose} data-testid="verify-address/close">
          {strings.session.verify.close}
        </button>
      </div>
    </section>
  );
}
