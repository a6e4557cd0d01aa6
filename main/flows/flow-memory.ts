/**
 * Which kind of flow each id the renderer holds is, and what to do after it, so a submit needs only
 * `{flowId, values}`. Bounded: the oldest entries are forgotten first (a forgotten flow is started afresh).
 */
import type { FlowValues, FlowView } from '../../shared/ipc-contract';
import type { UiNode } from '../../shared/kratos-wire';

/** What to do once a re-authentication (refresh) or step-up (aal2) login succeeds. */
export type AfterLogin =
  /** Send the settings change Kratos refused for an old or aal1 session again: the user types it once. */
  | { type: 'resubmit-settings'; flowId: string; values: FlowValues }
  /** Settings could not even be opened at aal1: open them now. */
  | { type: 'open-settings' }
  /**
   * "Add passkey" was pressed on settings flow `flowId` with a session judged too old (privileged-age.ts):
   * once the person is confirmed, the window presses it again and the ceremony runs on a fresh session.
   */
  | { type: 'add-passkey'; flowId: string };

interface LoginIntent {
  refresh: boolean;
  aal: 'aal1' | 'aal2';
}

/**
 * `exchangeCode`: the flow's `session_token_exchange_code` (login and registration created without a
 * session), kept here, bound to its flow, for a social sign-in. Secret: it never leaves main. `issuedAt`:
 * the flow's `issued_at`, kept with the code. `nonce`: the `s` value of the flow's `return_to`, which every
 * link back from the browser must carry (main/policy/deep-link.ts).
 */
interface Exchange {
  exchangeCode?: string;
  issuedAt?: string;
  nonce?: string;
}

/**
 * `passkey`: the flow's passkey nodes as Kratos drew them (the public-key options a ceremony needs), kept so
 * that a passkey button costs no request (passkey-ceremony.ts).
 */
interface PasskeyOffer {
  passkey?: readonly UiNode[];
}

/**
 * `signIn`: a verification Kratos's `require_verified_address` hook asked for before this login flow may sign
 * the person in; once the address is verified, that sign-in form comes back.
 */
export type FlowEntry =
  | ({ kind: 'login'; after?: AfterLogin } & LoginIntent & Exchange & PasskeyOffer)
  | ({ kind: 'registration' } & Exchange & PasskeyOffer)
  | ({ kind: 'verification'; signIn?: string } & PasskeyOffer)
  | ({ kind: 'recovery' } & PasskeyOffer)
  /** `shown`: the settings form as the window last got it, to hand back after a re-authentication. */
  | ({ kind: 'settings'; shown?: FlowView } & PasskeyOffer);

const DEFAULT_MAX_REMEMBERED_FLOWS = 64;

export class FlowMemory {
  readonly #entries = new Map<string, FlowEntry>();

  constructor(readonly max = DEFAULT_MAX_REMEMBERED_FLOWS) {}

  remember(id: string, entry: FlowEntry): void {
    this.#entries.delete(id); // re-inserted as the newest
    this.#entries.set(id, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.max) break;
      this.#entries.delete(oldest);
    }
  }

  get(id: string): FlowEntry | undefined {
    return this.#entries.get(id);
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }
}
