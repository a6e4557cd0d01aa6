/**
 * Before the app says "Now using …", it checks that the URL is really a Kratos public API: the process
 * answers `GET /health/alive`, and `GET /self-service/login/api` creates a native login flow. A web page,
 * the admin API, a proxy's login portal or a host that does not exist fails one of the two, and the person
 * is told which, in words, while nothing is switched.
 */
import type { KratosApi } from './api';
import type { KratosResult } from './result';

export type ProbeResult = { ok: true } | { ok: false; message: string };

export async function probeKratos(api: KratosApi): Promise<ProbeResult> {
  const alive = await api.checkAlive();
  if (alive.kind !== 'success') return { ok: false, message: refusal(api.baseUrl, 'health', alive) };
  const flow = await api.createLoginFlow();
  if (flow.kind !== 'success') return { ok: false, message: refusal(api.baseUrl, 'flow', flow) };
  return { ok: true };
}

function refusal(baseUrl: string, step: 'health' | 'flow', result: KratosResult<unknown>): string {
  const unchanged = 'The server was not changed.';
  if (result.kind === 'unreachable' && (result.reason === 'network' || result.reason === 'timeout')) {
    return `${result.message} Check the address and your connection. ${unchanged}`;
  }
  const what =
    step === 'health'
      ? 'its health check (/health/alive) did not answer as Kratos does'
      : 'it did not create a sign-in flow as the Kratos public API does';
  return `${baseUrl} answered, but ${what}. Check that this is the public API (often port 4433), not the admin API or a web page. ${unchanged}`;
}
