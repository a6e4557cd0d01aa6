/**
 * The hand-written session check (main/kratos/shapes.ts; zod's copy of the body cost most of the whoami
 * overhead). Each field the app relies on is broken in turn: the whole session must be refused, through
 * whoami, the sessions list and a native login alike.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH,
  isNativeLogin,
  isNativeRegistration,
  isSession,
  isSessionList,
  nestedDeeperThan,
} from '../../../main/kratos/shapes';
import sessionAal1 from '../../fixtures/kratos/whoami-session-aal1.json' with { type: 'json' };
import sessionAal2 from '../../fixtures/kratos/session-aal2-fixture.json' with { type: 'json' };

const session = sessionAal2 as Record<string, unknown>;
const identity = session['identity'] as Record<string, unknown>;
const withIdentity = (fields: Record<string, unknown>) => ({
  ...session,
  identity: { ...identity, ...fields },
});

describe('the session check', () => {
  it.each([
    ['the aal1 fixture', sessionAal1],
    ['the aal2 fixture', sessionAal2],
    ['only an id', { id: 's-1' }],
    ['identity null (a second factor still needed)', { id: 's-1', identity: null }],
    ['lists that are null', { id: 's-1', devices: null, authentication_methods: null }],
    ['unknown fields, kept', { ...session, tokenized: 'x', future_field: { a: [1] } }],
  ])('accepts %s', (_what, body) => {
    expect(isSession(body)).toBe(true);
    expect(isSessionList([body, sessionAal1])).toBe(true);
    expect(isNativeLogin({ session_token: 'ory_st_x', session: body })).toBe(true);
  });

  it.each([
    ['not an object', 'session'],
    ['an array', [session]],
    ['null', null],
    ['no id', { ...session, id: undefined }],
    ['an empty id', { ...session, id: '' }],
    ['a numeric id', { ...session, id: 7 }],
    ['authenticated_at: 1e300', { ...session, authenticated_at: 1e300 }],
    ['an expires_at that is no date', { ...session, expires_at: '+999999-99-99T00:00:00Z' }],
    ['issued_at null', { ...session, issued_at: null }],
    ['a numeric assurance level', { ...session, authenticator_assurance_level: 2 }],
    ['methods that are no list', { ...session, authentication_methods: {} }],
    ['a method whose time is no date', { ...session, authentication_methods: [{ completed_at: 'soon' }] }],
    ['a method that is no object', { ...session, authentication_methods: ['password'] }],
    ['a device without id', { ...session, devices: [{ ip_address: '::1' }] }],
    ['a device with a numeric user agent', { ...session, devices: [{ id: 'd', user_agent: 1 }] }],
    ['an identity that is no object', { ...session, identity: 'me' }],
    ['an identity without id', withIdentity({ id: undefined })],
    ['a numeric schema id', withIdentity({ schema_id: 1 })],
    [
      'an address without verified',
      withIdentity({ verifiable_addresses: [{ value: 'a@b.c', via: 'email' }] }),
    ],
    ['addresses that are no list', withIdentity({ verifiable_addresses: 'a@b.c' })],
  ])('refuses %s', (_what, body) => {
    expect(isSession(body)).toBe(false);
    expect(isSessionList([sessionAal1, body])).toBe(false);
    expect(isNativeLogin({ session_token: 'ory_st_x', session: body })).toBe(false);
    expect(isNativeRegistration({ identity, session: body })).toBe(false);
  });

  it('a registration answer needs its identity, checked the same way', () => {
    expect(isNativeRegistration({ identity })).toBe(true);
    expect(isNativeRegistration({ identity: { ...identity, id: '' } })).toBe(false);
    expect(isNativeRegistration({ session: sessionAal1 })).toBe(false);
  });
});

describe('the depth bound', () => {
  const nest = (levels: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value];
    return value;
  };

  it(`allows ${MAX_JSON_DEPTH} levels of objects and arrays, refuses one more`, () => {
    expect(nestedDeeperThan(nest(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nest(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan(JSON.parse('[1, {"a": [2, {"b": null}]}]'), 3)).toBe(true);
    expect(nestedDeeperThan(JSON.parse('[1, {"a": [2, {"b": null}]}]'), 4)).toBe(false);
  });

  it('answers for 100,000 levels without exhausting the stack', () => {
    expect(nestedDeeperThan(nest(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
