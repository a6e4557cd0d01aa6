import { describe, expect, it } from 'vitest';
import type { FlowView, SessionSummary, SessionView } from '../../shared/ipc-contract';
import {
  initialWindow,
  noticeShown,
  reduceWindow,
  type NamedFlow,
  type Place,
  type WindowEvent,
  type WindowModel,
} from '../../renderer/src/screen';

const base = {
  endpoint: { url: 'http://127.0.0.1:4433', source: 'environment' },
  keychain: { kind: 'persisted', backend: 'Secret Service' },
} as const;
const session: SessionSummary = {
  id: 'session-1',
  aal: 'aal1',
  identity: null,
  authenticationMethods: [],
  authenticatedAt: undefined,
  issuedAt: undefined,
  expiresAt: undefined,
  devices: [],
};
const signedOut: SessionView = { ...base, status: 'signed-out' };
const checking: SessionView = { ...base, status: 'checking' };
const signedIn: SessionView = { ...base, status: 'signed-in', session };
const secondFactor: SessionView = { ...base, status: 'second-factor-required', methods: ['totp'] };

const flow = (id: string, kind: FlowView['kind'], patch: Partial<FlowView> = {}): FlowView => ({
  id,
  kind,
  state: undefined,
  expiresAt: undefined,
  ui: { action: '', method: 'POST', nodes: [] },
  ...patch,
});
const named = (view: FlowView, note?: string): NamedFlow => ({ flow: view, note });

const state = (view: SessionView): WindowEvent => ({ type: 'state', state: view });
const moved = (place: Place): WindowEvent => ({ type: 'moved', place });
const sent: WindowEvent = { type: 'sent', awaited: true };
const answered = (next?: NamedFlow): WindowEvent => ({ type: 'answered', awaited: true, next });

const run = (events: WindowEvent[], from: WindowModel = initialWindow) => events.reduce(reduceWindow, from);

/** Every order in which a submit's answer can arrive among the state pushes it caused. */
function everyOrder(pushes: SessionView[], answer: WindowEvent): WindowEvent[][] {
  return pushes
    .map((_, index) => index)
    .concat(pushes.length)
    .map((at) => [...pushes.slice(0, at).map(state), answer, ...pushes.slice(at).map(state)]);
}

const settings = flow('settings-1', 'settings');
const aal2 = flow('login-aal2', 'login', { requestedAal: 'aal2' });
const verification = flow('verification-1', 'verification');
const login = flow('login-1', 'login');

/**
 * A submit that finishes a flow comes back as state pushes and an answer naming the next flow. Main pushes
 * first (the screen that sent the submit is gone before its answer comes); the reverse must not lose the flow
 * either. Each journey: where it starts, the pushes its submit causes, the answer, where the window must end.
 */
const journeys: {
  name: string;
  from: SessionView;
  at: Place;
  pushes: SessionView[];
  next: NamedFlow;
  ends: Place;
}[] = [
  {
    name: 'a recovery code signs in: settings, to choose a new password',
    from: signedOut,
    at: { screen: 'sign-in', kind: 'recovery' },
    pushes: [checking, signedIn],
    next: named(settings, 'Your account is recovered.'),
    ends: { screen: 'signed-in', tab: 'settings', named: named(settings, 'Your account is recovered.') },
  },
  {
    name: 'a password of an account with a second factor: the aal2 step',
    from: signedOut,
    at: { screen: 'sign-in', kind: 'login' },
    pushes: [secondFactor],
    next: named(aal2, 'First step done.'),
    ends: { screen: 'second-factor', named: named(aal2, 'First step done.') },
  },
  {
    name: 'a recovery code of an account with a second factor: the aal2 step',
    from: signedOut,
    at: { screen: 'sign-in', kind: 'recovery' },
    pushes: [checking, secondFactor],
    next: named(aal2, 'Code accepted.'),
    ends: { screen: 'second-factor', named: named(aal2, 'Code accepted.') },
  },
  {
    name: 'the second factor after a recovery: settings',
    from: secondFactor,
    at: { screen: 'second-factor', named: named(aal2) },
    pushes: [signedIn],
    next: named(settings),
    ends: { screen: 'signed-in', tab: 'settings', named: named(settings) },
  },
  {
    name: 'a sign-up that signs in and asks to verify the address: the verification, in the settings tab',
    from: signedOut,
    at: { screen: 'sign-in', kind: 'registration' },
    pushes: [signedIn],
    next: named(verification, 'Your account was created.'),
    ends: { screen: 'signed-in', tab: 'settings', named: named(verification, 'Your account was created.') },
  },
  {
    name: '"Forgot password?" while confirming it is you: settings again',
    from: signedIn,
    at: { screen: 'signed-in', tab: 'settings', recovering: true },
    pushes: [signedIn],
    next: named(settings),
    ends: { screen: 'signed-in', tab: 'settings', named: named(settings) },
  },
];

