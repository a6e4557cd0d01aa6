/** The parity list stays true: an unlisted difference and a listed one that is gone both fail. */
import { describe, expect, it } from 'vitest';
import { compareRecordings, describeComparison } from './compare';
import { EVERY_STEP, type KnownDifference } from './differences';
import { Recorder, type Recorded } from './script';
import type { ParityServer } from './servers';
import { clientView } from './view';

const recorded = (step: string, status: number, cacheControl?: string): Recorded => ({
  step,
  view: clientView(status, cacheControl ? { 'cache-control': cacheControl } : {}, { state: 'choose_method' }),
  body: undefined,
});
const entry = (step: string, fields: KnownDifference['fields']): KnownDifference => ({
  scenario: 'main',
  step,
  fields,
  reason: 'because',
});

describe('comparing two recordings against the list of differences', () => {
  const emulator = [recorded('a', 200), recorded('b', 401)];
  const kratos = [recorded('a', 200, 'no-store'), recorded('b', 403, 'no-store')];

  it('passes when every difference is listed, by step or for every step', () => {
    const result = compareRecordings(emulator, kratos, [
      entry('b', ['status']),
      entry(EVERY_STEP, ['cacheControl']),
    ]);
    expect(result).toEqual({ unlisted: [], stale: [] });
    expect(describeComparison('main', result)).toBe('');
  });

  it('reports a difference nobody listed, with both values and a ready entry', () => {
    const result = compareRecordings(emulator, kratos, [entry(EVERY_STEP, ['cacheControl'])]);
    expect(result.unlisted.map((f) => [f.step, f.fields])).toEqual([['b', ['status']]]);
    const text = describeComparison('main', result);
    expect(text).toContain('emulator: 401');
    expect(text).toContain('kratos:   403');
    expect(text).toContain(`{ scenario: 'main', step: "b", fields: ["status"], reason: NOT_YET_ALIGNED },`);
  });

  it('reports a listed difference that no longer occurs', () => {
    const same = [recorded('a', 200), recorded('b', 401)];
    const result = compareRecordings(same, same, [
      entry('b', ['status']),
      entry(EVERY_STEP, ['cacheControl']),
    ]);
    expect(result.unlisted).toEqual([]);
    expect(result.stale.map((d) => [d.step, d.fields])).toEqual([
      ['b', ['status']],
      [EVERY_STEP, ['cacheControl']],
    ]);
    expect(describeComparison('main', result)).toContain('no longer different (remove them)');
  });

  it('refuses recordings of different scripts', () => {
    expect(() => compareRecordings(emulator, [recorded('a', 200)], [])).toThrow(/different steps/);
  });
});

describe('the client view', () => {
  it('keeps what a client depends on and drops ids, tokens and times', () => {
    const view = clientView(
      400,
      { 'cache-control': 'private' },
      {
        id: 'f3b1…',
        expires_at: '2026-12-02T00:00:00Z',
        state: 'choose_method',
        ui: {
          messages: [{ id: 4000006, text: 'wrong' }],
          nodes: [
            {
              group: 'default',
              type: 'input',
              attributes: { name: 'identifier', type: 'text', required: true, value: 'a@b.c' },
              messages: [],
            },
            {
              group: 'password',
              type: 'input',
              attributes: { name: 'method', type: 'submit', value: 'password' },
              messages: [{ id: 4000002 }],
            },
            {
              group: 'totp',
              type: 'text',
              attributes: { id: 'totp_secret_key', text: { text: 'SECRET' } },
              messages: [],
            },
          ],
        },
        continue_with: [{ action: 'set_ory_session_token', ory_session_token: 'ory_st_x' }],
      },
    );
    expect(view).toEqual({
      status: 400,
      cacheControl: 'private',
      keys: ['continue_with', 'expires_at', 'id', 'state', 'ui'],
      error: null,
      state: 'choose_method',
      messages: [4000006],
      nodes: [
        'default input identifier text*',
        'password input method submit=password [4000002]',
        'totp text totp_secret_key',
      ],
      continueWith: ['set_ory_session_token'],
      session: null,
      items: null,
      pages: [],
    });
    expect(JSON.stringify(view)).not.toMatch(/ory_st_x|SECRET|a@b\.c|f3b1/);
  });

  it("keeps the Link header's rels and whether a session carries its identity, not their contents", () => {
    const link =
      '<http://127.0.0.1:1/sessions?page_token=eyJv>; rel="first",<http://127.0.0.1:1/sessions?page_token=eyJw>; rel="next"';
    const session = { authenticator_assurance_level: 'aal1', active: true, authentication_methods: [] };
    expect(clientView(200, { link }, []).pages).toEqual(['first', 'next']);
    expect(clientView(200, {}, { session: { ...session, identity: { id: 'x' } } }).session).toBe(
      'aal1 active=true methods= with identity',
    );
    expect(clientView(200, {}, session).session).toBe('aal1 active=true methods= no identity');
  });

  it('records a link back to the app by its address and the names of its query parameters', () => {
    const recorder = new Recorder({ name: 'emulator', url: 'http://127.0.0.1:1' } as ParityServer);
    recorder.linkBack('linking', 'kratos-desktop://auth/callback?flow=3f1e&no_org_ui=true');
    recorder.linkBack('denied', 'kratos-desktop://auth/callback');
    const [linking, denied] = recorder.steps.map((s) => s.view);
    expect(linking).toMatchObject({
      status: 0,
      state: 'kratos-desktop://auth/callback',
      keys: ['flow', 'no_org_ui'],
    });
    expect(denied).toMatchObject({ status: 0, state: 'kratos-desktop://auth/callback', keys: [] });
    expect(JSON.stringify(linking)).not.toContain('3f1e');
  });
});
