/**
 * Runs one self-service flow from the renderer's side: asks main to start it, shows it with `FlowForm`,
 * sends submits and shows whatever main answers (the same flow with messages, the next flow, a final
 * message or an error). Main talks to Kratos; the renderer never sees a token.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowResponse, FlowValues, FlowView, StartFlowRequest } from '../../../shared/ipc-contract';
import { call, kratos, type Outcome } from '../ipc';
import { BrokenPart, ErrorBoundary } from '../ui/ErrorBoundary';
import { Message } from '../ui/Message';
import { useFocusIfLost } from '../ui/focus';
import { Progress } from '../ui/Progress';
import { BrowserWait } from './BrowserWait';
import { ConfirmIdentity, isReauthentication, reauthenticationSaid } from './ConfirmIdentity';
import { FlowForm } from './FlowForm';
import type { NamedFlow, WindowEvent } from '../screen';
import { noteIsSaid, presentFlow } from '../../../shared/flow/presentation';
import { strings } from '../../../shared/strings';
import { isPasskeyButton } from '../../../shared/flow/nodes';

type Screen =
  | { kind: 'starting' }
  | {
      kind: 'showing';
      flow: FlowView;
      submitting: boolean;
      error?: string;
      note?: string;
      /** During a re-authentication ("Confirm it's you"): the flow it interrupted, for Cancel. */
      back?: FlowView;
    }
  /** A provider button was pressed: the sign-in goes on in the system browser (BrowserWait). */
  | { kind: 'in-browser'; flow: FlowView; provider: string | { passkey: true } }
  | { kind: 'finished'; message: string | undefined }
  | { kind: 'failed'; message: string };

export interface FlowScreenProps {
  request: StartFlowRequest;
  /** Show this flow (the one a finished flow named, screen.ts) instead of starting a new one. */
  initial?: NamedFlow;
  /**
   * Tells the window's screen model (screen.ts) of each submit and its answer: the flow a finished one names
   * is shown where the window places it. Without it (a panel of its own), that flow is shown here.
   */
  report?: (event: Extract<WindowEvent, { type: 'sent' | 'answered' }>) => void;
  /** The form section whose first field takes the focus (FlowForm). */
  focusGroup?: string;
  /** Kratos message ids the screen already says in its own words: not shown again. */
  said?: readonly number[];
  /** After the flow finished: where the person goes on to (the primary button), besides starting again. */
  onward?: { label: string; go(): void };
  /** Who is signed in (a re-authentication names the account). */
  account?: string;
  /** "Forgot password?" in a re-authentication: the screen that shows a recovery instead. */
  onForgotPassword?: () => void;
}

/** A flow's final word: it takes the focus when the form that held it is gone (focus.ts). */
function Outcome({
  level,
  testId,
  children,
}: {
  level: 'error' | 'success';
  testId: string;
  children: string;
}) {
  const ref = useFocusIfLost<HTMLParagraphElement>();
  return (
    <Message level={level} boxed testId={testId} ref={ref} tabIndex={-1}>
      {children}
    </Message>
  );
}

/**
 * The flow a re-authentication interrupted, for its Cancel: the one whose submit asked for it, kept while
 * the re-authentication answers itself (a wrong password); none once it is over.
 */
function interrupted(
  next: FlowView,
  previous: Screen,
  submitted: FlowView | undefined,
): FlowView | undefined {
  if (!isReauthentication(next)) return undefined;
  if (previous.kind === 'showing' && previous.back !== undefined) return previous.back;
  return submitted !== undefined && !isReauthentication(submitted) ? submitted : undefined;
}

