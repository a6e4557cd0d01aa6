/**
 * Which screen the window shows, and which flow on it: one pure reducer over everything that moves the
 * window (docs/adr/0016-one-source-for-the-screen.md).
 *
 * A submit that finishes a flow comes back two ways: main pushes the new session state (the recovery code
 * signed the person in), and the submit's answer names the flow that comes next (settings, to choose a new
 * password) with what the finished one said. Main pushes first, so the screen that sent the submit is
 * already gone when its answer arrives. Both go through this reducer, in the order they arrive, and the
 * window renders what it decides:
 * - a screen change while a form submit is on its way waits for that answer (`waiting`) instead of starting
 *   a flow of its own: the flow main names is shown, and no screen asks for another;
 * - an answer that comes first is kept for the state push right after it;
 * - either way the named flow lands on the screen it belongs to, with its note.
 */
import type { FlowKind, FlowView, Notice, SessionView } from '../../shared/ipc-contract';

/** The flows of the signed-out screen, one link each. */
export type AuthKind = Exclude<FlowKind, 'settings'>;
export type SignedInTab = 'session' | 'sessions' | 'settings';

/** A flow a finished one named, with what that one said when it finished ("Your account is recovered…"). */
export interface NamedFlow {
  flow: FlowView;
  note: string | undefined;
}

/** Where the person is: the screen of the session state, and the part of it they are on. */
export type Place =
  | { screen: 'starting' }
  | { screen: 'connect' }
  | { screen: 'sign-in'; kind: AuthKind; named?: NamedFlow }
  | { screen: 'second-factor'; named?: NamedFlow }
  /** `recovering`: "Forgot password?" while confirming it is you, in the settings tab. */
  | { screen: 'signed-in'; tab: SignedInTab; named?: NamedFlow; recovering?: true }
  /** The state changed screen while a form submit was on its way: its answer may name this screen's flow. */
  | { screen: 'waiting' };

type ScreenName = Exclude<Place['screen'], 'waiting'>;

export interface WindowModel {
  /** Main's state, as last pushed (or answered by `getState`). */
  state: SessionView | undefined;
  place: Place;
  /** Form submits whose answers are on their way. */
  sending: number;
  /** The screen (and server) the last submit was sent from: an answer after a push that left it is late. */
  sentFrom: string | undefined;
  /** A named flow whose answer came before the state push after it: placed by that push, or dropped. */
  early: NamedFlow | undefined;
  /** Main's notice and the screen it came with; `left` once the person moved on from there. */
  notice: { key: string; screen: ScreenName; left: boolean } | undefined;
}

export type WindowEvent =
  /** Main pushed a state. `first`: `getState`'s answer, older than any push that arrived before it. */
  | { type: 'state'; state: SessionView; first?: boolean }
  /**
   * A flow's submit left the window. `awaited`: a form's submit, answered within main's deadlines, which a
   * screen change waits for. Not a submit that goes on in the system browser (a provider, a passkey): its
   * answer may be minutes away.
   */
  | { type: 'sent'; awaited: boolean }
  /** An answer arrived, to a submit (`awaited` as it was sent) or a start; `next`: the flow it named. */
  | { type: 'answered'; awaited: boolean; next?: NamedFlow | undefined }
  /** The person chose where to go: a link, a tab, "Forgot password?". */
  | { type: 'moved'; place: Place };

export const initialWindow: WindowModel = {
  state: undefined,
  place: { screen: 'starting' },
  sending: 0,
  sentFrom: undefined,
  early: undefined,
  notice: undefined,
};

/** The screen a state shows: a check or an outage keeps the signed-in screen. */
function screenOf(state: SessionView | undefined): ScreenName {
  switch (state?.status) {
    case undefined:
      return 'starting';
    case 'no-server':
      return 'connect';
    case 'signed-out':
      return 'sign-in';
    case 'second-factor-required':
      return 'second-factor';
    default:
      return 'signed-in';
  }
}

/** A screen is one per server: a new server starts every screen afresh. */
const screenKey = (state: SessionView | undefined) =>
  `${screenOf(state)} ${state !== undefined && 'endpoint' in state ? state.endpoint.url : ''}`;