describe('the window shows the flow a finished one named, whatever the order its answer and the state push arrive in', () => {
  for (const journey of journeys) {
    it(journey.name, () => {
      const before = run([state(journey.from), moved(journey.at), sent]);
      for (const order of everyOrder(journey.pushes, answered(journey.next))) {
        expect(run(order, before).place, JSON.stringify(order.map((event) => event.type))).toEqual(
          journey.ends,
        );
      }
    });
  }

  it('a new screen waits for the answer on its way instead of starting a flow of its own', () => {
    const pushed = run([state(signedOut), sent, state(secondFactor)]);
    expect(pushed.place).toEqual({ screen: 'waiting' });
    expect(run([answered(named(aal2))], pushed).place).toEqual({
      screen: 'second-factor',
      named: named(aal2),
    });
    // An answer that names nothing (a sign-in without a next step): the screen's own start.
    expect(run([state(signedOut), sent, state(signedIn), answered()]).place).toEqual({
      screen: 'signed-in',
      tab: 'session',
    });
  });

  it('without a push, the named flow stays on the screen that sent the submit (require_verified_address)', () => {
    const before = run([state(signedOut), sent]);
    const verify = run([answered(named(verification, 'Verify first.'))], before);
    expect(verify.place).toEqual({
      screen: 'sign-in',
      kind: 'verification',
      named: named(verification, 'Verify first.'),
    });
    // The code, then the sign-in form Kratos kept open.
    expect(run([sent, answered(named(login, 'Verified.'))], verify).place).toEqual({
      screen: 'sign-in',
      kind: 'login',
      named: named(login, 'Verified.'),
    });
  });

  it('a submit in the system browser is not waited for: a screen change meanwhile shows at once', () => {
    const model = run([state(signedOut), { type: 'sent', awaited: false }, state(signedIn)]);
    expect(model.place).toEqual({ screen: 'signed-in', tab: 'session' });
    // Its answer still places the flow it names (the second-factor step after a provider).
    const away = run([state(signedOut), { type: 'sent', awaited: false }, state(secondFactor)]);
    expect(run([{ type: 'answered', awaited: false, next: named(aal2) }], away).place).toEqual({
      screen: 'second-factor',
      named: named(aal2),
    });
  });

  it('a named flow does not outlive its screen: signed out, the sign-in screen starts afresh', () => {
    const shown = run([state(signedOut), sent, state(signedIn), answered(named(verification))]);
    expect(shown.place).toEqual({ screen: 'signed-in', tab: 'settings', named: named(verification) });
    expect(run([state(signedOut)], shown).place).toEqual({ screen: 'sign-in', kind: 'login' });
    // Nor after a sign-up in the system browser, whose answer no screen waited for (signing out: a check first).
    const social = run([
      state(signedOut),
      { type: 'sent', awaited: false },
      state(signedIn),
      { type: 'answered', awaited: false, next: named(verification) },
    ]);
    expect(social.place).toEqual({ screen: 'signed-in', tab: 'settings', named: named(verification) });
    expect(run([state(checking), state(signedOut)], social).place).toEqual({
      screen: 'sign-in',
      kind: 'login',
    });
  });

  it('an early answer waits for the one push after it, not for a later sign-in', () => {
    const early = run([state(signedOut), sent, answered(named(settings))]);
    expect(early.place).toEqual({ screen: 'sign-in', kind: 'login' });
    // A push that keeps the screen ends the wait; the next sign-in opens the session, not those settings.
    expect(run([state(signedOut), state(signedIn)], early).place).toEqual({
      screen: 'signed-in',
      tab: 'session',
    });
    // So does anything the person does.
    expect(run([moved({ screen: 'sign-in', kind: 'registration' }), state(signedIn)], early).place).toEqual({
      screen: 'signed-in',
      tab: 'session',
    });
  });

  it('a move drops the named flow; a new server starts the screen afresh', () => {
    const shown = run([state(signedOut), sent, state(signedIn), answered(named(settings))]);
    expect(run([moved({ screen: 'signed-in', tab: 'session' })], shown).place).toEqual({
      screen: 'signed-in',
      tab: 'session',
    });
    const elsewhere: SessionView = {
      ...signedIn,
      endpoint: { url: 'https://auth.example.com', source: 'settings' },
    };
    expect(run([state(elsewhere)], shown).place).toEqual({ screen: 'signed-in', tab: 'session' });
  });

  it("getState's answer does not replace a push that came before it", () => {
    const model = run([state(signedIn), { type: 'state', state: signedOut, first: true }]);
    expect(model.state).toBe(signedIn);
  });
});

describe("main's notice", () => {
  const notice = { level: 'info', text: 'You are signed out.' } as const;

  it('shows on the screen it came with, until the person moves on', () => {
    const model = run([state(signedIn), state({ ...signedOut, notice })]);
    expect(noticeShown(model)).toEqual(notice);
    const left = run([moved({ screen: 'sign-in', kind: 'registration' })], model);
    expect(noticeShown(left)).toBeUndefined();
    // The same notice again is not shown again; a new one is.
    expect(noticeShown(run([state({ ...signedOut, notice })], left))).toBeUndefined();
    const again = { level: 'info', text: 'Your session ended.' } as const;
    expect(noticeShown(run([state({ ...signedOut, notice: again })], left))).toEqual(again);
  });

  it('is not repeated on another screen', () => {
    const model = run([state({ ...signedOut, notice }), state({ ...signedIn, notice })]);
    expect(noticeShown(model)).toBeUndefined();
  });
});
