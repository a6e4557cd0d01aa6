/**
 * The sign-in form remembers the last identifier (the email) a person signed in with on a server: main puts
 * it in the next sign-in flow's `identifier` field before the window sees the flow (no request, no IPC), so
 * after signing out only the password is left to type. Never the password, never a token: only the name a
 * person types to say who they are (docs/security.md, "What the app remembers").
 */
import type { FlowValues } from '../../shared/ipc-contract';
import { isInputNode, type AnyFlow } from '../../shared/kratos-wire';

/** Longer than any address a mail server delivers to (RFC 5321: 254); longer values are not remembered. */
export const maxIdentifierLength = 320;

/** The methods that sign in with an identifier the person typed (not a provider, not a passkey). */
const identifierMethods: ReadonlySet<unknown> = new Set(['password', 'code']);

/** The identifier a successful first-factor submit signed in with, if it is one worth remembering. */
export function signedInIdentifier(values: FlowValues): string | undefined {
  const identifier = values['identifier'];
  if (!identifierMethods.has(values['method']) || typeof identifier !== 'string') return undefined;
  const trimmed = identifier.trim();
  return trimmed !== '' && trimmed.length <= maxIdentifierLength ? trimmed : undefined;
}

/**
 * `flow` with `identifier` in its visible, empty `identifier` fields. A field the server filled (a
 * re-authentication names its account) keeps the server's value.
 */
export function withIdentifier<F extends Pick<AnyFlow, 'ui'>>(flow: F, identifier: string | undefined): F {
  if (identifier === undefined) return flow;
  const nodes = flow.ui.nodes.map((node) =>
    isInputNode(node) &&
    node.attributes.name === 'identifier' &&
    node.attributes.type !== 'hidden' &&
    (node.attributes.value === undefined || node.attributes.value === null || node.attributes.value === '')
      ? { ...node, attributes: { ...node.attributes, value: identifier } }
      : node,
  );
  return { ...flow, ui: { ...flow.ui, nodes } };
}