export function FlowScreen({
  request,
  initial,
  report,
  focusGroup,
  said,
  onward,
  account,
  onForgotPassword,
}: FlowScreenProps) {
  const [screen, setScreen] = useState<Screen>(() =>
    initial
      ? { kind: 'showing', flow: initial.flow, submitting: false, note: initial.note }
      : { kind: 'starting' },
  );
  const { kind, refresh, aal } = request;
  /** The window places the next flow a finished one names; without it, this screen shows it. */
  const placed = report !== undefined;

  const show = useCallback(
    (outcome: Outcome<FlowResponse>, current?: FlowView) => {
      if (!outcome.ok) {
        // The submit did not reach Kratos (or main refused it): keep the form and what was typed.
        setScreen(
          current
            ? { kind: 'showing', flow: current, submitting: false, error: outcome.message }
            : { kind: 'failed', message: outcome.message },
        );
        return;
      }
      const response = outcome.value;
      switch (response.kind) {
        case 'flow':
          setScreen((previous) => ({
            kind: 'showing',
            flow: response.flow,
            submitting: false,
            back: interrupted(response.flow, previous, current),
          }));
          return;
        case 'done':
          if (response.next && response.press !== undefined && isPasskeyButton(response.press)) {
            // "Add passkey" again, now that the person confirmed it is them (main asked for that first).
            const { next, press } = response;
            setScreen({ kind: 'in-browser', flow: next, provider: { passkey: true } });
            report?.({ type: 'sent', awaited: false });
            void call(kratos().submitFlow({ flowId: next.id, values: { [press]: '' } })).then((outcome) => {
              show(outcome, next);
              report?.({ type: 'answered', awaited: false, next: namedBy(outcome) });
            });
          } else if (response.next && !placed) {
            setScreen({ kind: 'showing', flow: response.next, submitting: false, note: response.message });
          } else {
            setScreen({ kind: 'finished', message: response.message });
          }
          return;
        case 'not-sent':
          setScreen(
            current
              ? { kind: 'showing', flow: current, submitting: false, error: response.message }
              : { kind: 'failed', message: response.message },
          );
          return;
        case 'error':
          setScreen({ kind: 'failed', message: response.message });
          return;
      }
    },
    [placed, report],
  );

  /**
   * The start request on its way. React's StrictMode (development builds, main.tsx) runs every effect twice on
   * mount; both runs share this one request, so a screen creates its flow at Kratos once in every build.
   */
  const starting = useRef<{ request: string; outcome: Promise<Outcome<FlowResponse>> }>(undefined);

  const start = useCallback(
    (reuse: 'reuse-pending' | 'new-flow' = 'new-flow') => {
      setScreen({ kind: 'starting' });
      const request = JSON.stringify([kind, refresh, aal]);
      const pending =
        reuse === 'reuse-pending' && starting.current?.request === request
          ? starting.current
          : { request, outcome: call(kratos().startFlow({ kind, refresh, aal })) };
      // Once per request: a start can name another flow too (a second-factor step for who is signed in).
      if (pending !== starting.current)
        void pending.outcome.then((outcome) =>
          report?.({ type: 'answered', awaited: false, next: namedBy(outcome) }),
        );
      starting.current = pending;
      let current = true;
      void pending.outcome.then((outcome) => {
        if (starting.current === pending) starting.current = undefined;
        if (current) show(outcome);
      });
      return () => {
        current = false;
      };
    },
    [kind, refresh, aal, show, report],
  );

  // A named flow is already on screen; "Try again" / "Start again" still start a new one.
  const named = initial !== undefined;
  useEffect(() => (named ? undefined : start('reuse-pending')), [start, named]);

  const shownFlow = screen.kind === 'showing' ? screen.flow : undefined;
  const presented = useMemo(
    () =>
      shownFlow &&
      presentFlow(
        shownFlow,
        isReauthentication(shownFlow) ? [...(said ?? []), ...reauthenticationSaid] : said,
      ),
    [shownFlow, said],
  );

  const submit = (flow: FlowView) => (values: FlowValues) => {
    // A provider button ("Sign in with …", `provider: <id>`) goes on in the system browser.
    // A passkey button goes on in the browser too, at the server's passkey page.
    const provider =
      typeof values['provider'] === 'string'
        ? providerName(flow, values['provider'])
        : Object.keys(values).some(isPasskeyButton)
          ? { passkey: true as const }
          : undefined;
    const awaited = provider === undefined;
    setScreen((previous) =>
      provider !== undefined
        ? { kind: 'in-browser', flow, provider }
        : {
            kind: 'showing',
            flow,
            submitting: true,
            back: previous.kind === 'showing' ? previous.back : undefined,
          },
    );
    report?.({ type: 'sent', awaited });
    void call(kratos().submitFlow({ flowId: flow.id, values })).then((outcome) => {
      show(outcome, flow);
      // Also when this screen is gone: the state push that came first may have replaced it.
      report?.({ type: 'answered', awaited, next: namedBy(outcome) });
    });
  };

  switch (screen.kind) {
    case 'starting':
      return <Progress label={strings.flow.contacting} />;
    case 'in-browser':
      return <BrowserWait flowId={screen.flow.id} provider={screen.provider} />;
    case 'failed':
      return (
        <div className="flow-problem">
          <Outcome level="error" testId="flow/error">
            {screen.message}
          </Outcome>
          <button type="button" className="primary" onClick={() => start()} data-testid="flow/restart">
            {strings.flow.tryAgain}
          </button>
        </div>
      );
    case 'finished':
      return (
        <div className="flow-problem">
          <Outcome level="success" testId="flow/done">
            {screen.message ?? strings.flow.done}
          </Outcome>
          <div className="actions">
            {onward && (
              <button type="button" className="primary" onClick={onward.go} data-testid="flow/onward">
                {onward.label}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => start()} data-testid="flow/restart">
              {strings.flow.restart[kind]}
            </button>
          </div>
        </div>
      );
    case 'showing': {
      const reauthentication = isReauthentication(screen.flow);
      const shown = (
        <>
          {screen.note !== undefined && !noteIsSaid(screen.flow) && (
            <Message level="success" boxed testId="flow/done">
              {screen.note}
            </Message>
          )}
          {screen.error !== undefined && (
            <Message level="error" boxed testId="flow/error">
              {screen.error}
            </Message>
          )}
          <ErrorBoundary
            resetKey={screen.flow}
            fallback={() => (
              <BrokenPart text={strings.flow.brokenForm} action={strings.flow.startAgain} onAction={start} />
            )}
          >
            <FlowForm
              flow={presented ?? screen.flow}
              busy={screen.submitting}
              busyLabel={strings.flow.busy[screen.flow.kind]}
              onSubmit={submit(screen.flow)}
              // Confirming it is you takes the current password: the field the eyes go to.
              focusGroup={reauthentication ? 'password' : focusGroup}
            />
          </ErrorBoundary>
        </>
      );
      if (!reauthentication) return shown;
      const { back } = screen;
      return (
        <ConfirmIdentity
          flow={screen.flow}
          account={account}
          // Back to the form the change was made on (no request), else a fresh one.
          onCancel={() =>
            back === undefined ? start() : setScreen({ kind: 'showing', flow: back, submitting: false })
          }
          onForgotPassword={onForgotPassword}
        >
          {shown}
        </ConfirmIdentity>
      );
    }
  }
}

/** The flow a finished one named, with its note; not one this screen goes on with at once (`press`). */
function namedBy(outcome: Outcome<FlowResponse>): NamedFlow | undefined {
  if (!outcome.ok || outcome.value.kind !== 'done') return undefined;
  const { next, press, message } = outcome.value;
  return next === undefined || press !== undefined ? undefined : { flow: next, note: message };
}

/** The provider's name as its button shows it (Kratos's label context), else its id. */
function providerName(flow: FlowView, id: unknown): string {
  const button = flow.ui.nodes.find(
    (node) => node.group === 'oidc' && (node.attributes as { value?: unknown }).value === id,
  );
  const named = button?.meta.label?.context as { provider?: unknown } | undefined;
  if (typeof named?.provider === 'string' && named.provider !== '') return named.provider;
  return typeof id === 'string' && id !== '' ? id : 'the provider';
}
