/**
 * Pure mappings from Kratos flow payloads to what the renderer sees, and the reading of `continue_with`.
 *
 * A `FlowView` is built field by field, so nothing Kratos adds to a flow reaches the renderer by accident:
 * in particular not `session_token_exchange_code`, which together with the return code is a session token.
 */
import { isRecord } from '../../shared/is-record';
import type { AnyFlow, ContinueWith, LoginFlow } from '../../shared/kratos-wire';
import type { KratosError } from '../kratos/result';
import type { FlowKind, FlowView } from '../../shared/ipc-contract';
import type { SessionToken } from '../kratos/api';
import { toIso } from '../session/time';
import { toAal } from '../session/view';

export function toFlowView(kind: FlowKind, flow: AnyFlow): FlowView {
  const view: FlowView = {
    id: flow.id,
    kind,
    state: flow.state === null || flow.state === undefined ? undefined : String(flow.state),
    expiresAt: toIso(flow.expires_at),
    ui: flow.ui,
  };
  if (kind === 'login') {
    const login = flow as LoginFlow;
    view.refresh = login.refresh ?? false;
    if (login.requested_aal !== undefined) view.requestedAal = toAal(login.requested_aal);
  }
  return view;
}

/** The token in a `set_ory_session_token` item (registration with the session hook, recovery). */
export function tokenFromContinueWith(items: ContinueWith[] | null | undefined): SessionToken | undefined {
  for (const item of items ?? []) {
    if (item.action === 'set_ory_session_token') return item.ory_session_token;
  }
  return undefined;
}

/** The flow Kratos asks the app to show next, if any: verification first (it was just sent), then settings. */
export function nextFlowFromContinueWith(
  items: ContinueWith[] | null | undefined,
): { kind: 'verification' | 'settings'; id: string } | undefined {
  const list = items ?? [];
  for (const item of list) {
    if (item.action === 'show_verification_ui') return { kind: 'verification', id: item.flow.id };
  }
  for (const item of list) {
    if (item.action === 'show_settings_ui') return { kind: 'settings', id: item.flow.id };
  }
  return undefined;
}

/**
 * The flow a refused submit names in its error's `details.continue_with`:
 * - `show_recovery_ui`: after five recovery codes Kratos answers 400 naming a new flow that says why (4000001,
 *   measured on v1.3.1);
 * - `show_verification_ui`: a sign-in refused by the `require_verified_address` hook (Kratos ≥ v25.4: 403
 *   `session_verified_address_required`, measured on v26.2.0) names the verification flow it sent a code for.
 * `details` is unchecked server data: only a non-empty string id is taken.
 */
export function flowNamedBy(
  error: KratosError,
  action: 'show_recovery_ui' | 'show_verification_ui',
): string | undefined {
  const items = error.details?.['continue_with'];
  for (const item of Array.isArray(items) ? items : []) {
    const flow = isRecord(item) && item['action'] === action ? item['flow'] : undefined;
    const id = isRecord(flow) ? flow['id'] : undefined;
    if (typeof id === 'string' && id !== '') return id;
  }
  return undefined;
}
