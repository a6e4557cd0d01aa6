import { describe, expect, it } from 'vitest';
import { fromRequestError } from '../../../main/kratos/unreachable';

const BASE = 'https://auth.example.com';
const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('fromRequestError', () => {
  it.each([
    [
      'ECONNREFUSED',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (connection refused).',
    ],
    [
      'ECONNRESET',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (connection reset).',
    ],
    [
      'ENOTFOUND',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (host name not found).',
    ],
    [
      'EAI_AGAIN',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (host name lookup failed; are you offline?).',
    ],
    [
      'UND_ERR_SOCKET',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (the connection closed unexpectedly).',
    ],
    [
      'CERT_HAS_EXPIRED',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (its TLS certificate has expired).',
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'network',
      'Cannot reach the Kratos server at https://auth.example.com (its TLS certificate is for a different host name).',
    ],
    ['EWHATEVER', 'network', 'Cannot reach the Kratos server at https://auth.example.com (error EWHATEVER).'],
    [
      'UND_ERR_CONNECT_TIMEOUT',
      'timeout',
      'The Kratos server at https://auth.example.com did not answer in time (no connection could be opened).',
    ],
    [
      'UND_ERR_HEADERS_TIMEOUT',
      'timeout',
      'The Kratos server at https://auth.example.com did not answer in time (no response arrived).',
    ],
    [
      'ETIMEDOUT',
      'timeout',
      'The Kratos server at https://auth.example.com did not answer in time (the connection timed out).',
    ],
  ])('%s → %s', (code, reason, message) => {
    expect(fromRequestError(BASE, coded(code))).toEqual({ kind: 'unreachable', reason, message });
  });

  it('finds the code on a wrapped cause', () => {
    const wrapped = new TypeError('fetch failed', { cause: coded('ECONNREFUSED') });
    expect(fromRequestError(BASE, wrapped)).toMatchObject({
      reason: 'network',
      message: expect.stringContaining('connection refused'),
    });
  });

  it.each([[undefined], [null], ['a string'], [42], [new Error('no code')]])('survives %j', (thrown) => {
    expect(fromRequestError(BASE, thrown)).toEqual({
      kind: 'unreachable',
      reason: 'network',
      message: 'Cannot reach the Kratos server at https://auth.example.com (unknown network error).',
    });
  });

  it('never includes the error text (it is not written for users and may carry anything)', () => {
    const result = fromRequestError(BASE, coded('ECONNRESET', 'x-session-token: ory_st_SECRET'));
    expect(JSON.stringify(result)).not.toContain('ory_st_SECRET');
  });
});
