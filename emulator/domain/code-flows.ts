/**
 * Pure builders for the recovery and verification flows with the `code` method
 * (strategy/code; fixtures/recovery-nodes-native-code-sent.json, recovery-flow-api-error-4000001.json).
 * Real Kratos gives the verification flow no csrf_token node until it succeeds (measured on v1.3.1).
 */
import { text, type UiText } from '../messages';
import { newFlowBody, openingFields, type FlowBody, type FlowContext } from './flow';
import type { RecoveryFlow, UiNode, VerificationFlow } from '../../shared/kratos-wire';
import { csrfNode, inputNode, linkNode, submitNode } from './nodes';
import { isEmailAddress } from './identity-schema';
import { randomString } from './tokens';

export type CodeFlowKind = 'recovery' | 'verification';

/** Step 1: ask for the email address. */
export const emailNodes = (kind: CodeFlowKind): UiNode[] => [
  ...(kind === 'recovery' ? [csrfNode()] : []),
  inputNode('code', 'email', 'email', { required: true, label: text.labelEmail() }),
  submitNode('code', 'method', 'code', text.labelContinue()),
];

/** Step 2 (state sent_email): the code field, the submit, and a resend button carrying the address. */
export function codeNodes(kind: CodeFlowKind, email: string): UiNode[] {
  const code = inputNode('code', 'code', 'text', {
    required: true,
    autocomplete: 'one-time-code',
    maxlength: 6,
    label: kind === 'recovery' ? text.labelRecoveryCode() : text.labelVerificationCode(),
  });
  // Kratos puts `pattern` between autocomplete and disabled.
  code.attributes = { ...code.attributes, pattern: '[0-9]+' } as typeof code.attributes;
  const method = inputNode('code', 'method', 'hidden', { value: 'code' });
  return [
    ...(kind === 'recovery' ? [csrfNode(), code, method] : [method, code]),
    submitNode('code', 'method', 'code', text.labelContinue()),
    submitNode('code', 'email', email, text.labelResendCode()),
  ];
}

/** Verification done: a "Continue" link to where the person goes next (the flow's return_to, else the default). */
export const verifiedNodes = (href: string): UiNode[] => [
  csrfNode(),
  linkNode('code', 'continue', href, text.labelContinue()),
];

/** A new flow at step 1, asking for the email address. */
export function newCodeFlowBody(kind: CodeFlowKind, ctx: FlowContext): FlowBody {
  const base = newFlowBody(kind, ctx, emailNodes(kind));
  return {
    ...openingFields(base),
    active: 'code',
    ui: base.ui,
    state: 'choose_method',
  } satisfies RecoveryFlow & VerificationFlow;
}

/**
 * What is wrong with the address typed on step 1, if anything: missing (4000002) or not an email address
 * (current Kratos's 4000040; v1.3.1 sends 4000001 with the schema validator's text).
 */
export function addressProblem(email: string): UiText | undefined {
  if (email.trim() === '') return text.validationRequired('email');
  if (!isEmailAddress(email.trim())) return text.invalidEmail();
  return undefined;
}

/** Kratos's one-time codes are 6 digits. */
export const newOneTimeCode = (): string => randomString(6, '0123456789');
