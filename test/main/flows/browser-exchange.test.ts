import { describe, expect, it } from 'vitest';
import {
  browserExchangeLifetimeMs,
  providerUrlProblem,
  noExchange,
  reduceExchange,
  type ExchangeEvent,
  type ExchangeState,
} from '../../../main/flows/browser-exchange';

const t0 = Date.parse('2026-08-01T12:00:00Z');
const NONCE = 'this-sign-ins-value-0123456789ab';
const opened: ExchangeEvent = {
  type: 'browser-opened',
  flowId: 'flow-1',
  nonce: NONCE,
  initCode: 'init-secret',
  browserUrl: 'https://idp.example/auth?state=1',
  at: t0,
};

/** Runs events from `noExchange`, returning the last state and every decision. */
function run(...events: ExchangeEvent[]) {
  let state: ExchangeState = noExchange;
  const decisions = events.map((event) => {
    const step = reduceExchange(state, event);
    state = step.state;
    return step.decision;
  });
  return { state, decisions, last: decisions.at(-1) };
}

const callback = (at = t0 + 1000, returnToCode = 'return-code', nonce = NONCE) =>
  ({ type: 'callback', callback: { kind: 'code', returnToCode, nonce }, at }) as const;

describe('the session token exchange of a social sign-in', () => {
  it('pending: a callback is redeemed with the init code of the flow the browser was opened for', () => {
    const { state, last } = run(opened, callback());
    expect(last).toEqual({
      kind: 'redeem',
      flowId: 'flow-1',
      initCode: 'init-secret',
      callback: { kind: 'code', returnToCode: 'return-code', nonce: NONCE },
    });
    expect(state.status).toBe('redeeming');
  });

  it('a callback without a code (Kratos ended the sign-in in a flow) is checked in the same redeeming step', () => {
    const failed = { type: 'callback', callback: { kind: 'failed', nonce: NONCE }, at: t0 + 1 } as const;
    const { state, last } = run(opened, failed);
    expect(last).toEqual({
      kind: 'redeem',
      flowId: 'flow-1',
      initCode: 'init-secret',
      callback: { kind: 'failed', nonce: NONCE },
    });
    expect(state.status).toBe('redeeming');
    // Kratos's flow shows no such end: the link was not this sign-in's, the wait goes on.
    expect(run(opened, failed, { type: 'not-yet' }).state.status).toBe('pending');
  });

  it('completed: once redeemed, the same (or any) callback is a replay and is ignored', () => {
    const { state, last } = run(opened, callback(), { type: 'redeemed' }, callback());
    expect(state).toEqual({ status: 'completed', flowId: 'flow-1' });
    expect(last).toEqual({ kind: 'ignore', because: 'replayed' });
  });

  // Issue 21: any web page could open the callback link; it cannot know the sign-in's value.
  it("a callback without the waiting sign-in's value is ignored in every state and changes nothing", () => {
    const foreign = callback(t0 + 1000, 'return-code', 'another-sign-ins-value-012345678');
    for (const before of [[opened], [opened, callback()]]) {
      const { state } = run(...before);
      const step = run(...before, foreign);
      expect(step.last).toEqual({ kind: 'ignore', because: 'foreign' });
      expect(step.state).toEqual(state);
    }
    // The real link still ends the sign-in afterwards.
    expect(run(opened, foreign, callback()).last).toMatchObject({ kind: 'redeem' });
  });

  // The shell hands callbacks over one at a time (browser-sign-in.ts), so none arrives while one is checked.
  it('a callback while another is being redeemed would change nothing and ask Kratos nothing', () => {
    const redeeming = run(opened, callback()).state;
    const step = run(opened, callback(), callback(t0 + 2000, 'another-code'));
    expect(step.last).toEqual({ kind: 'none' });
    expect(step.state).toEqual(redeeming);
  });

  it('a code Kratos does not know ("no session yet") leaves the exchange pending for the real one', () => {
    const { state, last } = run(opened, callback(t0 + 1, 'wrong'), { type: 'not-yet' }, callback());
    expect(last).toMatchObject({ kind: 'redeem', callback: { returnToCode: 'return-code' } });
    expect(state.status).toBe('redeeming');
  });

  it('cancelled: the wait stops, and a later callback is ignored (no half-signed-in state)', () => {
    const { state, decisions } = run(opened, { type: 'cancel', flowId: 'flow-1' }, callback());
    expect(decisions[1]).toEqual({ kind: 'stopped', flowId: 'flow-1', because: 'cancelled' });
    expect(decisions[2]).toEqual({ kind: 'ignore', because: 'cancelled' });
    expect(state).toEqual({ status: 'cancelled', flowId: 'flow-1' });
  });

  it('a cancel for another flow, or while redeeming, changes nothing', () => {
    expect(run(opened, { type: 'cancel', flowId: 'flow-2' }).state.status).toBe('pending');
    expect(run(opened, callback(), { type: 'cancel' }).state.status).toBe('redeeming');
  });

  it('expired: the 10-minute tick stops the wait; earlier ticks do not', () => {
    const early = run(opened, { type: 'tick', at: t0 + browserExchangeLifetimeMs - 1 });
    expect(early.state.status).toBe('pending');
    const late = run(opened, { type: 'tick', at: t0 + browserExchangeLifetimeMs });
    expect(late.last).toEqual({ kind: 'stopped', flowId: 'flow-1', because: 'expired' });
    expect(run(opened, { type: 'tick', at: t0 + browserExchangeLifetimeMs }, callback()).last).toEqual({
      kind: 'ignore',
      because: 'expired',
    });
  });

  it('a callback after the lifetime is ignored as expired even before the timer fired', () => {
    const { state, last } = run(opened, callback(t0 + browserExchangeLifetimeMs));
    expect(last).toEqual({ kind: 'ignore', because: 'expired' });
    expect(state.status).toBe('expired');
  });

  it('nothing pending: a callback out of the blue is ignored', () => {
    expect(run(callback()).last).toEqual({ kind: 'ignore', because: 'nothing-pending' });
  });

  it('pressing the provider again restarts the wait for that flow with the new provider URL', () => {
    const again = { ...opened, browserUrl: 'https://idp.example/auth?state=2', at: t0 + 60_000 };
    const { state } = run(opened, again);
    expect(state).toMatchObject({ status: 'pending', browserUrl: again.browserUrl, startedAt: t0 + 60_000 });
  });

  it('no decision or state ever carries the codes except the one redeem', () => {
    const { decisions } = run(opened, callback(), { type: 'not-yet' }, { type: 'cancel' }, callback());
    const visible = JSON.stringify(decisions.filter((decision) => decision.kind !== 'redeem'));
    expect(visible).not.toContain('init-secret');
    expect(visible).not.toContain('return-code');
  });
});

