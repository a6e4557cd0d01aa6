/**
 * The signed-in session as main reports it: identity traits, assurance level, how and when the user
 * authenticated, a live expiry countdown and the devices. No token: `SessionSummary` never carries one.
 */
import type { DeviceView, SessionSummary } from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { ActionMessage } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';
import { formatCountdown, formatLocalTime } from './time';
import { flattenTraits } from './traits';
import { useNow } from './useNow';

const aalTexts: Readonly<Record<SessionSummary['aal'], string>> = {
  aal0: 'no authentication',
  aal1: 'one factor',
  aal2: 'two factors',
  aal3: 'strong two factors',
};

export function SessionPanel({ session }: { session: SessionSummary }) {
  const now = useNow();
  // On success main pushes the signed-out state and this panel goes away.
  const signOut = useAction();

  const identity = session.identity;
  return (
    <section className="card" aria-labelledby="session-title" data-testid="session">
      <div className="card-head">
        <h2 id="session-title">Your session</h2>
        <span
          className={`badge badge-${session.aal}`}
          data-testid="session/aal"
          title={aalTexts[session.aal]}
        >
          {session.aal}
        </span>
      </div>
      <dl className="facts">
        <dt>Expires in</dt>
        <dd data-testid="session/expires" title={formatLocalTime(session.expiresAt)}>
          {formatCountdown(session.expiresAt, now)}
        </dd>
        <dt>Signed in</dt>
        <dd>{formatLocalTime(session.authenticatedAt)}</dd>
        <dt>Assurance</dt>
        <dd>{aalTexts[session.aal]}</dd>
      </dl>

      <h3>Identity</h3>
      {identity ? (
        <dl className="facts" data-testid="session/identity">
          {Object.entries(flattenTraits(identity.traits)).map(([name, value]) => (
            <Fact key={name} name={name} value={value} />
          ))}
          {identity.verifiableAddresses.map((address) => (
            <Fact
              key={`address-${address.value}`}
              name={`${address.via} address`}
              value={`${address.value} (${address.verified ? 'verified' : 'not verified'})`}
            />
          ))}
        </dl>
      ) : (
        <p className="hint" data-testid="session/identity">
          The server did not share the identity for this session.
        </p>
      )}

      <h3>Sign-in methods</h3>
      <ul className="plain" data-testid="session/methods">
        {session.authenticationMethods.map((method, i) => (
          <li key={i}>
            <strong>{method.method}</strong> ({method.aal}) at {formatLocalTime(method.completedAt)}
          </li>
        ))}
        {session.authenticationMethods.length === 0 && <li>None reported.</li>}
      </ul>

      <h3>Devices</h3>
      <Devices devices={session.devices} testId="session/devices" />

      <div className="actions">
        <button
          type="button"
          className="danger"
          onClick={() => void signOut.run(() => kratos().logout())}
          disabled={signOut.pending}
          data-testid="session/logout"
        >
          Sign out
        </button>
        {signOut.pending && <Progress label="Signing out…" />}
      </div>
      <ActionMessage result={signOut.result} testId="session/error" />
    </section>
  );
}

export function Devices({ devices, testId }: { devices: readonly DeviceView[]; testId?: string }) {
  if (devices.length === 0) {
    return (
      <p className="hint" data-testid={testId}>
        No device information.
      </p>
    );
  }
  return (
    <ul className="plain" data-testid={testId}>
      {devices.map((device) => (
        <li key={device.id}>
          {device.userAgent ?? 'Unknown app'} · {device.ipAddress ?? 'unknown address'}
          {device.location ? ` · ${device.location}` : ''}
        </li>
      ))}
    </ul>
  );
}

function Fact({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}
