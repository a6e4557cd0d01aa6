/**
 * The signed-in session as main reports it: who is signed in, how strongly and how, a live expiry countdown
 * and the devices, in words (words.ts). No token: `SessionSummary` never carries one.
 *
 * `stale`: the server cannot be reached, so this is the last session main knew of, not a current answer.
 */
import { Fragment, useState } from 'react';
import type { DeviceView, SessionSummary } from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { Heading } from '../ui/Heading';
import { ActionMessage } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';
import { formatCountdown, formatRelative, formatLocalTime } from '../../../shared/strings/time';
import { identityRows } from './traits';
import { useNow } from './useNow';
import { useTraitTitles } from './useTraitTitles';
import { VerifyAddress } from './VerifyAddress';
import { aalExplanations, aalWords, describeUserAgent, methodName } from './words';
import { strings } from '../../../shared/strings';

export function SessionPanel({ session, stale = false }: { session: SessionSummary; stale?: boolean }) {
  const now = useNow();
  // On success main pushes the signed-out state and this panel goes away.
  const signOut = useAction();

  /** The address whose "Verify now" was pressed: its verification shows under the identity. */
  const [verifying, setVerifying] = useState<string>();

  const identity = session.identity;
  const titles = useTraitTitles(identity?.schemaId);
  return (
    <section
      className={stale ? 'card stale' : 'card'}
      aria-labelledby="session-title"
      data-testid="session"
      data-stale={stale || undefined}
    >
      <div className="card-head">
        <Heading id="session-title">
          {stale ? strings.session.lastKnownHeading : strings.session.heading}
        </Heading>
        <span className={`badge badge-${session.aal}`} data-testid="session/aal-words">
          {aalWords[session.aal]}
        </span>
      </div>
      {stale && (
        <p className="hint" data-testid="session/stale">
          {strings.session.stale}
        </p>
      )}
      <dl className="facts">
        <dt>{strings.session.expiresIn}</dt>
        <dd data-testid="session/expires" title={formatLocalTime(session.expiresAt)}>
          {formatCountdown(session.expiresAt, now)}
        </dd>
        <dt>{strings.session.signedIn}</dt>
        <dd>
          {formatLocalTime(session.authenticatedAt)} ({formatRelative(session.authenticatedAt, now)})
        </dd>
        <dt>{strings.session.assurance}</dt>
        <dd>
          {aalExplanations[session.aal]}{' '}
          <span className="hint">
            ({strings.session.kratosName} <code data-testid="session/aal">{session.aal}</code>)
          </span>
        </dd>
      </dl>

      <h3>{strings.session.identity}</h3>
      {identity ? (
        <>
          <dl className="facts" data-testid="session/identity">
            {identityRows(identity, titles).map((row) => (
              <Fragment key={`${row.label}-${row.value}`}>
                <dt dir="auto">{row.label}</dt>
                <dd>
                  {/* A value a person typed: its own direction, so right-to-left text reads right. */}
                  <span dir="auto">{row.value}</span>
                  {row.verified !== undefined && <> {strings.session.verifiedState(row.verified)}</>}
                  {row.verified === false && row.via === 'email' && !stale && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link"
                        aria-label={strings.session.verify.nowFor(row.value)}
                        aria-expanded={verifying === row.value}
                        onClick={() => setVerifying(row.value)}
                        data-testid={`session/verify/${row.value}`}
                      >
                        {strings.session.verify.now}
                      </button>
                    </>
                  )}
                </dd>
              </Fragment>
            ))}
          </dl>
          {verifying !== undefined && !stale && (
            <VerifyAddress key={verifying} address={verifying} onClose={() => setVerifying(undefined)} />
          )}
        </>
      ) : (
        <p className="hint" data-testid="session/identity">
          {strings.session.noIdentity}
        </p>
      )}

      <h3>{strings.session.howSignedIn}</h3>
      <ul className="plain" data-testid="session/methods">
        {session.authenticationMethods.map((method, i) => (
          <li key={i}>
            <strong>{methodName(method.method)}</strong> {strings.session.methodAt}{' '}
            {formatLocalTime(method.completedAt)}
          </li>
        ))}
        {session.authenticationMethods.length === 0 && <li>{strings.session.noMethods}</li>}
      </ul>

      <h3>{strings.session.devices}</h3>
      <Devices devices={session.devices} testId="session/devices" />

      {/* Also while the server is away: the token is deleted here, and main says what stays valid there. */}
      <div className="actions">
        <button
          type="button"
          className="danger"
          onClick={() => void signOut.run(() => kratos().logout())}
          disabled={signOut.pending}
          data-testid="session/logout"
        >
          {strings.session.signOut}
        </button>
        {signOut.pending && <Progress label={strings.session.signingOut} />}
      </div>
      <ActionMessage result={signOut.result} testId="session/error" />
    </section>
  );
}

export function Devices({ devices, testId }: { devices: readonly DeviceView[]; testId?: string }) {
  if (devices.length === 0) {
    return (
      <p className="hint" data-testid={testId}>
        {strings.session.noDevices}
      </p>
    );
  }
  return (
    <ul className="plain" data-testid={testId}>
      {devices.map((device) => (
        <li key={device.id} dir="auto">
          {describeUserAgent(device.userAgent) ?? strings.session.unknownApp} ·{' '}
          {device.ipAddress ?? strings.session.unknownAddress}
          {device.location ? ` · ${device.location}` : ''}
        </li>
      ))}
    </ul>
  );
}
