/**
 * What the renderer may see of the session: pure projections from the machine's state and Kratos's session
 * objects into the IPC contract types. The session token is in the state but never copied out: every field
 * below is picked by name, nothing is spread.
 */
import type { Identity, Session, SessionDevice } from '../../shared/kratos-wire';
import type {
  Aal,
  DeviceView,
  EndpointView,
  IdentitySummary,
  KeychainView,
  SessionListItem,
  SessionSummary,
  SessionView,
} from '../../shared/ipc-contract';
import type { SessionState } from './machine';
import { toIso } from './time';
import { isRecord } from '../../shared/is-record';
import { text } from '../strings';

export interface ViewContext {
  endpoint: EndpointView;
  keychain: KeychainView;
}

export function toSessionView(state: SessionState, context: ViewContext): SessionView {
  const base = {
    endpoint: context.endpoint,
    keychain: context.keychain,
    ...(state.notice === undefined ? {} : { notice: state.notice }),
  };
  switch (state.status) {
    case 'signed-out':
      return { ...base, status: 'signed-out' };
    case 'checking':
      return { ...base, status: 'checking', ...lastSessionOf(state) };
    case 'signing-out':
      // The contract has no separate state for it: it is a check in progress, with a word on what it is.
      return { ...base, status: 'checking', notice: { level: 'info', text: text.session.signingOut } };
    case 'signed-in':
      return { ...base, status: 'signed-in', session: summarizeSession(state.session) };
    case 'second-factor-required':
      return { ...base, status: 'second-factor-required', methods: [...state.methods] };
    case 'unreachable':
      return {
        ...base,
        status: 'unreachable',
        message: state.message,
        retryAt: toIso(state.retryAt),
        rateLimited: state.rateLimited,
        ...lastSessionOf(state),
      };
  }
}

/** The session Kratos last confirmed, while the token is being checked again or the server is away. */
function lastSessionOf(state: SessionState): { lastSession?: SessionSummary } {
  return 'session' in state && state.session !== undefined
    ? { lastSession: summarizeSession(state.session) }
    : {};
}

export function summarizeSession(session: Session): SessionSummary {
  return {
    id: session.id,
    aal: toAal(session.authenticator_assurance_level),
    identity: session.identity ? summarizeIdentity(session.identity) : null,
    authenticationMethods: (session.authentication_methods ?? []).map((method) => ({
      method: method.method ?? 'unknown',
      aal: toAal(method.aal),
      completedAt: toIso(method.completed_at),
    })),
    authenticatedAt: toIso(session.authenticated_at),
    issuedAt: toIso(session.issued_at),
    expiresAt: toIso(session.expires_at),
    devices: (session.devices ?? []).map(toDeviceView),
  };
}

export function toSessionListItem(session: Session, current: boolean): SessionListItem {
  return {
    id: session.id,
    current,
    aal: toAal(session.authenticator_assurance_level),
    authenticatedAt: toIso(session.authenticated_at),
    expiresAt: toIso(session.expires_at),
    devices: (session.devices ?? []).map(toDeviceView),
  };
}

function summarizeIdentity(identity: Identity): IdentitySummary {
  const traits: unknown = identity.traits;
  return {
    id: identity.id,
    schemaId: identity.schema_id,
    traits: isRecord(traits) ? traits : {},
    verifiableAddresses: (identity.verifiable_addresses ?? []).map((address) => ({
      value: address.value,
      via: address.via,
      verified: address.verified,
    })),
  };
}

function toDeviceView(device: SessionDevice): DeviceView {
  return {
    id: device.id,
    ipAddress: device.ip_address,
    userAgent: device.user_agent,
    location: device.location,
  };
}

const aals: readonly string[] = ['aal0', 'aal1', 'aal2', 'aal3'] satisfies Aal[];

/** Kratos snapshots contain `"aal": ""`; an unknown level is shown as the lowest, never overstated. */
export function toAal(value: string | undefined): Aal {
  return value !== undefined && aals.includes(value) ? (value as Aal) : 'aal0';
}
