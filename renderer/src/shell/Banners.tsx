/**
 * App-wide messages above every screen: the keychain warning (the token is only in memory), the server
 * being unreachable (the session is kept, not dropped), and notices from main.
 */
import type {
  ActionResponse,
  IpcResult,
  KeychainView,
  Notice,
  SessionView,
} from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { formatCountdown } from '../session/time';
import { useNow } from '../session/useNow';
import { ActionMessage } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';

export function KeychainBanner({ keychain }: { keychain: KeychainView }) {
  // Success is visible as a new state push (keychain.kind becomes `persisted`); failures are said here.
  const retry = useAction();
  if (keychain.kind !== 'memory') return null;

  return (
    <div className="banner banner-warning" role="alert" data-testid="banner/keychain">
      <p>
        <strong>Your sign-in is not saved.</strong> {keychain.reason} The app keeps your session in memory
        only: you will have to sign in again after a restart.
      </p>
      <p className="hint">{keychain.hint}</p>
      <button
        type="button"
        className="secondary"
        onClick={() => void retry.run(() => kratos().retryKeychain())}
        disabled={retry.pending}
      >
        Try the keychain again
      </button>
      {retry.pending && <Progress label="Checking the keychain…" />}
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

  const next = state.retryAt === undefined ? undefined : formatCountdown(state.retryAt, now);
  return (
    <div className="banner banner-error" role="alert" data-testid="banner/unreachable">
      <p>
        {state.rateLimited ? (
          // A 429: the server is there and said so; the countdown below says when the app asks again.
          <strong>The server at {state.endpoint.url} asked the app to slow down (too many requests).</strong>
        ) : (
          <>
            <strong>Cannot reach the server at {state.endpoint.url}.</strong> {state.message}
          </>
        )}
      </p>
      <p>
        Your session is kept on this device: nothing was signed out. The app checks again
        {next === undefined || next === 'expired' ? ' soon' : ` in ${next}`}.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => void retry.run(checkNow)}
        disabled={retry.pending}
        data-testid="banner/unreachable/retry"
      >
        Retry now
      </button>
      {retry.pending && <Progress label="Checking your session…" />}
      <ActionMessage result={retry.result} />
    </div>
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
