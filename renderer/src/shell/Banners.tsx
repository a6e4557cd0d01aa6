/**
 * App-wide messages above every screen: the keychain warning (the token is only in memory), the server
 * being unreachable (the session is kept, not dropped), and notices from main.
 */
import { useState } from 'react';
import type { KeychainView, Notice, SessionView } from '../../../preload/contract';
import { call, kratos } from '../ipc';
import { formatCountdown } from '../session/time';
import { useNow } from '../session/useNow';
import { Progress } from '../ui/Progress';

export function KeychainBanner({ keychain }: { keychain: KeychainView }) {
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<string>();
  if (keychain.kind !== 'memory') return null;

  const retry = async () => {
    setRetrying(true);
    setError(undefined);
    const outcome = await call(kratos().retryKeychain());
    setRetrying(false);
    // Success is visible as a new state push (keychain.kind becomes `persisted`); failures are said here.
    if (!outcome.ok) setError(outcome.message);
    else if (outcome.value.kind === 'error') setError(outcome.value.message);
  };

  return (
    <div className="banner banner-warning" role="alert" data-testid="banner/keychain">
      <p>
        <strong>Your sign-in is not saved.</strong> {keychain.reason} The app keeps your session in memory
        only: you will have to sign in again after a restart.
      </p>
      <p className="hint">{keychain.hint}</p>
      <button type="button" className="secondary" onClick={() => void retry()} disabled={retrying}>
        Try the keychain again
      </button>
      {retrying && <Progress label="Checking the keychain…" />}
      {error !== undefined && <p className="message message-error">{error}</p>}
    </div>
  );
}

export function UnreachableBanner({ state }: { state: Extract<SessionView, { status: 'unreachable' }> }) {
  const now = useNow();
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<string>();

  const retry = async () => {
    setRetrying(true);
    setError(undefined);
    const outcome = await call(kratos().retry());
    setRetrying(false);
    if (!outcome.ok) setError(outcome.message);
  };

  const next = state.retryAt === undefined ? undefined : formatCountdown(state.retryAt, now);
  return (
    <div className="banner banner-error" role="alert" data-testid="banner/unreachable">
      <p>
        <strong>Cannot reach the server at {state.endpoint.url}.</strong> {state.message}
      </p>
      <p>
        Your session is kept on this device: nothing was signed out. The app checks again
        {next === undefined || next === 'expired' ? ' soon' : ` in ${next}`}.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => void retry()}
        disabled={retrying}
        data-testid="banner/unreachable/retry"
      >
        Retry now
      </button>
      {retrying && <Progress label="Checking your session…" />}
      {error !== undefined && <p className="message message-error">{error}</p>}
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
