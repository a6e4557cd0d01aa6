/**
 * "Verify now" beside an address that is not verified yet: what to send to a fresh verification flow so
 * Kratos mails a code to exactly that address. The same values the verification form would send if the
 * person typed the address and pressed its button (values.ts), so there is one way to build them. Pure.
 */
import { isInputNode } from '../../../shared/kratos-wire';
import type { FlowValues, FlowView } from '../../../shared/ipc-contract';
import { primarySubmit } from '../../../shared/flow/nodes';
import { collectValues } from '../../../shared/flow/values';

/** The code request for `address`, or `undefined` when the flow has no address field to send it with. */
export function codeRequestFor(flow: FlowView, address: string): FlowValues | undefined {
  const field = flow.ui.nodes.find(
    (node) => isInputNode(node) && node.attributes.name === 'email' && node.attributes.type !== 'submit',
  );
  if (!field) return undefined;
  const button = primarySubmit(flow.ui.nodes, field.group);
  if (!button) return undefined;
  return collectValues(flow.ui.nodes, new Map([['email', address]]), button);
}
