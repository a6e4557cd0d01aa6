/**
 * The one-time code of passwordless sign-in and sign-up (strategy/code/strategy_login.go and
 * strategy_registration.go): sent to an address, kept with the flow until it expires or is used, and the
 * nodes of the "enter the code" step. Recovery and verification keep their own codes (code-flows.ts).
 */
import type { App } from '../app';
import { newOneTimeCode } from '../domain/code-flows';
import { touch, type FlowRecord } from '../domain/flow';
import type { UiNode } from '../../shared/kratos-wire';
import { inputNode, submitNode } from '../domain/nodes';
import { text } from '../messages';
import { sendCode } from '../outbox';

export interface CodeSecrets {
  code?: string;
  codeAddress?: string;
  codeExpiresAt?: string;
}

/**
 * Sends a new code to `address` (replacing any earlier one of this flow); the flow moves to sent_email.
 * Returns false, sending nothing, once the flow has sent its share (`codeSendAllowed`).
 */
export function sendFlowCode(
  app: App,
  record: FlowRecord,
  template: 'login_code' | 'registration_code',
  address: string,
): boolean {
  if (!codeSendAllowed(record)) return false;
  const now = app.clock.now();
  const code = newOneTimeCode();
  record.secrets = {
    ...record.secrets,
    code,
    codeAddress: address,
    codeExpiresAt: new Date(now.getTime() + app.config.codeLifespanMs).toISOString(),
  } satisfies CodeSecrets;
  sendCode(app, template, address, code);
  record.body.state = 'sent_email';
  record.body.active = 'code';
  touch(record.body, now);
  return true;
}

/** True when `code` is this flow's unexpired code for `address`. */
export function checkCode(app: App, record: FlowRecord, code: string, address: string): boolean {
  const secrets = (record.secrets ?? {}) as CodeSecrets;
  return (
    secrets.code !== undefined &&
    secrets.code === code.trim() &&
    secrets.codeAddress === address &&
    new Date(secrets.codeExpiresAt ?? 0) > app.clock.now()
  );
}

/**
 * Kratos lets a flow try five one-time codes (persistence/sql useOneTimeCode: the flow's submit_count is
 * counted up before the code is even looked at, and a count above 5 is ErrCodeSubmittedTooOften). A new code
 * does not reset it: after five wrong codes the flow is spent (measured on v1.3.1: even "Resend code" then
 * the right new code is refused).
 */
const MAX_CODE_ATTEMPTS = 5;

/** Counts one code attempt on `record`; false once the flow has used up its attempts. */
export function codeAttemptAllowed(record: FlowRecord): boolean {
  record.codeAttempts = (record.codeAttempts ?? 0) + 1;
  return record.codeAttempts <= MAX_CODE_ATTEMPTS;
}

/**
 * Codes one flow may send. Kratos has no such bound (Ory Network rate-limits in front of it), but each send
 * here lands in the outbox and the data file: one recovery flow took unlimited resends (issue 21). A person
 * who needs more starts again.
 */
export const MAX_CODES_SENT = 5;

export const CODES_SENT_TOO_OFTEN = `This form has already sent ${MAX_CODES_SENT} codes. Start again to get another one.`;

/** Counts one request to send a code on `record`; false once the flow has sent its share. */
export function codeSendAllowed(record: FlowRecord): boolean {
  record.codesSent = (record.codesSent ?? 0) + 1;
  return record.codesSent <= MAX_CODES_SENT;
}

/** The reason of ErrCodeSubmittedTooOften, also the text of the 4000001 message it becomes in a login flow. */
export const CODE_SUBMITTED_TOO_OFTEN = 'The request was submitted too often. Please request another code.';

/** The "enter the code" step: code field, submit, "Resend code" (and "Back" to the credentials on sign-up). */
export function codeSentNodes(kind: 'login' | 'registration'): UiNode[] {
  return [
    inputNode('code', 'method', 'hidden', { value: 'code' }),
    inputNode('code', 'code', 'text', {
      required: true,
      label: kind === 'login' ? text.labelLoginCode() : text.labelRegistrationCode(),
    }),
    submitNode('code', 'method', 'code', text.labelContinue()),
    submitNode('code', 'resend', 'code', text.labelResendCode()),
    ...(kind === 'registration'
      ? [submitNode('profile', 'screen', 'credential-selection', text.registrationBack())]
      : []),
  ];
}
