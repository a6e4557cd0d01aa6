/**
 * Pure builders for the recovery and verification flows with the `code` method
 * (strategy/code; fixtures/recovery-nodes-native-code-sent.json, recovery-flow-api-error-4000001.json).
 */
import * as text from '../messages';
import { newFlowBody, openingFields, type FlowBody, type FlowContext } from './flow';
import { csrfNode, inputNode, submitNode, type UiNode } from './nodes';
import { randomString } from './tokens';

export type CodeFlowKind = 'recovery' | 'verification';

/** Step 1: ask for the email address. */
const emailNodes = (): UiNode[] => [
  csrfNode(),
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
  return [
    csrfNode(),
    code,
    inputNode('code', 'method', 'hidden', { value: 'code' }),
    submitNode('code', 'method', 'code', text.labelContinue()),
    submitNode('code', 'email', email, text.labelResendCode()),
  ];
}

/** A new flow at step 1, asking for the email address. */
export function newCodeFlowBody(kind: CodeFlowKind, ctx: FlowContext): FlowBody {
  const base = newFlowBody(kind, ctx, emailNodes());
  return {
    ...openingFields(base),
    active: 'code',
    ui: base.ui,
    state: 'choose_method',
  };
}

/** Kratos's one-time codes are 6 digits. */
export const newOneTimeCode = (): string => randomString(6, '0123456789');
