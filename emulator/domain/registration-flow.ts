/**
 * Pure builder for native registration flows with the password method: csrf, identifier traits, password,
 * the other traits, submit (fixtures/registration-flow-missing-fields-4000002.json).
 */
import * as text from '../messages';
import { newFlowBody, openingFields, type FlowBody, type FlowContext } from './flow';
import { traitNodes } from './identity-schema';
import { csrfNode, inputNode, submitNode } from './nodes';

export function newRegistrationFlowBody(ctx: FlowContext): FlowBody {
  const traits = traitNodes('default');
  const base = newFlowBody('registration', ctx, [
    csrfNode(),
    ...traits.identifiers,
    inputNode('password', 'password', 'password', {
      required: true,
      autocomplete: 'new-password',
      label: text.labelPassword(),
    }),
    ...traits.others,
    submitNode('password', 'method', 'password', text.signUp()),
  ]);
  return {
    ...openingFields(base),
    ui: base.ui,
    organization_id: null,
    state: base.state,
  };
}
