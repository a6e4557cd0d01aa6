/**
 * Before the app says "Now using …", it checks that the URL is really a Kratos public API: the process
 * answers `GET /health/alive`, and `GET /self-service/login/api` creates a native login flow. A web page,
 * the admin API, a proxy's login portal or a host that does not exist fails one of the two, and the person
 * is told which, in words, while nothing is switched.
 */
import type { KratosApi } from './api';
import type { KratosResult } from './result';
import { text } from '../strings';

export type ProbeResult = { ok: true } | { ok: false; message: string };

export async function probeKratos(api: KratosApi): Promise<ProbeResult> {
  const alive = await api.checkAlive();
  if (alive.kind !== 'success') return { ok: false, message: refusal(api.baseUrl, 'health', alive) };
  const flow = await api.createLoginFlow();
  if (flow.kind !== 'success') return { ok: false, message: refusal(api.baseUrl, 'flow', flow) };
  return { ok: true };
}

function refusal(baseUrl: string, step: 'health' | 'flow', result: KratosResult<unknown>): string {
  const words = text.endpoint;
  if (result.kind === 'unreachable' && (result.reason === 'network' || result.reason === 'timeout')) {
    return words.unreachable(result.message, words.unchanged);
  }
  const what = step === 'health' ? words.healthFailed : words.flowFailed;
  return words.notKratos(baseUrl, what, words.unchanged);
}
