/**
 * The passkey journey: the WebAuthn ceremony runs in the person's browser, on the passkey page of the relying
 * party (docs/passkeys.md, ADR 0013), in the shape of social sign-in (social-sign-in.ts):
 * 1. a passkey button is pressed (`passkey_login_trigger`, `passkey_register_trigger`): the options this flow
 *    sent (kept with its entry when it was shown) become the page's request; main keeps the challenge;
 * 2. the page opens in the system browser and the submit waits (browser-sign-in.ts: "Continue in your
 *    browser…", "Open the browser again", "Cancel", ten minutes);
 * 3. the page hands back `kratos-desktop://auth/passkey?challenge=…&credential=…`: taken only while this
 *    ceremony waits and only for the challenge it sent, and submitted like any form (the service's submit:
 *    no Origin header, the token to the keychain).
 * Adding a passkey on a session too old for it asks for the person BEFORE the page opens
 * (`reauthenticateFirst`): made first, the new passkey would sit in the person's authenticator during that
 * re-authentication, not yet known to Kratos. When Kratos still asks afterwards (the age was misjudged), the new passkey is never sent to confirm the
 * person: that is said in words, and they pick the one they had.
 * The credential never reaches the window, a log or a file; the page's address carries only public options.
 */
import type { FlowResponse, FlowValues } from '../../shared/ipc-contract';
import type { UiNode } from '../../shared/kratos-wire';
import type { Timers } from '../session/timers';
import { BrowserJourney } from './browser-sign-in';
import type { FlowEntry } from './flow-memory';
import type { FlowSteps } from './journey';
import {
  passkeyPageAddress,
  passkeyRequestOf,
  passkeySubmitBody,
  type PasskeyFlowKind,
} from './passkey-request';
import { noPasskeyPageMessage, type PasskeyPage } from './passkey-page';
import { text } from '../strings';
import { isRecord } from '../../shared/is-record';

/** The buttons that start a ceremony (Kratos draws them as `type: button`, for its browser script). */
const triggers: Readonly<Record<string, PasskeyFlowKind[]>> = {
  passkey_login_trigger: ['login'],
  passkey_register_trigger: ['registration', 'settings'],
};

/** Whether a submit is the press of a passkey button (the window sends its name, nothing else of it). */
export const isPasskeyPress = (values: FlowValues): boolean =>
  Object.keys(triggers).some((name) => name in values);

export interface PasskeyCeremonyDeps {
  steps: Pick<FlowSteps, 'rememberAndShow' | 'open' | 'fetchFlow'>;
  /** Sends a flow's values as the window's submit does (the service's `submit`). */
  submit: (flowId: string, values: FlowValues) => Promise<FlowResponse>;
  /**
   * Before a passkey is added on settings flow `flowId`: the re-authentication to show first when the
   * session is judged too old for it (privileged-age.ts), else undefined (the ceremony runs now).
   */
  reauthenticateFirst: (flowId: string) => Promise<FlowResponse> | undefined;
  /** The passkey page of the server in use; none until its operator has set one up (passkey-page.ts). */
  page: PasskeyPage;
  /** Where the page hands back: the app's deep link, or the terminal client's loopback listener. */
  returnTo: string;
  /** The Kratos server in use: a page on a loopback address is opened only for a loopback server. */
  endpointUrl: string;
  openExternal: (url: string) => Promise<void>;
  timers: Timers;
  now: () => number;
}

export class PasskeyCeremony extends BrowserJourney {
  readonly #deps: PasskeyCeremonyDeps;

  constructor(deps: PasskeyCeremonyDeps) {
    const { openExternal, timers, now, endpointUrl } = deps;
    super({ openExternal, timers, now, endpointUrl });
    this.#deps = deps;
  }

  /** A passkey button was pressed on `flowId`: the ceremony in the browser, then the submit. */
  begin(flowId: string, entry: FlowEntry, values: FlowValues): Promise<FlowResponse> {
    const kind = entry.kind;
    const pressed = Object.keys(triggers).find((name) => name in values);
    if (kind === 'recovery' || kind === 'verification' || !pressed || !triggers[pressed]!.includes(kind)) {
      return Promise.resolve({ kind: 'not-sent', message: text.passkey.noOptions });
    }
    const { page, returnTo } = this.#deps;
    if (page.kind === 'none') {
      return Promise.resolve({ kind: 'not-sent', message: noPasskeyPageMessage(page.setup) });
    }
    const traits = isRecord(values['traits']) ? values['traits'] : {};
    const request = passkeyRequestOf(kind, entry.passkey ?? [], traits);
    if (request === undefined) {
      const message = kind === 'registration' ? text.passkey.noName : text.passkey.noOptions;
      return Promise.resolve({ kind: 'not-sent', message });
    }
    if (kind === 'settings') {
      const first = this.#deps.reauthenticateFirst(flowId);
      if (first !== undefined) return first;
    }
    const adding = kind === 'login' ? passkeyBeingAdded(entry) : undefined;
    return this.browser.begin({
      flowId,
      // The challenge plays the exchange's init code: only an answer carrying it ends this wait.
      initCode: request.challenge,
      nonce: request.challenge,
      browserUrl: passkeyPageAddress(page.url, request, returnTo),
      answer: async (challenge, callback) => {
        if (callback.kind !== 'passkey' || callback.answer.challenge !== challenge) return undefined;
        const { answer } = callback;
        if (answer.kind === 'error') return { kind: 'not-sent', message: text.passkey.page[answer.error] };
        if (adding !== undefined && credentialIdOf(answer.credential) === adding) {
          // Kratos does not know it yet (4000015): the flow stays as it is, for the passkey they had.
          return { kind: 'not-sent', message: text.passkey.thatIsTheNewOne };
        }
        return this.#deps.submit(flowId, passkeySubmitBody(kind, answer.credential, traits));
      },
      cancelled: () => this.#showAgain(flowId, entry),
    });
  }

  /** After "Cancel": the form as Kratos has it now. */
  async #showAgain(flowId: string, entry: FlowEntry): Promise<FlowResponse> {
    const fetched = await this.#deps.steps.fetchFlow(entry.kind, flowId);
    if (fetched?.kind === 'success') return this.#deps.steps.rememberAndShow(entry, fetched.body);
    if (fetched?.kind === 'expired') return this.#deps.steps.open(entry);
    return { kind: 'error', message: text.browser.cancelled };
  }
}

/**
 * The id of the passkey a re-authentication login waits to add (its settings submit, refused for an old
 * session, is sent again once the person is confirmed), if it waits for one.
 */
function passkeyBeingAdded(entry: FlowEntry): string | undefined {
  if (entry.kind !== 'login' || entry.after?.type !== 'resubmit-settings') return undefined;
  const attestation = entry.after.values['passkey_settings_register'];
  return typeof attestation === 'string' ? credentialIdOf(attestation) : undefined;
}

/** A credential's `id` (base64url) from the JSON the page hands back (readPasskeyAnswer checked its shape). */
function credentialIdOf(credential: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(credential);
    return isRecord(parsed) && typeof parsed['id'] === 'string' ? parsed['id'] : undefined;
  } catch {
    return undefined;
  }
}

/** The passkey nodes of a flow, kept with its entry for a ceremony (empty when it offers none). */
export const passkeyNodesOf = (nodes: readonly UiNode[]): UiNode[] =>
  nodes.filter((node) => node.group === 'passkey');
