import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAgainstSpec } from '../support/spec-validator';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/kratos/${name}`, import.meta.url), 'utf8'));

/** Kratos's serializer output for a DB fixture; its empty `aal` values predate the aal column, so fill them in. */
function realSession(): Record<string, unknown> {
  const session = fixture('session-aal2-fixture.json') as { authentication_methods: Array<{ aal: string }> };
  session.authentication_methods[0]!.aal = 'aal1';
  session.authentication_methods[1]!.aal = 'aal2';
  return session;
}

describe('spec validator', () => {
  it('accepts real Kratos payloads', () => {
    expect(
      validateAgainstSpec({
        method: 'GET',
        path: '/sessions/whoami',
        status: 401,
        body: fixture('whoami-401-no-session.json'),
      }),
    ).toEqual([]);
    expect(
      validateAgainstSpec({ method: 'GET', path: '/sessions/whoami', status: 200, body: realSession() }),
    ).toEqual([]);
    expect(
      validateAgainstSpec({
        method: 'POST',
        path: '/self-service/login?flow=00000000-0000-0000-0000-000000000000',
        status: 400,
        body: fixture('login-flow-wrong-password-4000006.json'),
      }),
    ).toEqual([]);
  });

  it("accepts recovery's 400 naming a new flow after too many codes (measured on v1.3.1), nothing else", () => {
    const tooOften = {
      error: {
        code: 400,
        status: 'Bad Request',
        reason: 'The request was submitted too often. Please request another code.',
        details: {
          continue_with: [
            { action: 'show_recovery_ui', flow: { id: 'aee520f9-1947-40e6-9abc-046a6c5727fe' } },
          ],
        },
        message: 'The request was malformed or contained invalid parameters',
      },
    };
    const exchange = { method: 'POST', path: '/self-service/recovery?flow=x', status: 400 };
    expect(validateAgainstSpec({ ...exchange, body: tooOften })).toEqual([]);
    expect(validateAgainstSpec({ ...exchange, body: { error: { reason: 'no message' } } })).not.toEqual([]);
  });

  it('rejects a body that breaks the schema', () => {
    const session = realSession();
    const problems = validateAgainstSpec({
      method: 'GET',
      path: '/sessions/whoami',
      status: 200,
      body: { ...session, id: 42, authenticator_assurance_level: 'aal9' },
    });
    expect(problems.join('\n')).toMatch(/\/id must be string/);
    expect(problems.join('\n')).toMatch(
      /authenticator_assurance_level must be equal to one of the allowed values/,
    );
  });

  it('rejects a whoami session without identity (only the login response may null it)', () => {
    const session = realSession();
    const whoami = {
      method: 'GET',
      path: '/sessions/whoami',
      status: 200,
      body: { ...session, identity: null },
    };
    expect(validateAgainstSpec(whoami)).not.toEqual([]);
    const login = { method: 'POST', path: '/self-service/login?flow=x', status: 200 };
    expect(
      validateAgainstSpec({
        ...login,
        body: { session_token: 't', session: { ...session, identity: null } },
      }),
    ).toEqual([]);
  });

  it('rejects a flow whose ui node breaks the node_type discriminator', () => {
    const flow = structuredClone(fixture('login-flow-wrong-password-4000006.json')) as {
      ui: { nodes: Array<{ attributes: Record<string, unknown> }> };
    };
    flow.ui.nodes[0]!.attributes.node_type = 'blink';
    const problems = validateAgainstSpec({
      method: 'GET',
      path: '/self-service/login/flows?id=x',
      status: 200,
      body: flow,
    });
    expect(problems).not.toEqual([]);
  });

  it('rejects undeclared operations and statuses, and missing or unexpected bodies', () => {
    expect(validateAgainstSpec({ method: 'GET', path: '/nope', status: 200, body: {} })[0]).toMatch(
      /no operation/,
    );
    expect(
      validateAgainstSpec({ method: 'GET', path: '/health/alive', status: 200, body: undefined })[0],
    ).toMatch(/declares a JSON body but none was sent/);
    expect(
      validateAgainstSpec({
        method: 'DELETE',
        path: '/self-service/logout/api',
        status: 204,
        body: { x: 1 },
      })[0],
    ).toMatch(/declares no body/);
  });

  it('rejects a non-JSON content type', () => {
    const problems = validateAgainstSpec({
      method: 'GET',
      path: '/health/alive',
      status: 200,
      responseHeaders: { 'Content-Type': 'text/plain' },
      body: { status: 'ok' },
    });
    expect(problems[0]).toMatch(/Content-Type is text\/plain/);
  });
});
