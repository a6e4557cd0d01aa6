/**
 * App-wide messages above every screen: the keychain warning (the token is only in memory), the server
 * being unreachable (the session is kept, not dropped), and notices from main.
 */
import { useState } from 'react';
import type {
  ActionResponse,
  IpcResult,
  KeychainView,
  Notice,
  SessionView,
} from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { formatCountdown } from '../../../shared/strings/time';
import { useNow } from '../session/useNow';
import { ActionMessage } from '../ui/Message';
import { useFocusIfLost } from '../ui/focus';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';
import { strings } from '../../../shared/strings';

export function KeychainBanner({ keychain }: { keychain: KeychainView }) {
  // Success is visible as a new state push (keychain.kind becomes `persisted`); failures are said here.
  const retry = useAction();
  // Interrupting (`alert`) only when the keychain stops working while the app runs; a problem the app
  // started with is there on every start, and is read in its place (`status`).
  const [workedSinceStart, setWorkedSinceStart] = useState(keychain.kind === 'persisted');
  if (keychain.kind === 'persisted' && !workedSinceStart) setWorkedSinceStart(true);
  if (keychain.kind !== 'memory') return null;

  return (
    <div
      className="banner banner-warning"
      role={workedSinceStart ? 'alert' : 'status'}
      data-testid="banner/keychain"
    >
      <div className="banner-line">
        <p>
          <strong>{strings.shell.keychain.notSaved}</strong> {strings.shell.keychain.notSavedWhy}
        </p>
        <button
          type="button"
          className="secondary"
          onClick={() => void retry.run(() => kratos().retryKeychain())}
          disabled={retry.pending}
        >
          {strings.shell.keychain.retry}
        </button>
      </div>
      {/* Why, and how to fix it, only on demand: the same every start, and long. */}
      <details data-testid="banner/keychain/details">
        <summary>{strings.shell.keychain.details}</summary>
        <p>{keychain.reason}</p>
        <p className="hint">{keychain.hint}</p>
      </details>
      {retry.pending && <Progress label={strings.shell.keychain.checking} />}
      <ActionMessage result={retry.result} />
    </div>
  );
}

export function UnreachableBanner({ state }: { state: Extract<SessionView, { status: 'unreachable' }> }) {
  const now = useNow();
  const retry = useAction();
  // The answer is the new state, which main pushes as well: only a failed call needs saying here.
  const checkNow = async (): Promise<IpcResult<ActionResponse>> => {
    const answer = await kratos().retry();
    return answer.ok ? { ok: true, value: { kind: 'ok' } } : answer;
  };

  // After "Retry now" the banner goes while the app asks and comes back if the server is still away:
  // the focus the button had goes to what it said.
  const ref = useFocusIfLost<HTMLElement>();

  const next = state.retryAt === undefined ? undefined : formatCountdown(state.retryAt, now);
  return (
    // Only the sentence that says what happened is an alert (announced once, when it appears or changes);
    // the countdown under it changes every second and sits outside any live region, or a screen reader
    // could read it out again at every tick.
    // A region named by that sentence, so the countdown and the button sit in a landmark too.
    <section
      className="banner banner-error"
      aria-labelledby="unreachable-reason"
      data-testid="banner/unreachable"
      ref={ref}
      tabIndex={-1}
    >
      <p role="alert" id="unreachable-reason" data-testid="banner/unreachable/reason">
        {state.rateLimited ? (
          // A 429: the server is there and said so; the countdown below says when the app asks again.
          <strong>{strings.shell.unreachable.slowDown(state.endpoint.url)}</strong>
        ) : (
          // Already a whole sentence naming the server and what went wrong (main/kratos/unreachable.ts).
          <strong>{state.message}</strong>
        )}
      </p>
      <p data-testid="banner/unreachable/countdown">
        {strings.shell.unreachable.kept(next === strings.time.expired ? undefined : next)}
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => void retry.run(checkNow)}
        disabled={retry.pending}
        data-testid="banner/unreachable/retry"
      >
        {strings.shell.unreachable.retry}
      </button>
      {retry.pending && <Progress label={strings.shell.unreachable.checking} />}
      <ActionMessage result={retry.result} />
    </section>
  );
}

export function NoticeBanner({ notice }: { notice: Notice | undefined }) {
  if (!notice) return null;
  return (
    <div
      className={`banner banner-${notice.level}`}
      role={notice.level === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <p>{notice.text}</p>
    </div>
  );
}
