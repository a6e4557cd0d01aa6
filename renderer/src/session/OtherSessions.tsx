/**
 * The user's sessions: this device first, then the others (Kratos `GET /sessions` excludes the current one;
 * main may add it flagged `current`). Each other session can be signed out, or all of them at once, after
 * a confirmation that says which.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionResponse, IpcResult, SessionListItem } from '../../../shared/ipc-contract';
import { call, kratos } from '../ipc';
import { useConfirm } from '../ui/ConfirmDialog';
import type { Confirmation } from '../../../shared/confirmation';
import { Heading } from '../ui/Heading';
import { ActionMessage, Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';
import { Devices } from './SessionPanel';
import { aalWords, describeSession } from './words';
import { formatCountdown, formatLocalTime, formatRelative } from '../../../shared/strings/time';
import { useNow } from './useNow';
import { strings } from '../../../shared/strings';

type List =
  { kind: 'loading' } | { kind: 'loaded'; sessions: SessionListItem[] } | { kind: 'failed'; message: string };

export function OtherSessions() {
  const now = useNow();
  const [list, setList] = useState<List>({ kind: 'loading' });
  const revoke = useAction();
  const confirm = useConfirm();
  const resultRef = useRef<HTMLDivElement>(null);

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

  // Whatever the answer, the list is loaded again: it shows what the server now has. The button that was
  // pressed may be gone with its session, so the focus goes to the result, which says what happened.
  const act = async (
    confirmation: Confirmation,
    request: () => Promise<IpcResult<ActionResponse>>,
    success: string,
  ) => {
    if (!(await confirm.ask(confirmation))) return;
    await revoke.run(request, success);
    await load();
    resultRef.current?.focus();
  };

  const sessions = list.kind === 'loaded' ? list.sessions : [];
  const current = sessions.filter((session) => session.current);
  const others = sessions.filter((session) => !session.current);
  const item = (session: SessionListItem) => {
    const name = describeSession(session.devices);
    const signedInAt = formatLocalTime(session.authenticatedAt);
    return (
      <li key={session.id} data-testid={`sessions/item/${session.id}`}>
        <div className="card-head">
          <strong dir="auto">{session.current ? strings.sessions.thisDevice : name}</strong>
          <span className={`badge badge-${session.aal}`}>{aalWords[session.aal]}</span>
        </div>
        <p className="hint" data-testid={`sessions/activity/${session.id}`}>
          {session.current
            ? strings.sessions.activeNow
            : strings.sessions.lastActivity(formatRelative(session.authenticatedAt, now))}
        </p>
        <p className="hint">
          {strings.sessions.signedInExpires(signedInAt, formatCountdown(session.expiresAt, now))}
        </p>
        <Devices devices={session.devices} />
        {!session.current && (
          <button
            type="button"
            className="danger"
            disabled={revoke.pending}
            // Every button says "Sign out this session"; its name says which, so a list of them read out
            // (or a screen reader's list of buttons) tells them apart. It starts with the visible words.
            aria-label={strings.sessions.revokeNamed(name, signedInAt)}
            onClick={() =>
              void act(
                strings.sessions.revokeConfirm(name, signedInAt),
                () => kratos().revokeSession(session.id),
                strings.sessions.revoked,
              )
            }
            data-testid={`sessions/revoke/${session.id}`}
          >
            {strings.sessions.revoke}
          </button>
        )}
      </li>
    );
  };

  return (
    <section className="card" aria-labelledby="sessions-title" data-testid="sessions">
      <div className="card-head">
        <Heading id="sessions-title">{strings.sessions.heading}</Heading>
        <button
          type="button"
          className="secondary"
          onClick={() => void load()}
          disabled={list.kind === 'loading'}
        >
          {strings.sessions.refresh}
        </button>
      </div>
      {list.kind === 'loading' && <Progress label={strings.sessions.loading} />}
      {list.kind === 'failed' && (
        <Message level="error" testId="sessions/error">
          {list.message}
        </Message>
      )}
      {list.kind === 'loaded' && (
        <>
          {current.length > 0 && <ul className="sessions">{current.map(item)}</ul>}
          <h3>{strings.sessions.others}</h3>
          <ul className="sessions" data-testid="sessions/list">
            {others.map(item)}
            {others.length === 0 && <li className="hint">{strings.sessions.none}</li>}
          </ul>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={revoke.pending || others.length === 0}
          onClick={() =>
            void act(
              strings.sessions.revokeOthersConfirm(others.length),
              () => kratos().revokeOtherSessions(),
              strings.sessions.othersRevoked,
            )
          }
          data-testid="sessions/revoke-others"
        >
          {strings.sessions.revokeOthers}
        </button>
        {revoke.pending && <Progress label={strings.sessions.signingOut} />}
      </div>
      <div ref={resultRef} tabIndex={-1} className="result">
        <ActionMessage result={revoke.result} testId="sessions/result" />
      </div>
      {confirm.dialog}
    </section>
  );
}
