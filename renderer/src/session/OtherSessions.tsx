/**
 * The user's other active sessions (Kratos `GET /sessions` excludes the current one; main may add it
 * flagged `current`). Each can be revoked, or all others at once.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ActionResponse, IpcResult, SessionListItem } from '../../../shared/ipc-contract';
import { call, kratos } from '../ipc';
import { ActionMessage, Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';
import { Devices } from './SessionPanel';
import { formatCountdown, formatLocalTime } from './time';
import { useNow } from './useNow';

type List =
  { kind: 'loading' } | { kind: 'loaded'; sessions: SessionListItem[] } | { kind: 'failed'; message: string };

export function OtherSessions() {
  const now = useNow();
  const [list, setList] = useState<List>({ kind: 'loading' });
  const revoke = useAction();

  const load = useCallback(async () => {
    setList({ kind: 'loading' });
    const outcome = await call(kratos().listSessions());
    if (!outcome.ok) setList({ kind: 'failed', message: outcome.message });
    else if (outcome.value.kind === 'error') setList({ kind: 'failed', message: outcome.value.message });
    else setList({ kind: 'loaded', sessions: outcome.value.sessions });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Whatever the answer, the list is loaded again: it shows what the server now has.
  const act = async (request: () => Promise<IpcResult<ActionResponse>>, success: string) => {
    await revoke.run(request, success);
    await load();
  };

  const others = list.kind === 'loaded' ? list.sessions.filter((session) => !session.current) : [];
  return (
    <section className="card" aria-labelledby="sessions-title" data-testid="sessions">
      <div className="card-head">
        <h2 id="sessions-title">Other sessions</h2>
        <button
          type="button"
          className="secondary"
          onClick={() => void load()}
          disabled={list.kind === 'loading'}
        >
          Refresh
        </button>
      </div>
      {list.kind === 'loading' && <Progress label="Loading sessions…" />}
      {list.kind === 'failed' && (
        <Message level="error" testId="sessions/error">
          {list.message}
        </Message>
      )}
      {list.kind === 'loaded' && (
        <ul className="sessions" data-testid="sessions/list">
          {list.sessions.map((session) => (
            <li key={session.id} data-testid={`sessions/item/${session.id}`}>
              <div className="card-head">
                <strong>{session.current ? 'This device' : 'Session'}</strong>
                <span className={`badge badge-${session.aal}`}>{session.aal}</span>
              </div>
              <p className="hint">
                Signed in {formatLocalTime(session.authenticatedAt)} · expires in{' '}
                {formatCountdown(session.expiresAt, now)}
              </p>
              <Devices devices={session.devices} />
              {!session.current && (
                <button
                  type="button"
                  className="danger"
                  disabled={revoke.pending}
                  onClick={() => void act(() => kratos().revokeSession(session.id), 'Session revoked.')}
                  data-testid={`sessions/revoke/${session.id}`}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
          {others.length === 0 && <li className="hint">No other active sessions.</li>}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={revoke.pending || others.length === 0}
          onClick={() => void act(() => kratos().revokeOtherSessions(), 'All other sessions were revoked.')}
          data-testid="sessions/revoke-others"
        >
          Sign out all other sessions
        </button>
        {revoke.pending && <Progress label="Revoking…" />}
      </div>
      <ActionMessage result={revoke.result} testId="sessions/result" />
    </section>
  );
}