function defaultPlace(screen: ScreenName): Place {
  switch (screen) {
    case 'sign-in':
      return { screen, kind: 'login' };
    case 'signed-in':
      return { screen, tab: 'session' };
    default:
      return { screen };
  }
}

/**
 * Where `named` shows on `screen`, if it belongs there: the second-factor step on its screen; settings, and
 * a verification a settings change or a sign-up asked for, in the settings tab; the rest of the signed-out
 * flows on the sign-in screen (a verification after a sign-up without a session, the sign-in form again
 * once the address it needed is verified).
 */
function placeOf(screen: ScreenName, named: NamedFlow): Place | undefined {
  const { kind, requestedAal } = named.flow;
  switch (screen) {
    case 'sign-in':
      return kind === 'settings' || requestedAal === 'aal2' ? undefined : { screen, kind, named };
    case 'second-factor':
      return kind === 'login' ? { screen, named } : undefined;
    case 'signed-in':
      return kind === 'settings' || kind === 'verification' ? { screen, tab: 'settings', named } : undefined;
    default:
      return undefined;
  }
}

export function reduceWindow(model: WindowModel, event: WindowEvent): WindowModel {
  switch (event.type) {
    case 'state': {
      if (event.first && model.state !== undefined) return model; // a push came first: it is newer
      const entered = enter(model, event.state);
      // An early flow waits through a check (main asking who is signed in), not past the state after it.
      const early = event.state.status === 'checking' ? entered.early : undefined;
      return withNotice({ ...entered, state: event.state, early }, event.state);
    }
    case 'sent':
      // The person acted again: an earlier answer's flow is no longer what the next push is about.
      return {
        ...model,
        sending: model.sending + (event.awaited ? 1 : 0),
        sentFrom: screenKey(model.state),
        early: undefined,
      };
    case 'answered':
      return answered(model, Math.max(0, model.sending - (event.awaited ? 1 : 0)), event.next);
    case 'moved':
      return {
        ...model,
        place: event.place,
        early: undefined,
        notice: model.notice && { ...model.notice, left: true },
      };
  }
}

/** The place a new state leads to: the same one while its screen stays, else that screen's start. */
function enter(model: WindowModel, state: SessionView): WindowModel {
  if (screenKey(state) === screenKey(model.state)) return model;
  const screen = screenOf(state);
  const early = model.early && placeOf(screen, model.early);
  if (early !== undefined) return { ...model, place: early, early: undefined };
  return { ...model, place: model.sending > 0 ? { screen: 'waiting' } : defaultPlace(screen) };
}

function answered(model: WindowModel, sending: number, next: NamedFlow | undefined): WindowModel {
  const screen = screenOf(model.state);
  const waited = model.place.screen === 'waiting';
  const named = next && placeOf(screen, next);
  // Kept for the push after it, unless the state already moved and the flow is where it belongs: that push
  // may be the one it belongs to (the settings a recovery names, after "checking"), or move it on (a
  // sign-up's verification: in the settings, once the push says who is signed in).
  const pushed = model.sentFrom !== undefined && model.sentFrom !== screenKey(model.state);
  const early = next === undefined ? model.early : named !== undefined && pushed ? undefined : next;
  if (named !== undefined) return { ...model, sending, early, place: named };
  if (waited && sending === 0) return { ...model, sending, early, place: defaultPlace(screen) };
  return { ...model, sending, early };
}

function withNotice(model: WindowModel, state: SessionView): WindowModel {
  const notice = state.notice;
  const key = notice && `${notice.level}:${notice.text}`;
  if (key === model.notice?.key) return model;
  return { ...model, notice: key === undefined ? undefined : { key, screen: screenOf(state), left: false } };
}

/** Main's notice where it was given: on its screen, until the person moves to another (it stays in main). */
export function noticeShown(model: WindowModel): Notice | undefined {
  const { notice } = model;
  if (notice === undefined || notice.left || notice.screen !== screenOf(model.state)) return undefined;
  return model.state?.notice;
}

/** The place on `screen`: the model's when it is there (it is, once the state's screen is), else its start. */
export function placeOn<S extends ScreenName>(place: Place, screen: S): Extract<Place, { screen: S }> {
  return (place.screen === screen ? place : defaultPlace(screen)) as Extract<Place, { screen: S }>;
}