describe('which provider URLs the system browser may open', () => {
  const local = 'http://127.0.0.1:4433';
  const remote = 'https://kratos.example';

  it.each([
    'https://accounts.google.com/o/oauth2/auth?client_id=x',
    'http://127.0.0.1:4444/auth?x=1',
    'http://localhost:4444/auth',
    'http://idp.localhost/auth',
    'http://[::1]:8080/auth',
  ])('opens %s for a server on this computer', (url) =>
    expect(providerUrlProblem(url, local)).toBeUndefined(),
  );

  it('opens an https page elsewhere for a server elsewhere', () => {
    expect(
      providerUrlProblem('https://accounts.google.com/o/oauth2/auth?client_id=x', remote),
    ).toBeUndefined();
  });

  it.each([
    'http://127.0.0.1:4444/auth',
    'https://localhost/',
    'http://idp.localhost/auth',
    'http://[::1]:8080/',
  ])('refuses %s for a server elsewhere: a page on this computer only for a server on it', (url) =>
    expect(providerUrlProblem(url, remote)).toBe('loopback'),
  );

  it.each([
    'http://idp.example/auth',
    'http://127.0.0.1.evil.example/auth',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'kratos-desktop://auth/callback?code=x',
    'smb://share/x',
    'https://user:pw@idp.example/auth',
    'not a url',
    `https://idp.example/${'a'.repeat(9000)}`,
  ])('refuses %s', (url) => expect(providerUrlProblem(url, local)).toBe('not-secure'));
});
