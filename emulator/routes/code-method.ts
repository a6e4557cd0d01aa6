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
import * as text from '../messages';
import { sendCode } from '../outbox';

export interface CodeSecrets {
  code?: string;
  codeAddress?: string;
  codeExpiresAt?: string;
}

/** Sends a new code to `address` (replacing any earlier one of this flow); the flow moves to sent_email. */
export function sendFlowCode(
  app: App,
  record: FlowRecord,
  template: 'login_code' | 'registration_code',
  address: string,
): void {
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
